#include "db/sql_values.h"

#include "db/hall/pg_connection.h"

#include <QUuid>

#include <utility>
#include <vector>

namespace hk::sql {

QString utcText(const QDateTime &instant)
{
    return instant.toUTC().toString(Qt::ISODateWithMs);
}

QVariant utcOrNull(const std::optional<QDateTime> &instant)
{
    return instant ? QVariant(utcText(*instant)) : QVariant();
}

std::optional<QDateTime> instantOrNull(const QVariant &value)
{
    if (value.isNull() || value.toString().isEmpty())
        return std::nullopt;
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

double unixSeconds(const QDateTime &instant)
{
    return double(instant.toMSecsSinceEpoch()) / 1000.0;
}

namespace {

thread_local bool t_conflict = false;
thread_local bool t_connectionLost = false;
thread_local QString t_connectionLostWhy;
thread_local bool t_commitInDoubt = false;
thread_local int t_retryDepth = 0;
thread_local bool t_skipped = false;
// The hall connections' watches on this thread: none on a terminal alone, one on a hall terminal.
thread_local std::vector<std::pair<const QSqlDriver *, ConnectionWatch *>> t_watches;

ConnectionWatch *watchOf(const QSqlDriver *driver)
{
    for (const auto &[d, watch] : t_watches) {
        if (d == driver)
            return watch;
    }
    return nullptr;
}

template <typename Values>
bool runWith(QSqlQuery &query, const QString &sql, const Values &values)
{
    ConnectionWatch *const watch = t_watches.empty() ? nullptr : watchOf(query.driver());
    t_skipped = watch && watch->offline();
    if (t_skipped)
        return false; // nothing waits on a hall out of reach
    struct Watched {
        ConnectionWatch *watch;
        explicit Watched(ConnectionWatch *w) : watch(w) { if (watch) watch->statementStarted(); }
        ~Watched() { if (watch) watch->statementEnded(); }
    } const watched(watch);
    bool ok = query.prepare(sql);
    if (ok) {
        for (const QVariant &v : values) {
            // Qt binds a null QString as SQL NULL; only an invalid QVariant() means NULL here.
            if (v.typeId() == QMetaType::QString && v.toString().isNull())
                query.addBindValue(QStringLiteral(""));
            else
                query.addBindValue(v);
        }
        ok = query.exec();
    }
    if (!ok)
        noteFailure(query.driver(), query.lastError());
    return ok;
}

} // namespace

bool run(QSqlQuery &query, const QString &sql, std::initializer_list<QVariant> values)
{
    return runWith(query, sql, values);
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    return runWith(query, sql, values);
}

QString text(std::string_view name)
{
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

bool isConflict(const QSqlDriver *driver, const QSqlError &error)
{
    if (!driver || error.type() == QSqlError::NoError)
        return false;
    const QString code = error.nativeErrorCode();
    switch (driver->dbmsType()) {
    case QSqlDriver::PostgreSQL:
        return code == QLatin1String("40001") || code == QLatin1String("40P01");
    case QSqlDriver::SQLite: {
        // SQLITE_BUSY (5), SQLITE_LOCKED (6), and their extended codes (BUSY_SNAPSHOT …).
        bool isNumber = false;
        const int primary = code.toInt(&isNumber) & 0xff;
        return isNumber && (primary == 5 || primary == 6);
    }
    default:
        return false;
    }
}

void noteFailure(const QSqlDriver *driver, const QSqlError &error)
{
    t_skipped = false;
    if (isConflict(driver, error)) {
        t_conflict = true;
        return;
    }
    if (!driver || driver->dbmsType() != QSqlDriver::PostgreSQL || !isConnectionError(error, driver))
        return;
    t_connectionLost = true;
    t_connectionLostWhy = error.text().trimmed();
    if (t_connectionLostWhy.isEmpty())
        t_connectionLostWhy = QStringLiteral("the connection is closed");
    if (ConnectionWatch *watch = watchOf(driver))
        watch->connectionLost(t_connectionLostWhy);
}

void clearConnectionLost()
{
    t_connectionLost = false;
}

bool takeConnectionLost(QString *why)
{
    if (why && t_connectionLost)
        *why = t_connectionLostWhy;
    return std::exchange(t_connectionLost, false);
}

void noteCommitInDoubt()
{
    t_commitInDoubt = true;
}

void clearCommitInDoubt()
{
    t_commitInDoubt = false;
}

bool commitInDoubt()
{
    return t_commitInDoubt;
}

bool lastRunSkipped()
{
    return t_skipped;
}

QString failureText(const QSqlError &error)
{
    // A skipped statement leaves its query without an error of its own.
    return t_skipped && error.type() == QSqlError::NoError ? QStringLiteral("the hall database is offline") : error.text();
}

void watchConnection(const QSqlDriver *driver, ConnectionWatch *watch)
{
    std::erase_if(t_watches, [driver](const auto &entry) { return entry.first == driver; });
    if (watch)
        t_watches.emplace_back(driver, watch);
}

void clearConflict()
{
    t_conflict = false;
}

bool takeConflict()
{
    return std::exchange(t_conflict, false);
}

bool inRetry()
{
    return t_retryDepth > 0;
}

void enterRetry()
{
    ++t_retryDepth;
}

void leaveRetry()
{
    --t_retryDepth;
}

} // namespace hk::sql
