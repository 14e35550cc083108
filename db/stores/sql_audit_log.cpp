#include "db/stores/sql_audit_log.h"

#include "db/audit_chain.h"
#include "db/hall/pg_connection.h"
#include "db/sql_values.h"
#include "db/transaction.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

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

std::unique_ptr<AuditChainWalker> SqlAuditLog::walker() const
{
    if (const HallConnection *hall = m_database.hallConnection())
        return std::make_unique<SqlAuditChainWalker>(*hall);
    if (m_database.path() == Database::kInMemory)
        return nullptr; // a second connection would see another, empty database
    return std::make_unique<SqlAuditChainWalker>(m_database.path());
}

SqlAuditChainWalker::SqlAuditChainWalker(QString sqlitePath)
    : m_path(std::move(sqlitePath))
{
}

SqlAuditChainWalker::SqlAuditChainWalker(const HallConnection &hall)
    : m_hall(std::make_unique<HallConnection>(hall))
{
    m_hall->applicationName += QStringLiteral("-audit-check");
}

SqlAuditChainWalker::~SqlAuditChainWalker() = default;

Result<AuditCheck, StoreError> SqlAuditChainWalker::walk(const std::atomic<bool> &cancel, std::atomic<qint64> &progress)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("hallkiosk-audit-walk-%1").arg(++counter);
    Result<AuditCheck, StoreError> result = fail(StoreError{StoreError::Kind::Unavailable, QStringLiteral("not walked")});
    {
        QSqlDatabase db;
        if (m_hall) {
            auto opened = openHallConnection(*m_hall, name);
            if (!opened) {
                QSqlDatabase::removeDatabase(name);
                return fail(opened.error());
            }
            db = std::move(opened).value();
            // A walk waiting on another session's lock is not left hanging: a shutdown waits for it.
            QSqlQuery settings(db);
            settings.exec(QStringLiteral("SET lock_timeout = '5s'"));
            settings.exec(QStringLiteral("SET statement_timeout = '30s'"));
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
            if (!db.open()) {
                const StoreError error = storeError(QStringLiteral("open %1 to check its audit chain").arg(m_path), db.lastError());
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(name);
                return fail(error);
            }
        }
        AuditCheck check;
        for (;;) {
            if (cancel.load()) {
                result = fail(StoreError{StoreError::Kind::Unavailable, QStringLiteral("cancelled")});
                break;
            }
            QSqlQuery q(db);
            const qint64 before = check.rows;
            auto batch = AuditChain::verify(q, check, kBatch);
            if (!batch) {
                result = fail(batch.error());
                break;
            }
            check = batch.value();
            progress.store(check.rows);
            if (check.rows - before < kBatch) {
                result = check;
                break;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace hk
