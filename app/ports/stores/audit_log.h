#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace hk {

// One maintenance or staff action (DESIGN §5, seed 000 §三(八)): who did what to what. Never a
// name, an ID number or a phone number — a staff id, a ticket id.
struct AuditEntry {
    QDateTime at;
    QString actor;   // "citizen", "staff:S01", "technician:T7", "terminal"
    QString action;  // "ticket_reprinted", …
    QString subject; // what it was done to: a ticket id, a device
    QJsonObject detail;
};

struct AuditRecord {
    qint64 seq = 0;
    AuditEntry entry;
    QString hash; // hex SHA-256 over the previous row's hash and this row
};

struct AuditCheck {
    qint64 rows = 0;
    std::optional<qint64> firstBadSeq; // the first row whose hash or link does not hold
    QString problem;
    bool intact() const { return !firstBadSeq; }
};

// The append-only audit log with a hash chain: each row's hash covers the previous row's hash, so
// changing, removing or inserting a row breaks every hash after it.
class AuditLog {
public:
    virtual ~AuditLog() = default;
    virtual Result<AuditRecord, StoreError> append(const AuditEntry &entry) = 0;
    virtual Result<std::vector<AuditRecord>, StoreError> entries(const QString &subject = {}) = 0;
    virtual Result<AuditCheck, StoreError> verify() = 0;
};

} // namespace hk
