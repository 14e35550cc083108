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

private:
    Database &m_database;
};

} // namespace hk
