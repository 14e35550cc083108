#pragma once

#include "app/ports/clock.h"
#include "app/ports/stores/audit_log.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace hk {

// Health's `audit` (DESIGN §16): whether the terminal's chains hold, how many rows they have, the
// first bad row, and how many staff actions could not be written.
struct AuditHealth {
    bool checked = false;  // every log walked whole once (the start-up check is done)
    bool checking = false; // a log not walked whole yet: `ok` is not known (JSON null)
    bool ok = true;        // meaningful when checked, or when a log already found broken (false)
    qint64 rows = 0;       // checked: the rows checked; checking: the rows in the logs now
    qint64 checkedRows = 0; // checking: the rows walked so far
    std::optional<qint64> firstBadSeq;
    QString log; // whose chain is broken: "terminal" or "hall"
    QString problem;
    int unrecorded = 0; // staff actions done whose audit row could not be written
};

// The audit trail of the staff's actions (DESIGN §16): window actions and mode changes, help
// taken, ratings entered by staff, complaint steps are written by the services through record(),
// each as the staff member acting (`staff:S01`, a window's caller `caller:3`). A failed write does
// not undo or refuse the action (the clerk's queue must not stop): it is logged as a warning and
// counted in health.
//
// The check: each chain is walked whole once, off the GUI thread — checkAtStartup() starts a worker
// thread that walks each log's chain through its AuditChainWalker (a connection of the worker's own,
// rows in batches); the result comes back to this object's thread, an error naming the first bad row
// (the terminal keeps running). Until then health says `checking`. From the verified head the check
// is kept current row by row (AuditLog::verifyAfter) whenever health asks: a health request reads
// only the rows written since the last one. A walk that could not run (the hall's database out of
// reach) is tried again at a health look at least 30 s later. A log without a walker (an in-memory
// database: tools) is walked on this thread. The destructor cancels a walk still running (it stops
// between batches) and waits for the worker, so the terminal can quit at any moment.
class AuditTrailService : public QObject {
    Q_OBJECT
public:
    struct Log {
        QString name; // "terminal" | "hall"
        AuditLog *log = nullptr;
    };
    // `logs.front()` is where staff actions are written (the hall's in a hall, else the
    // terminal's); every log is checked.
    AuditTrailService(std::vector<Log> logs, const Clock &clock, QObject *parent = nullptr);
    ~AuditTrailService() override;

    // True when the row was written.
    bool record(const QString &actor, const QString &action, const QString &subject, const QJsonObject &detail = {});
    // Starts the whole walk of every chain not walked yet, on the worker; returns at once.
    void checkAtStartup();
    // The check, brought up to the rows written since it last looked (starts the walk if it never ran).
    AuditHealth health();
    // True while the worker walks.
    bool walking() const { return m_worker != nullptr; }
    // The log staff actions go to: its head for the day close's checkpoint.
    AuditLog &staffLog() const { return *m_logs.front().log; }
    // Every log, by name ("hall", "terminal"): the day close checkpoints each.
    const std::vector<Log> &logs() const { return m_logs; }

Q_SIGNALS:
    void recorded(const QString &action);
    // Every log walked whole (intact or not), after the start-up check.
    void checked();

private:
    struct State {
        std::optional<AuditCheck> check; // the rows walked and verified, and their head
        bool walking = false;
        std::shared_ptr<std::atomic<qint64>> progress = std::make_shared<std::atomic<qint64>>(0);
    };
    void startWalks();
    void onWalked(size_t index, const Result<AuditCheck, StoreError> &walked);
    void onWorkerFinished();
    void reportWalked(size_t index) const;
    void extend();

    std::vector<Log> m_logs;
    std::vector<State> m_states;
    const Clock &m_clock;
    int m_unrecorded = 0;
    std::unique_ptr<QThread> m_worker;
    std::atomic<bool> m_cancel{false};
    QElapsedTimer m_lastFailure; // invalid: no walk failed
};

} // namespace hk
