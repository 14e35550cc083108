#include "drivers/devices/hallbus_master.h"

#include "drivers/devices/logging.h"
#include "drivers/protocols/hallbus/hallbus_serial_number.h"

namespace hk {

using namespace hallbus;
using Role = WindowDeviceState::Role;

HallbusMaster::HallbusMaster(ByteTransport &transport, WindowBusStateStore &store, const Clock &clock,
                             std::map<int, HallbusAddresses> windows, HallbusTiming timing, QObject *parent)
    : WindowBus(parent)
    , m_transport(transport)
    , m_store(store)
    , m_clock(clock)
    , m_timing(timing)
{
    for (const auto &[window, a] : windows) {
        for (const auto &[role, address] : {std::pair{Role::Board, a.board}, {Role::Caller, a.caller}, {Role::Evaluator, a.evaluator}}) {
            if (address < 1 || address > kMaxAddress)
                continue;
            Unit u;
            u.role = role;
            u.window = window;
            u.address = static_cast<std::uint8_t>(address);
            m_units.push_back(std::move(u));
        }
    }
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &HallbusMaster::onDeadline);
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &HallbusMaster::pump);
    connect(&m_transport, &ByteTransport::received, this, &HallbusMaster::onReceived);
    connect(&m_transport, &ByteTransport::lost, this, &HallbusMaster::onLost);
    connect(&m_transport, &ByteTransport::opened, this, [this] {
        if (std::exchange(m_wasLost, false) && m_trace)
            m_trace->reconnected();
        updateHealth();
        schedulePump();
    });
    connect(&m_transport, &ByteTransport::openFailed, this, [this](const QString &reason) {
        m_health = {DeviceHealth::State::Offline, QStringLiteral("%1: %2").arg(m_transport.describe(), reason), DeviceError::Offline};
        if (m_trace)
            m_trace->error(m_health.detail);
        Q_EMIT healthChanged(m_health);
    });
}

void HallbusMaster::start()
{
    m_lastReading = m_clock.now();
    m_elapsedMs = 0;
    for (Unit &u : m_units) {
        if (u.role == Role::Board)
            continue;
        // The numbers acted on before a restart (DESIGN §4): a restart never acts on an event twice.
        if (auto record = m_store.load(u.address)) {
            u.lastActed = static_cast<std::uint8_t>(record->lastActed);
            u.rateTicketId = record->rateTicketId;
        } else {
            qCCritical(lcHallbus).noquote() << "cannot read the state of device" << u.address << ":" << record.error().detail;
        }
    }
    m_started = true;
    m_transport.open();
    updateHealth();
}

HallbusMaster::Unit *HallbusMaster::unitFor(int window, Role role)
{
    for (Unit &u : m_units) {
        if (u.window == window && u.role == role)
            return &u;
    }
    return nullptr;
}

void HallbusMaster::show(int window, const BoardContent &content)
{
    Unit *board = unitFor(window, Role::Board);
    if (!board)
        return;
    if (content.line1 != board->desired.line1 || content.blink != board->desired.blink)
        board->dirty[0] = true;
    if (content.line2 != board->desired.line2)
        board->dirty[1] = true;
    board->desired = content;
    schedulePump();
}

void HallbusMaster::requestRating(int window, const QString &ticketId, const QString &ticketNumber)
{
    Unit *evaluator = unitFor(window, Role::Evaluator);
    if (!evaluator)
        return;
    // A rating belongs to the ticket of the last RATE sent (DESIGN §4). Until this one goes out the
    // evaluator still shows the previous ticket, and what a citizen rated on it is that ticket's:
    // the evaluator is polled first, its events acted on for the previous ticket, then the RATE
    // is sent and from then on its ratings belong to this one.
    evaluator->nextRateTicketId = ticketId;
    evaluator->rateNumber = ticketNumber;
    evaluator->rateDirty = true;
    evaluator->pollBeforeRate = true;
    schedulePump();
}

QList<WindowDeviceState> HallbusMaster::devices() const
{
    QList<WindowDeviceState> out;
    for (const Unit &u : m_units) {
        const DeviceHealth::State state = u.online.value_or(true) ? DeviceHealth::State::Ok : DeviceHealth::State::Offline;
        out.append({u.window, u.role, u.address, state, u.online ? u.detail : QStringLiteral("not asked yet")});
    }
    return out;
}

void HallbusMaster::schedulePump()
{
    if (m_pumpScheduled || !m_started)
        return;
    m_pumpScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_pumpScheduled = false;
        pump();
    });
}

