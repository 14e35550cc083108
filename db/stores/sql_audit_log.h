#pragma once

#include "app/ports/stores/audit_log.h"
#include "db/database.h"

namespace hk {

// The AuditLog: the audit_log table (SQLite migration 3), append-only by trigger, chained
// by AuditChain.
class SqlAuditLog final : public AuditLog {
public:
    explicit SqlAuditLog(Database &database);

    Result<AuditRecord, StoreError> append(const AuditEntry &entry) override;
    Result<std::vector<AuditRecord>, StoreError> entries(const QString &subject = {}) override;
    Result<AuditCheck, StoreError> verify() override;

private:
    Database &m_database;
};

} // namespace hk
