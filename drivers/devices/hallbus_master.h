#pragma once

#include "app/ports/clock.h"
#include "app/ports/devices/device_trace.h"
#include "app/ports/devices/window_bus.h"
#include "app/ports/stores/window_bus_state_store.h"
#include "drivers/protocols/hallbus/hallbus_messages.h"
#include "drivers/protocols/hallbus/hallbus_stream_decoder.h"
#include "drivers/transports/byte_transport.h"

#include <QTimer>

#include <map>
#include <optional>
#include <vector>

namespace hk {

struct HallbusAddresses {
    int board = 0; // 0: none at this window
    int caller = 0;
    int evaluator = 0;
};

struct HallbusTiming {
    int firstByteMs = 100;      // DESIGN §4: the first reply byte within 100 ms …
    int interByteMs = 20;       // … then no gap over 20 ms
    int retries = 2;            // then the device is offline
    int pollIntervalMs = 300;   // callers and evaluators
    int offlineProbeMs = 3000;  // an offline device is tried again this often, once each time
    int boardRefreshMs = 60000; // boards are sent their text again, in case one restarted blank
    int baud = 9600;            // to allow for the time a frame takes on the wire
};

// The hallbus master (DESIGN §4) behind the WindowBus port: one request at a time on a half-duplex
// line, each with its deadline (first byte within 100 ms of the frame leaving, no gap over 20 ms),
// two retries, then the device is marked offline — and probed again until it answers. Boards are
// written the latest content they should show (never a backlog of stale texts); callers and
// evaluators are polled, and each event they report is acted on exactly once: only a number newer
// than the last one acted on (RFC 1982, window 127), that number persisted before the event goes
// up, and acknowledged on the next POLL. A reply with status 10 (fresh start) resets the number
// first. The persisted number makes a restart safe: an event may at worst be lost to a power cut
// at that very instant, never acted on twice. Time comes from the Clock: the timers only wake the
// master (and bound each reply), the schedule of polls, probes and refreshes is read from the clock.
// With a trace it records each request as sent and the bytes of the line as received (late ones
// too), a reply that answers its request as a good frame, one that fails its check, answers
// something else, carries an unreadable event list or never comes as a bad one.
class HallbusMaster final : public WindowBus {
    Q_OBJECT
public:
    struct Stats {
        int requests = 0;
        int retries = 0;
        int timeouts = 0;
        int badFrames = 0;
        int duplicateEvents = 0; // events seen again because an ack was lost: ignored
    };

    HallbusMaster(ByteTransport &transport, WindowBusStateStore &store, const Clock &clock,
                  std::map<int, HallbusAddresses> windows, HallbusTiming timing = {}, QObject *parent = nullptr);

    void start() override;
    void show(int window, const BoardContent &content) override;
    void requestRating(int window, const QString &ticketId, const QString &ticketNumber) override;
    DeviceHealth health() const override { return m_health; }
    QList<WindowDeviceState> devices() const override;
    Stats stats() const { return m_stats; }
    // A request is on the line, its reply awaited (or its retry due).
    bool busy() const { return m_inFlight.has_value(); }
    // Nullable, not owned: nothing is recorded without one.
    void setTrace(DeviceTrace *trace) { m_trace = trace; }

private:
    struct Unit {
        WindowDeviceState::Role role = WindowDeviceState::Role::Board;
        int window = 0;
        std::uint8_t address = 0;
        std::optional<bool> online; // unknown until it first answers or fails
        QString detail;
        qint64 nextProbeAtMs = 0;   // while offline
        // Board: what it should show, and which lines still have to be sent.
        BoardContent desired;
        bool dirty[2] = {false, false};
        qint64 refreshedAtMs = 0;
        // Caller and evaluator.
        std::uint8_t lastActed = 0;
        qint64 nextPollAtMs = 0;
        // Evaluator: the ticket of the last RATE sent (its ratings belong to it), and the one whose
        // RATE waits to go out (rateNumber), after a POLL that collects what was rated before it.
        QString rateTicketId;
        QString nextRateTicketId;
        QString rateNumber;
        bool rateDirty = false;
        bool pollBeforeRate = false;
    };
    enum class Purpose { ShowLine1, ShowLine2, Rate, Poll };
    struct InFlight {
        std::size_t unit = 0;
        Purpose purpose = Purpose::Poll;
        hallbus::Command command = hallbus::Command::Poll;
        QByteArray bytes;
        int attempt = 0;
        int maxAttempts = 1;
    };

    void schedulePump();
    void pump();
    std::optional<InFlight> nextRequest(qint64 now);
    void send();
    void onReceived(const QByteArray &bytes);
    void onDeadline();
    void onLost(const QString &reason);
    void attemptFailed(const QString &why);
    void completed(const HallbusReply &reply);
    bool handlePoll(Unit &unit, const HallbusReply &reply);
    void setOnline(Unit &unit, bool online, const QString &detail);
    void updateHealth();
    Unit *unitFor(int window, WindowDeviceState::Role role);
    qint64 wireTimeMs(qsizetype bytes) const;
    qint64 elapsedMs();

    ByteTransport &m_transport;
    WindowBusStateStore &m_store;
    const Clock &m_clock;
    HallbusTiming m_timing;
    std::vector<Unit> m_units;
    HallbusStreamDecoder m_decoder;
    std::optional<InFlight> m_inFlight;
    QTimer m_deadline;
    QTimer m_wake;
    QDateTime m_lastReading; // the clock's last answer
    qint64 m_elapsedMs = 0;  // since start(), never running backwards
    bool m_pumpScheduled = false;
    bool m_started = false;
    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
    Stats m_stats;
    DeviceTrace *m_trace = nullptr;
    bool m_wasLost = false;
};

} // namespace hk
