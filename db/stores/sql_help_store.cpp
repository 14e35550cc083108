#include "db/stores/sql_help_store.h"

#include "db/sql_values.h"
#include "db/stores/sql_outbox_store.h"
#include "db/transaction.h"

#include <QJsonObject>
#include <QSqlError>

namespace hk {

using sql::run;

SqlHelpStore::SqlHelpStore(Database &database)
    : m_database(database)
{
}

Result<void, StoreError> SqlHelpStore::add(const HelpRequest &request)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        if (!run(q, QStringLiteral("INSERT INTO help_requests (id, terminal_id, terminal_name, at) VALUES (?, ?, ?, ?)"),
                 {request.id, request.terminalId, request.terminal, sql::utcText(request.at)}))
            return fail(storeError(QStringLiteral("help request"), q.lastError()));
        if (auto e = insertOutboxEvent(q, {sql::newId(), QStringLiteral("help_requested"), request.at,
                                           QJsonObject{{QStringLiteral("terminal"), request.terminalId}}});
            !e)
            return fail(e.error());
        return tx.commit();
    });
}

Result<std::vector<HelpRequest>, StoreError> SqlHelpStore::pending()
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT id, terminal_id, terminal_name, at FROM help_requests WHERE taken_at IS NULL ORDER BY at, id")))
        return fail(storeError(QStringLiteral("pending help requests"), q.lastError()));
    std::vector<HelpRequest> requests;
    while (q.next())
        requests.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                            sql::instantOrNull(q.value(3)).value_or(QDateTime())});
    return requests;
}

Result<bool, StoreError> SqlHelpStore::take(const QString &id, const QString &by, const QDateTime &at)
{
    return m_database.retry([&]() -> Result<bool, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("UPDATE help_requests SET taken_at = ?, taken_by = ? WHERE id = ? AND taken_at IS NULL"),
                 {sql::utcText(at), by.isEmpty() ? QVariant() : QVariant(by), id}))
            return fail(storeError(QStringLiteral("take help request"), q.lastError()));
        return q.numRowsAffected() == 1;
    });
}

} // namespace hk