qint64 HallbusMaster::elapsedMs()
{
    // Counted from the clock's steps, a step back counting as none: a clock set back (a time sync)
    // must not stop the polling for as long as it went back.
    const QDateTime now = m_clock.now();
    m_elapsedMs += std::max<qint64>(0, m_lastReading.msecsTo(now));
    m_lastReading = now;
    return m_elapsedMs;
}

qint64 HallbusMaster::wireTimeMs(qsizetype bytes) const
{
    // 8N1: ten bits a byte.
    return (qint64(bytes) * 10 * 1000 + m_timing.baud - 1) / std::max(1, m_timing.baud);
}

std::optional<HallbusMaster::InFlight> HallbusMaster::nextRequest(qint64 now)
{
    const auto reachable = [now](const Unit &u) { return u.online.value_or(true) || now >= u.nextProbeAtMs; };
    const auto attempts = [this](const Unit &u) { return u.online.value_or(true) ? 1 + m_timing.retries : 1; };
    // What people are waiting to see comes first: board texts, then the evaluators' prompts.
    for (std::size_t i = 0; i < m_units.size(); ++i) {
        Unit &u = m_units[i];
        if (u.role != Role::Board)
            continue;
        if (u.online.value_or(true) && now - u.refreshedAtMs >= m_timing.boardRefreshMs && u.refreshedAtMs > 0)
            u.dirty[0] = u.dirty[1] = true;
        if (!reachable(u))
            continue;
        for (int line = 0; line < 2; ++line) {
            if (!u.dirty[line])
                continue;
            u.dirty[line] = false;
            const QString &text = line == 0 ? u.desired.line1 : u.desired.line2;
            const Effect effect = line == 0 && u.desired.blink ? Effect::Blink : Effect::Static;
            return InFlight{i, line == 0 ? Purpose::ShowLine1 : Purpose::ShowLine2, Command::Show,
                            encodeHallbusFrame(HallbusMessages::show(u.address, std::uint8_t(line), effect, text)), 0, attempts(u)};
        }
    }
    for (std::size_t i = 0; i < m_units.size(); ++i) {
        Unit &u = m_units[i];
        if (u.role == Role::Evaluator && u.rateDirty && reachable(u)) {
            if (u.pollBeforeRate)
                return InFlight{i, Purpose::Poll, Command::Poll, encodeHallbusFrame(HallbusMessages::poll(u.address, u.lastActed)), 0,
                                attempts(u)};
            u.rateDirty = false;
            // Sent now: whatever the evaluator reports from here on belongs to this ticket.
            if (u.rateTicketId != u.nextRateTicketId) {
                u.rateTicketId = u.nextRateTicketId;
                if (auto saved = m_store.saveRateTicket(u.address, u.rateTicketId); !saved)
                    qCCritical(lcHallbus).noquote() << "cannot save the ticket put to evaluator" << u.address << ":" << saved.error().detail;
            }
            return InFlight{i, Purpose::Rate, Command::Rate, encodeHallbusFrame(HallbusMessages::rate(u.address, u.rateNumber)), 0,
                            attempts(u)};
        }
    }
    // The device waiting longest for its POLL.
    std::optional<std::size_t> due;
    for (std::size_t i = 0; i < m_units.size(); ++i) {
        const Unit &u = m_units[i];
        if (u.role == Role::Board)
            continue;
        const qint64 at = u.online.value_or(true) ? u.nextPollAtMs : u.nextProbeAtMs;
        if (at <= now && (!due || at < (m_units[*due].online.value_or(true) ? m_units[*due].nextPollAtMs : m_units[*due].nextProbeAtMs)))
            due = i;
    }
    if (due) {
        Unit &u = m_units[*due];
        return InFlight{*due, Purpose::Poll, Command::Poll, encodeHallbusFrame(HallbusMessages::poll(u.address, u.lastActed)), 0,
                        attempts(u)};
    }
    return std::nullopt;
}

void HallbusMaster::pump()
{
    if (m_inFlight || !m_transport.isOpen())
        return;
    const qint64 now = elapsedMs();
    m_inFlight = nextRequest(now);
    if (m_inFlight) {
        send();
        return;
    }
    // Nothing to do now: sleep until the next POLL or probe is due.
    qint64 next = -1;
    for (const Unit &u : m_units) {
        qint64 at = -1;
        if (u.role != Role::Board)
            at = u.online.value_or(true) ? u.nextPollAtMs : u.nextProbeAtMs;
        else if (!u.online.value_or(true) && (u.dirty[0] || u.dirty[1]))
            at = u.nextProbeAtMs;
        else if (u.refreshedAtMs > 0)
            at = u.refreshedAtMs + m_timing.boardRefreshMs;
        if (at >= 0 && (next < 0 || at < next))
            next = at;
    }
    if (next >= 0)
        m_wake.start(int(std::clamp<qint64>(next - now, 0, 60000)));
}

