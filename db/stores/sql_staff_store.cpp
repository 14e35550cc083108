#include "db/stores/sql_staff_store.h"

#include "db/sql_values.h"

#include <QSqlError>

namespace hk {

using sql::run;
using sql::utcText;

SqlStaffStore::SqlStaffStore(Database &database)
    : m_database(database)
{
}

Result<SignInFailures, StoreError> SqlStaffStore::failures(const QString &staffId)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT failures, locked_until FROM staff_signin WHERE staff_id = ?"), {staffId}))
        return fail(storeError(QStringLiteral("sign-in failures"), q.lastError()));
    SignInFailures f;
    if (q.next()) {
        f.count = q.value(0).toInt();
        f.lockedUntil = sql::instantOrNull(q.value(1));
    }
    return f;
}

Result<void, StoreError> SqlStaffStore::setFailures(const QString &staffId, const SignInFailures &f)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        const bool ok = f.count == 0 && !f.lockedUntil
                            ? run(q, QStringLiteral("DELETE FROM staff_signin WHERE staff_id = ?"), {staffId})
                            : run(q, QStringLiteral("INSERT INTO staff_signin (staff_id, failures, locked_until) VALUES (?, ?, ?) "
                                                    "ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, "
                                                    "locked_until = excluded.locked_until"),
                                  {staffId, f.count, sql::utcOrNull(f.lockedUntil)});
        if (!ok)
            return fail(storeError(QStringLiteral("save sign-in failures"), q.lastError()));
        return Ok{};
    });
}

Result<void, StoreError> SqlStaffStore::saveSession(const StaffSessionRecord &s)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("INSERT INTO staff_sessions (token_digest, staff_id, window_number, expires_at, scope) VALUES (?, ?, ?, ?, ?) "
                                   "ON CONFLICT (token_digest) DO UPDATE SET staff_id = excluded.staff_id, "
                                   "window_number = excluded.window_number, expires_at = excluded.expires_at, scope = excluded.scope"),
                 {s.tokenDigest, s.staffId, s.window, utcText(s.expiresAt),
                  s.ratingOnly ? QStringLiteral("rating") : QStringLiteral("full")}))
            return fail(storeError(QStringLiteral("save session"), q.lastError()));
        return Ok{};
    });
}

Result<std::optional<StaffSessionRecord>, StoreError> SqlStaffStore::session(const QByteArray &tokenDigest)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT staff_id, window_number, expires_at, scope FROM staff_sessions WHERE token_digest = ?"), {tokenDigest}))
        return fail(storeError(QStringLiteral("session"), q.lastError()));
    if (!q.next())
        return std::optional<StaffSessionRecord>();
    return std::optional<StaffSessionRecord>(StaffSessionRecord{tokenDigest, q.value(0).toString(), q.value(1).toInt(),
                                                                sql::instantOrNull(q.value(2)).value_or(QDateTime()),
                                                                q.value(3).toString() == QLatin1String("rating")});
}

Result<void, StoreError> SqlStaffStore::deleteSession(const QByteArray &tokenDigest)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("DELETE FROM staff_sessions WHERE token_digest = ?"), {tokenDigest}))
            return fail(storeError(QStringLiteral("delete session"), q.lastError()));
        return Ok{};
    });
}

Result<void, StoreError> SqlStaffStore::deleteExpiredSessions(const QDateTime &now)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("DELETE FROM staff_sessions WHERE expires_at <= ?"), {utcText(now)}))
            return fail(storeError(QStringLiteral("delete expired sessions"), q.lastError()));
        return Ok{};
    });
}

} // namespace hk
