#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace hk {

// One maintenance or staff action (DESIGN §5, §16, seed 000 §三(八)): who did what to what. Never a
// name, an ID number or a phone number — a staff id, a ticket id.
struct AuditEntry {
    QDateTime at;
    QString actor;   // "citizen", "staff:S01", "technician:T7", "caller:3", "terminal"
    QString action;  // "ticket_reprinted", "ticket_called", …
    QString subject; // what it was done to: a ticket id, a window, a device
    QJsonObject detail;
};

struct AuditRecord {
    qint64 seq = 0;
    AuditEntry entry;
    QString hash; // hex SHA-256 over the previous row's hash and this row (db/README.md, "Audit chain")
};

// The last row of the chain: what a check continues from, and what a day close reports to the
// platform (`audit_checkpoint {rows, head}`).
struct AuditHead {
    qint64 rows = 0;
    qint64 seq = 0;  // 0 for an empty log
    QString hash;    // empty for an empty log (the chain starts from 64 zeros)
    int format = 0;  // the row's chain format; 0 for an empty log
};

struct AuditCheck {
    qint64 rows = 0;
    std::optional<qint64> firstBadSeq; // the first row whose hash or link does not hold
    QString problem;
    AuditHead head; // the last row walked: verifyAfter() goes on from here
    bool intact() const { return !firstBadSeq; }
};

// A walk of a whole chain on a connection of its own (DESIGN §16: the start-up check off the GUI
// thread). Made on the thread that owns the log, handed to a worker: walk() runs there entirely —
// it opens its own connection, reads the rows in batches, and closes it before it returns, so no
// other code ever touches that connection. It stops between batches once `cancel` is set (an error
// of kind Unavailable, "cancelled"); `progress` counts the rows walked so far.
class AuditChainWalker {
public:
    virtual ~AuditChainWalker() = default;
    virtual Result<AuditCheck, StoreError> walk(const std::atomic<bool> &cancel, std::atomic<qint64> &progress) = 0;
};

// The append-only audit log with a hash chain: each row's hash covers the previous row's hash, so
// changing, removing or inserting a row breaks every hash after it.
class AuditLog {
public:
    virtual ~AuditLog() = default;
    virtual Result<AuditRecord, StoreError> append(const AuditEntry &entry) = 0;
    virtual Result<std::vector<AuditRecord>, StoreError> entries(const QString &subject = {}) = 0;
    // Walks the whole chain.
    virtual Result<AuditCheck, StoreError> verify() = 0;
    // Goes on with `known` (what verify() or an earlier verifyAfter() gave): walks only the rows
    // written after known.head and adds them up, so a check kept current costs the new rows alone.
    virtual Result<AuditCheck, StoreError> verifyAfter(const AuditCheck &known) = 0;
    // The chain's last row and the number of rows, without walking it.
    virtual Result<AuditHead, StoreError> head() = 0;
    // A walker for another thread, or null where the log cannot be reached from a second
    // connection (an in-memory database): then verify() on the owner's thread is the only way.
    virtual std::unique_ptr<AuditChainWalker> walker() const { return nullptr; }
};

} // namespace hk
