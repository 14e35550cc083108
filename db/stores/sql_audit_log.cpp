#include "db/stores/sql_audit_log.h"

#include "db/audit_chain.h"
#include "db/sql_values.h"
#include "db/transaction.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace hk {

SqlAuditLog::SqlAuditLog(Database &database)
    : m_database(database)
{
}

Result<AuditRecord, StoreError> SqlAuditLog::append(const AuditEntry &entry)
{
    return m_database.retry([&]() -> Result<AuditRecord, StoreError> {
        QSqlQuery q(m_database.connection());
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        auto record = AuditChain::append(q, entry);
        if (!record)
            return record;
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return record;
    });
}

Result<std::vector<AuditRecord>, StoreError> SqlAuditLog::entries(const QString &subject)
{
    QSqlQuery q(m_database.connection());
    const bool ok = subject.isEmpty()
                        ? sql::run(q, QStringLiteral("SELECT seq, at, actor, action, subject, detail, hash FROM audit_log ORDER BY seq"))
                        : sql::run(q, QStringLiteral("SELECT seq, at, actor, action, subject, detail, hash FROM audit_log "
                                                     "WHERE subject = ? ORDER BY seq"),
                                   {subject});
    if (!ok)
        return fail(storeError(QStringLiteral("audit read"), q.lastError()));
    std::vector<AuditRecord> records;
    while (q.next()) {
        AuditEntry e{*sql::instantOrNull(q.value(1)), q.value(2).toString(), q.value(3).toString(), q.value(4).toString(),
                     QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object()};
        records.push_back({q.value(0).toLongLong(), e, q.value(6).toString()});
    }
    return records;
}

Result<AuditCheck, StoreError> SqlAuditLog::verify()
{
    QSqlQuery q(m_database.connection());
    return AuditChain::verify(q);
}

Result<AuditCheck, StoreError> SqlAuditLog::verifyAfter(const AuditCheck &known)
{
    QSqlQuery q(m_database.connection());
    return AuditChain::verify(q, known);
}

Result<AuditHead, StoreError> SqlAuditLog::head()
{
    QSqlQuery q(m_database.connection());
    return AuditChain::head(q);
}

} // namespace hk
