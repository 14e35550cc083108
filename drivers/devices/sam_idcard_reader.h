#pragma once

#include "app/ports/devices/device_trace.h"
#include "app/ports/devices/identity_reader.h"
#include "drivers/protocols/sam_idcard/sam_command.h"
#include "drivers/protocols/sam_idcard/sam_frame_decoder.h"
#include "drivers/protocols/sam_idcard/sam_response.h"
#include "drivers/transports/byte_transport.h"

#include <QByteArray>
#include <QTimer>

#include <optional>

namespace hk {

// A second-generation ID-card reader speaking the SAM_A frames of GA 467 (reference §1) over any
// byte transport: the SAM's status once it is connected, then every poll interval find card →
// select → read text (30 01); every SW3 code becomes a typed outcome. Each request has its
// deadline; a reply that does not fit the request (a late answer to an earlier one) is ignored.
// A card is reported once however long it lies there: it is read again only after the reader has
// said twice that no card is there. The photo is never kept; the text leaves as an
// IdentityDocument with the number and name only.
//
// With a trace it records its commands as sent and each reply frame as received, but never a
// card's data: a reply that carries more than the 8 bytes of a select answer (the text and photo of
// a read) is recorded as its header, length and status bytes with everything after them zeroed, and
// bytes outside a good frame (noise, a frame that failed its check, a reply cut short) as zeros of
// their length — a damaged read is still a card's text. So the frame log and the diagnostics
// bundle never hold a name or an ID number.
class SamIdCardReader final : public IdentityReader {
    Q_OBJECT
public:
    struct Timing {
        int pollIntervalMs = 500;   // find card; hev-idcard-reader polls every 1 s, citizens like faster
        int replyTimeoutMs = 800;   // status, find, select (clients use 300–800 ms, reference §1.3)
        int readTimeoutMs = 2000;   // the 1295-byte read (clients use ~1100 ms)
        int offlineAfterTimeouts = 3;
    };

    SamIdCardReader(ByteTransport &transport, Timing timing, QObject *parent = nullptr);
    explicit SamIdCardReader(ByteTransport &transport, QObject *parent = nullptr)
        : SamIdCardReader(transport, Timing{}, parent)
    {
    }

    void start() override;
    DeviceHealth health() const override { return m_health; }
    // Nullable, not owned: nothing is recorded without one.
    void setTrace(DeviceTrace *trace) { m_trace = trace; }

private:
    enum class Step { Idle, Status, Find, Select, Read };

    void onTick();
    void send(Step step, const SamCommand &command, int timeoutMs);
    void onReceived(const QByteArray &bytes);
    void onDeadline();
    void onResponse(const SamResponse &response);
    bool fits(Step step, const SamResponse &response) const;
    void onStatus(const SamResponse &response);
    void onFind(const SamResponse &response);
    void onSelect(const SamResponse &response);
    void onRead(SamResponse response);
    void cardProblem(SamStatus status);
    void moduleFault(SamStatus status);
    void idle(bool answered = true);
    void reportFailure(CardReadFailure::Kind kind, const QString &detail);
    void setHealth(DeviceHealth health);
    void traceReceived(const SamFrameDecoder::Event &event);

    ByteTransport &m_transport;
    Timing m_timing;
    SamFrameDecoder m_decoder;
    QTimer m_poll;
    QTimer m_deadline;
    Step m_step = Step::Idle;
    bool m_samReady = false;
    int m_timeouts = 0;
    // The card on the reader, as a hash of its text (in memory only), once it has been reported.
    std::optional<QByteArray> m_reported;
    int m_absent = 0;          // consecutive "no card" answers
    int m_cardFailures = 0;    // consecutive failed selects/reads of a card not reported yet
    bool m_failureShown = false;
    DeviceTrace *m_trace = nullptr;
    bool m_wasLost = false;
    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
};

} // namespace hk
