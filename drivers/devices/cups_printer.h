#pragma once

#include "app/ports/devices/ticket_printer.h"
#include "drivers/protocols/escpos/escpos_profile.h"
#include "drivers/transports/cups_queue.h"

#include <QHash>
#include <QQueue>
#include <QTimer>

#include <optional>

namespace hk {

// An ESC/POS ticket printer behind a CUPS raw queue (DESIGN §4). CUPS gives no way to ask the
// printer for paper or cover, so the queue stands in for DLE EOT: a stopped queue, one that does
// not accept jobs, or one with a job pending longer than pendingLimitS is bad, and health says
// that paper is not reported. A ticket is printed when its job has completed within the limit;
// a job still pending then leaves the ticket failed — and is cancelled before that ticket is
// printed again, so it can never come out twice.
class CupsPrinter final : public TicketPrinter {
    Q_OBJECT
public:
    struct Timing {
        int pendingLimitS = 10;
        int jobPollMs = 100;
        int idlePollMs = 5000; // 0 = no polling while idle
    };

    CupsPrinter(CupsQueue &queue, EscPosProfile profile, Timing timing, QObject *parent = nullptr);

    void start();
    void checkStatus(StatusCallback done) override;
    void print(const PrintDocument &document, PrintCallback done) override;
    DeviceHealth health() const override { return m_health; }

    // The queue's state as a printer status (exposed for tests).
    static Result<PrinterReadiness, DeviceError> evaluate(const CupsQueueState &state, int pendingLimitS, QString *detail);
    // Jobs sent for a document key and not known to be finished.
    std::optional<int> pendingJobFor(const QString &key) const;

private:
    struct Request {
        bool isPrint = false;
        PrintDocument document;
        QByteArray bytes;
        StatusCallback onStatus;
        PrintCallback onPrint;
    };

    void schedulePump();
    void pump();
    void askQueue(std::function<void(Result<PrinterReadiness, DeviceError>)> then);
    void submit();
    void pollJob();
    void finish(Result<PrinterReadiness, DeviceError> result);
    void setHealth(DeviceHealth health);

    CupsQueue &m_queue;
    EscPosProfile m_profile;
    Timing m_timing;
    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
    QQueue<Request> m_requests;
    std::optional<Request> m_current;
    int m_currentJob = 0;
    QTimer m_jobPoll;
    QTimer m_jobDeadline;
    QTimer m_idlePoll;
    QHash<QString, int> m_jobsByKey;
    bool m_pumpScheduled = false;
};

} // namespace hk
