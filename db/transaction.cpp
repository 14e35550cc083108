#include "db/transaction.h"

#include "db/database.h"
#include "db/logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace hk {

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcDb) << "rollback failed:" << query.lastError().text();
}

Result<void, StoreError> Transaction::begin()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(storeError(QStringLiteral("begin"), query.lastError()));
    m_open = true;
    return Ok{};
}

Result<void, StoreError> Transaction::commit()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT")))
        return fail(storeError(QStringLiteral("commit"), query.lastError()));
    m_open = false;
    return Ok{};
}

} // namespace hk
