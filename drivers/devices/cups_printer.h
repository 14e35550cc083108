#pragma once

#include "drivers/devices/queued_ticket_printer.h"
#include "drivers/transports/cups_queue.h"

#include <QHash>
#include <QTimer>

#include <optional>

namespace hk {

// An ESC/POS ticket printer behind a CUPS raw queue (DESIGN §4). CUPS gives no way to ask the
// printer for paper or cover, so the queue stands in for DLE EOT: a stopped queue, one that does
// not accept jobs, or one with a job pending longer than pendingLimitS is bad, and health says
// that paper is not reported. A ticket is printed when its job has completed within the limit;
// a job still pending then leaves the ticket failed — and is cancelled before that ticket is
// printed again, so it can never come out twice. With a trace, each job's bytes are recorded as
// sent, and what the scheduler says (the queue's state when it changes, a job's end) as received.
class CupsPrinter final : public QueuedTicketPrinter {
    Q_OBJECT
public:
    struct Timing {
        int pendingLimitS = 10;
        int jobPollMs = 100;
        int idlePollMs = 5000; // 0 = no polling while idle
    };

    CupsPrinter(CupsQueue &queue, EscPosProfile profile, Timing timing, QObject *parent = nullptr);

    void start();

    // The queue's state as a printer status (exposed for tests).
    static Result<PrinterReadiness, DeviceError> evaluate(const CupsQueueState &state, int pendingLimitS, QString *detail);
    // Jobs sent for a document key and not known to be finished.
    std::optional<int> pendingJobFor(const QString &key) const;

private:
    void run() override;
    void settle() override { m_currentJob = 0; }
    void askQueue(std::function<void(Result<PrinterReadiness, DeviceError>)> then);
    void submit();
    void pollJob();
    void traceAnswer(bool answered);

    CupsQueue &m_queue;
    Timing m_timing;
    int m_currentJob = 0;
    QTimer m_jobPoll;
    QTimer m_jobDeadline;
    QTimer m_idlePoll;
    QHash<QString, int> m_jobsByKey;
    QByteArray m_lastQueueState; // as last recorded in the trace
    bool m_schedulerLost = false; // the scheduler did not answer; its next answer is a reconnect
};

} // namespace hk
