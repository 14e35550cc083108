#pragma once

#include "drivers/devices/queued_ticket_printer.h"
#include "drivers/protocols/escpos/escpos_status.h"
#include "drivers/transports/byte_transport.h"

#include <QElapsedTimer>
#include <QTimer>

namespace hk {

// An ESC/POS ticket printer behind any byte transport. It asks DLE EOT 1, 2, 4 (and 3 when 2
// reports an error), one reply byte each within the reply timeout, before every ticket, after every
// ticket, at start-up and while idle (DESIGN §4). Requests run one at a time, in order. With a
// trace it records each write and each reply as it crosses the transport, every status byte as a
// good frame and a reply that is no status byte, or none in time, as a bad one.
class EscPosPrinter final : public QueuedTicketPrinter {
    Q_OBJECT
public:
    struct Timing {
        int replyTimeoutMs = 200;
        int writeTimeoutMs = 10000; // a long ticket at 9600 baud takes seconds
        int idlePollMs = 5000;      // 0 = no polling while idle
        // A printer that did not answer is asked again this soon (then twice as late each time,
        // up to idlePollMs), so a stalled reply does not leave it offline until the next poll.
        int retryAfterTimeoutMs = 1000;
    };

    EscPosPrinter(ByteTransport &transport, EscPosProfile profile, Timing timing, QObject *parent = nullptr);
    EscPosPrinter(ByteTransport &transport, EscPosProfile profile, QObject *parent = nullptr)
        : EscPosPrinter(transport, std::move(profile), Timing{}, parent)
    {
    }

    void start();

    // Maps a status to what a caller can do with it (exposed for tests).
    static Result<PrinterReadiness, DeviceError> evaluate(const EscPosStatus &status);

private:
    enum class Phase { Idle, Writing, Querying };

    void run() override;
    void settle() override { m_phase = Phase::Idle; }
    void beginQueries();
    void sendQuery(int n);
    void onReceived(const QByteArray &bytes);
    void onDeadline();
    void onWritten();
    void onLost(const QString &reason);
    void reportStatus(const Result<PrinterReadiness, DeviceError> &result, const QString &detail);

    ByteTransport &m_transport;
    Timing m_timing;
    Phase m_phase = Phase::Idle;
    int m_query = 0;
    EscPosStatus m_status;
    QTimer m_deadline;
    QElapsedTimer m_asked;       // since the query was sent
    bool m_lateForgiven = false; // the query's deadline came late once and was given again
    QTimer m_poll;
    QTimer m_retry;
    int m_retryMs = 0;
    bool m_wasLost = false; // the link went; its return counts as a reconnect
};

} // namespace hk