void HallbusMaster::send()
{
    InFlight &f = *m_inFlight;
    ++f.attempt;
    ++m_stats.requests;
    if (f.attempt > 1)
        ++m_stats.retries;
    m_decoder.reset();
    m_transport.discardInput();
    qCDebug(lcHallbus).noquote() << "tx" << f.bytes.toHex(' ');
    if (m_trace)
        m_trace->sent(f.bytes);
    if (!m_transport.write(f.bytes)) {
        attemptFailed(QStringLiteral("write failed"));
        return;
    }
    m_deadline.start(int(m_timing.firstByteMs + wireTimeMs(f.bytes.size())));
}

void HallbusMaster::onReceived(const QByteArray &bytes)
{
    if (m_trace)
        m_trace->received(bytes);
    if (!m_inFlight)
        return; // nobody asked: a late reply to a request already given up
    qCDebug(lcHallbus).noquote() << "rx" << bytes.toHex(' ');
    const Unit &unit = m_units[m_inFlight->unit];
    for (const HallbusDecoded &d : m_decoder.feed(bytes)) {
        if (d.error) {
            ++m_stats.badFrames;
            if (m_trace)
                m_trace->frameBad();
            if (d.address == unit.address) {
                m_deadline.stop();
                attemptFailed(QStringLiteral("reply failed its check"));
                return;
            }
            continue;
        }
        auto reply = HallbusMessages::readReply(*d.frame, unit.address, m_inFlight->command);
        if (!reply) {
            if (m_trace)
                m_trace->frameBad();
            continue; // not the answer to this request (another device's late reply)
        }
        m_deadline.stop();
        if (reply->status == Status::BadCrc) {
            if (m_trace)
                m_trace->frameGood(); // a sound reply, saying our request arrived damaged
            attemptFailed(QStringLiteral("device reports a damaged request"));
            return;
        }
        completed(reply.value());
        return;
    }
    // Part of a reply: the rest must follow without a gap over 20 ms.
    m_deadline.start(m_timing.interByteMs + int(wireTimeMs(1)));
}

void HallbusMaster::onDeadline()
{
    if (!m_inFlight)
        return;
    ++m_stats.timeouts;
    if (m_trace)
        m_trace->frameBad();
    attemptFailed(m_decoder.pendingBytes() > 0 ? QStringLiteral("reply cut short") : QStringLiteral("no reply"));
}

void HallbusMaster::onLost(const QString &reason)
{
    m_wasLost = true;
    m_deadline.stop();
    if (m_inFlight) {
        // Put back what it was carrying, for when the line comes back.
        Unit &u = m_units[m_inFlight->unit];
        if (m_inFlight->purpose == Purpose::ShowLine1)
            u.dirty[0] = true;
        else if (m_inFlight->purpose == Purpose::ShowLine2)
            u.dirty[1] = true;
        else if (m_inFlight->purpose == Purpose::Rate)
            u.rateDirty = true;
        m_inFlight.reset();
    }
    m_health = {DeviceHealth::State::Offline, QStringLiteral("%1 lost: %2").arg(m_transport.describe(), reason), DeviceError::Offline};
    if (m_trace)
        m_trace->error(m_health.detail);
    Q_EMIT healthChanged(m_health);
}

void HallbusMaster::attemptFailed(const QString &why)
{
    InFlight &f = *m_inFlight;
    Unit &u = m_units[f.unit];
    if (f.attempt < f.maxAttempts) {
        qCDebug(lcHallbus).noquote() << "device" << u.address << why << "- retry" << f.attempt;
        send();
        return;
    }
    const qint64 now = elapsedMs();
    // Whatever it should have shown or asked is sent again when it answers.
    if (f.purpose == Purpose::ShowLine1)
        u.dirty[0] = true;
    else if (f.purpose == Purpose::ShowLine2)
        u.dirty[1] = true;
    else if (f.purpose == Purpose::Rate)
        u.rateDirty = true;
    u.nextProbeAtMs = now + m_timing.offlineProbeMs;
    setOnline(u, false, QStringLiteral("%1 after %2 tries").arg(why).arg(f.attempt));
    m_inFlight.reset();
    schedulePump();
}

