#pragma once

#include "app/ports/clock.h"
#include "app/ports/stores/audit_log.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace hk {

// Health's `audit` (DESIGN §16): whether the terminal's chains hold, how many rows they have, the
// first bad row, and how many staff actions could not be written.
struct AuditHealth {
    bool checked = false; // false until the start-up check ran
    bool ok = true;
    qint64 rows = 0;
    std::optional<qint64> firstBadSeq;
    QString log; // whose chain is broken: "terminal" or "hall"
    QString problem;
    int unrecorded = 0; // staff actions done whose audit row could not be written
};

// The audit trail of the staff's actions (DESIGN §16): window actions and mode changes, help
// taken, ratings entered by staff, complaint steps are written by the services through record(),
// each as the staff member acting (`staff:S01`, a window's caller `caller:3`). A failed write does
// not undo or refuse the action (the clerk's queue must not stop): it is logged as a warning and
// counted in health. The chains are checked whole at start-up (an error names the first bad row;
// the terminal keeps running), then kept current row by row (AuditLog::verifyAfter) whenever
// health asks: a health request reads only the rows written since the last one, never the chain.
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

    // True when the row was written.
    bool record(const QString &actor, const QString &action, const QString &subject, const QJsonObject &detail = {});
    void checkAtStartup();
    // The check, brought up to the rows written since it last looked.
    AuditHealth health();
    // The log staff actions go to: its head for the day close's checkpoint.
    AuditLog &staffLog() const { return *m_logs.front().log; }

Q_SIGNALS:
    void recorded(const QString &action);

private:
    void extend(bool whole);

    std::vector<Log> m_logs;
    std::vector<std::optional<AuditCheck>> m_checks;
    const Clock &m_clock;
    int m_unrecorded = 0;
};

} // namespace hk
