#pragma once

#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <optional>
#include <string_view>

namespace hk::sql {

// Instants are stored as UTC ISO 8601 text with milliseconds (sortable as text) …
QString utcText(const QDateTime &instant);
QVariant utcOrNull(const std::optional<QDateTime> &instant);
std::optional<QDateTime> instantOrNull(const QVariant &value);
// … and keys used for ordering as Unix seconds.
double unixSeconds(const QDateTime &instant);

// A new row id: a UUID without braces.
QString newId();

// The domain's ASCII names ("waiting", "no_show") as column values.
QString text(std::string_view name);

// Prepares, binds in order, executes. NULL is bound only for QVariant(); a null QString is ''.
// On PostgreSQL the values are written into the statement as the driver writes them for its
// EXECUTE, and it is sent once (one round trip, not three).
// A failure that only means "another writer got there first" is noted for Database::retry.
bool run(QSqlQuery &query, const QString &sql, std::initializer_list<QVariant> values = {});
bool run(QSqlQuery &query, const QString &sql, const QVariantList &values);

// The retry flag of the calling thread (a connection is used by one thread only): set when a
// statement, a BEGIN or a COMMIT failed because of a concurrent writer — SQLSTATE 40001
// (serialization failure) or 40P01 (deadlock) on PostgreSQL, SQLITE_BUSY or SQLITE_LOCKED on SQLite
// — so that `Database::retry` runs the whole operation again and no store reads error codes.
void noteFailure(const QSqlDriver *driver, const QSqlError &error);
bool isConflict(const QSqlDriver *driver, const QSqlError &error);
void clearConflict();
bool takeConflict();
// Whether the calling thread is inside Database::retry, so that a retry nested in it runs once.
bool inRetry();
void enterRetry();
void leaveRetry();

// For the stores whose port speaks an error of its own with a `Store` kind (QueueError,
// RatingError): a failed query ("what: the driver's message") …
template <typename Error>
Error queryError(const QString &what, const QSqlQuery &query)
{
    return Error{Error::Kind::Store, QStringLiteral("%1: %2").arg(what, query.lastError().text())};
}

// … and a failed begin, commit or shared write, as that error.
template <typename Error>
Error fromStoreError(const StoreError &error)
{
    return Error{Error::Kind::Store, error.detail};
}

} // namespace hk::sql