void HallbusMaster::completed(const HallbusReply &reply)
{
    InFlight f = *m_inFlight;
    m_inFlight.reset();
    Unit &u = m_units[f.unit];
    const qint64 now = elapsedMs();
    setOnline(u, true, QStringLiteral("answering"));
    if (reply.status == Status::UnknownCommand || reply.status == Status::BadData)
        qCWarning(lcHallbus).noquote() << nameOf(u.role) << u.address << "refused" << Qt::hex << int(f.command) << "with status" << int(reply.status);
    bool readable = true;
    switch (f.purpose) {
    case Purpose::ShowLine1:
    case Purpose::ShowLine2:
        u.refreshedAtMs = now;
        break;
    case Purpose::Rate:
        break;
    case Purpose::Poll:
        readable = handlePoll(u, reply);
        if (readable)
            u.pollBeforeRate = false; // what was rated on the previous ticket is in
        break;
    }
    if (m_trace)
        readable ? m_trace->frameGood() : m_trace->frameBad();
    schedulePump();
}

bool HallbusMaster::handlePoll(Unit &u, const HallbusReply &reply)
{
    const qint64 now = elapsedMs();
    u.nextPollAtMs = now + m_timing.pollIntervalMs;
    auto poll = HallbusMessages::readPollReply(reply);
    if (!poll) {
        ++m_stats.badFrames;
        qCWarning(lcHallbus) << "device" << u.address << "sent an unreadable event list; it is asked again";
        u.nextPollAtMs = now;
        return false;
    }
    if (poll->status == Status::FreshStart && u.lastActed != 0) {
        // The device restarted and numbers from 1 again: forget its old numbers before acting.
        qCInfo(lcHallbus) << nameOf(u.role) << u.address << "restarted; its event numbers start again";
        u.lastActed = 0;
        if (auto saved = m_store.saveLastActed(u.address, 0); !saved)
            qCCritical(lcHallbus).noquote() << "cannot save device state:" << saved.error().detail;
    }
    for (const HallbusEvent &e : poll->events) {
        if (!isNewer(e.seq, u.lastActed)) {
            ++m_stats.duplicateEvents; // already acted on: its ack was lost
            continue;
        }
        // Persisted first: a power cut after this line loses the event at worst, never repeats it.
        u.lastActed = e.seq;
        if (auto saved = m_store.saveLastActed(u.address, e.seq); !saved) {
            qCCritical(lcHallbus).noquote() << "cannot save device state; event not acted on:" << saved.error().detail;
            continue;
        }
        if (e.type == HallbusEvent::Type::Key && u.role == Role::Caller) {
            Q_EMIT keyPressed(u.window, static_cast<CallerKey>(e.value));
        } else if (e.type == HallbusEvent::Type::Rating && u.role == Role::Evaluator) {
            Q_EMIT ratingGiven(u.window, u.rateTicketId, e.value);
        } else {
            qCWarning(lcHallbus) << nameOf(u.role) << u.address << "sent an event of type" << int(e.type) << "; ignored";
        }
    }
    // Events came: ask again at once, so their ack frees the device's memory.
    if (!poll->events.empty())
        u.nextPollAtMs = now;
    return true;
}

void HallbusMaster::setOnline(Unit &u, bool online, const QString &detail)
{
    const bool changed = u.online != online;
    const bool wasOffline = u.online == false;
    u.online = online;
    u.detail = detail;
    if (!changed)
        return;
    if (online)
        qCInfo(lcHallbus).noquote() << nameOf(u.role) << u.address << "of window" << u.window << "online";
    else
        qCWarning(lcHallbus).noquote() << nameOf(u.role) << u.address << "of window" << u.window << "offline:" << detail;
    if (!online && m_trace)
        m_trace->error(QStringLiteral("%1 %2 (window %3) offline: %4").arg(nameOf(u.role)).arg(u.address).arg(u.window).arg(detail));
    if (online && wasOffline && u.role == Role::Board) {
        // A board that was away may have lost its text: send it everything again.
        u.dirty[0] = u.dirty[1] = true;
    }
    Q_EMIT devicesChanged();
    updateHealth();
}

void HallbusMaster::updateHealth()
{
    DeviceHealth h;
    if (!m_transport.isOpen()) {
        h = {DeviceHealth::State::Offline, QStringLiteral("%1 not open").arg(m_transport.describe()), DeviceError::Offline};
    } else {
        QStringList offline;
        for (const Unit &u : m_units) {
            if (u.online == false)
                offline << QStringLiteral("%1 %2 (window %3)").arg(nameOf(u.role)).arg(u.address).arg(u.window);
        }
        if (offline.isEmpty())
            h = {DeviceHealth::State::Ok, QStringLiteral("%1 devices on %2").arg(m_units.size()).arg(m_transport.describe()), std::nullopt};
        else
            h = {DeviceHealth::State::Warning, QStringLiteral("offline: %1").arg(offline.join(QStringLiteral(", "))), DeviceError::Offline};
    }
    if (h == m_health)
        return;
    m_health = h;
    Q_EMIT healthChanged(m_health);
}

} // namespace hk
