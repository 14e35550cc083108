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
#include <type_traits>

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
// Sets the flag for a conflict the caller found itself, with no failed statement to show for it (a
// guarded UPDATE that another transaction's commit left changing nothing): the operation runs again.
void noteConflict();
bool isConflict(const QSqlDriver *driver, const QSqlError &error);
void clearConflict();
bool takeConflict();
// The connection-lost flag of the calling thread, beside the conflict flag: set when a statement, a
// BEGIN or a COMMIT on a PostgreSQL connection failed because the server is out of reach or the
// connection is gone (`isConnectionError`: SQLSTATE class 08, a closed socket …), not because the
// statement was refused. Database::retry reads it and takes the hall offline instead of retrying.
void clearConnectionLost();
bool takeConnectionLost(QString *why = nullptr);
// Set on the calling thread when a COMMIT on a PostgreSQL connection failed with a connection
// error: it may have been sent and its answer lost, so the transaction may be committed. A
// connection lost before COMMIT leaves nothing of the transaction in the database. Kept until
// cleared: an operation that must tell the two apart clears it first (HallQueueStore's issues).
void noteCommitInDoubt();
void clearCommitInDoubt();
bool commitInDoubt();

// What a Database keeps over the statements of its hall connection, called from `run` (and from
// noteFailure for BEGIN and COMMIT): a statement starting and ending (the watchdog's arming, so a
// statement run outside Database::retry is bounded too) and the connection found lost. Registered
// per driver for the calling thread (a connection is used by one thread only).
class ConnectionWatch {
public:
    virtual ~ConnectionWatch() = default;
    // Offline: `run` does not touch the connection and fails at once (lastRunSkipped()).
    virtual bool offline() const = 0;
    virtual void statementStarted() = 0;
    virtual void statementEnded() = 0;
    virtual void connectionLost(const QString &why) = 0;
};
// Registers `watch` for the statements of `driver` on the calling thread; nullptr removes it.
void watchConnection(const QSqlDriver *driver, ConnectionWatch *watch);
// Whether the calling thread's last `run` failed without running because its connection was
// offline (the query then holds no error of its own); storeError and queryError say so.
bool lastRunSkipped();
QString failureText(const QSqlError &error);

// Whether the calling thread is inside Database::retry, so that a retry nested in it runs once.
bool inRetry();
void enterRetry();
void leaveRetry();

// For the stores whose port speaks an error of its own with a `Store` kind (QueueError,
// RatingError): a failed query ("what: the driver's message") …
template <typename Error>
Error queryError(const QString &what, const QSqlQuery &query)
{
    return Error{Error::Kind::Store, QStringLiteral("%1: %2").arg(what, failureText(query.lastError()))};
}

// … and a failed begin, commit or shared write, as that error.
template <typename Error>
Error fromStoreError(const StoreError &error)
{
    if constexpr (std::is_same_v<Error, StoreError>)
        return error;
    else
        return Error{Error::Kind::Store, error.detail};
}

// "The hall database is offline" as each port's error: StoreError Unavailable, a port's own
// `Offline` kind where it has one (QueueError), else its `Store` kind (RatingError …).
template <typename Error>
Error offlineError(const QString &detail)
{
    if constexpr (std::is_same_v<Error, StoreError>)
        return StoreError{StoreError::Kind::Unavailable, detail};
    else if constexpr (requires { Error::Kind::Offline; })
        return Error{Error::Kind::Offline, detail};
    else
        return Error{Error::Kind::Store, detail};
}

} // namespace hk::sql
