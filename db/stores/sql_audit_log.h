#pragma once

#include "app/ports/stores/audit_log.h"
#include "db/database.h"

namespace hk {

// The AuditLog: the audit_log table (SQLite migration 3, its chain format from 11), append-only by trigger, chained
// by AuditChain.
class SqlAuditLog final : public AuditLog {
public:
    explicit SqlAuditLog(Database &database);

    Result<AuditRecord, StoreError> append(const AuditEntry &entry) override;
    Result<std::vector<AuditRecord>, StoreError> entries(const QString &subject = {}) override;
    Result<AuditCheck, StoreError> verify() override;
    Result<AuditCheck, StoreError> verifyAfter(const AuditCheck &known) override;
    Result<AuditHead, StoreError> head() override;
    // SqlAuditChainWalker on the same SQLite file or hall database; null for an in-memory database.
    std::unique_ptr<AuditChainWalker> walker() const override;

private:
    Database &m_database;
};

// The walk of SqlAuditLog's chain on a connection of the walking thread's own (AuditChainWalker):
// a read-only QSQLITE connection to the file (WAL: it reads beside the terminal's writes), or a
// QPSQL connection to the hall's database made as every hall connection is (openHallConnection:
// connect_timeout, keepalives, tcp_user_timeout), under a name no other code knows, opened and
// removed inside walk(). Rows are read kBatch at a time (`WHERE seq > last ORDER BY seq LIMIT`), each
// batch a statement of its own, so no read holds a snapshot or a lock for the whole walk.
class SqlAuditChainWalker final : public AuditChainWalker {
public:
    static constexpr int kBatch = 5000;
    explicit SqlAuditChainWalker(QString sqlitePath);
    explicit SqlAuditChainWalker(const HallConnection &hall);
    ~SqlAuditChainWalker() override;
    Result<AuditCheck, StoreError> walk(const std::atomic<bool> &cancel, std::atomic<qint64> &progress) override;

private:
    QString m_path;                      // SQLite
    std::unique_ptr<HallConnection> m_hall; // PostgreSQL
};

} // namespace hk
