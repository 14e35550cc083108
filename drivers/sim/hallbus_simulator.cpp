#include "drivers/sim/hallbus_simulator.h"

#include "drivers/protocols/hallbus/hallbus_serial_number.h"
#include "drivers/sim/logging.h"

#include <cerrno>
#include <unistd.h>

namespace hk {

using namespace hallbus;

Result<std::unique_ptr<HallbusSimulator>, QString> HallbusSimulator::create(const QString &linkPath, QObject *parent)
{
    auto pty = PseudoTerminal::open(linkPath);
    if (!pty)
        return fail(pty.error());
    return std::unique_ptr<HallbusSimulator>(new HallbusSimulator(std::move(pty).value(), parent));
}

HallbusSimulator::HallbusSimulator(std::unique_ptr<PseudoTerminal> pty, QObject *parent)
    : QObject(parent)
    , m_pty(std::move(pty))
{
    m_notifier = std::make_unique<QSocketNotifier>(m_pty->masterFd(), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &HallbusSimulator::onReadable);
    qCInfo(lcSim).noquote() << "hallbus simulator on" << devicePath();
}

HallbusSimulator::~HallbusSimulator() = default;

std::optional<HallbusSimulator::Kind> HallbusSimulator::kindFromString(const QString &name)
{
    if (name == QLatin1String("board"))
        return Kind::Board;
    if (name == QLatin1String("caller"))
        return Kind::Caller;
    if (name == QLatin1String("evaluator"))
        return Kind::Evaluator;
    return std::nullopt;
}

void HallbusSimulator::addDevice(Kind kind, int address)
{
    if (address < 1 || address > kMaxAddress)
        return;
    Device d;
    d.kind = kind;
    d.address = static_cast<std::uint8_t>(address);
    m_devices[address] = std::move(d);
}

void HallbusSimulator::queueEvent(int address, HallbusEvent::Type type, std::uint8_t value)
{
    auto it = m_devices.find(address);
    if (it == m_devices.end())
        return;
    Device &d = it->second;
    // A device keeps what the master has not acknowledged; beyond 79 it has no room.
    if (d.pending.size() >= std::size_t((kMaxData - 2) / 3))
        d.pending.pop_front();
    d.pending.push_back({d.nextSeq, type, value});
    d.nextSeq = nextSequence(d.nextSeq);
}

void HallbusSimulator::press(int address, CallerKey key)
{
    queueEvent(address, HallbusEvent::Type::Key, static_cast<std::uint8_t>(key));
}

void HallbusSimulator::rate(int address, int level)
{
    if (level >= 1 && level <= 5)
        queueEvent(address, HallbusEvent::Type::Rating, static_cast<std::uint8_t>(level));
}

void HallbusSimulator::setSilent(int address, bool silent)
{
    if (auto it = m_devices.find(address); it != m_devices.end())
        it->second.silent = silent;
}

void HallbusSimulator::restart(int address)
{
    auto it = m_devices.find(address);
    if (it == m_devices.end())
        return;
    Device &d = it->second;
    d.pending.clear();
    d.nextSeq = 1;
    d.fresh = true;
    d.freshReplySent = false;
    d.lines[0].clear();
    d.lines[1].clear();
}

void HallbusSimulator::setLoss(double requestLoss, double replyLoss, quint32 seed)
{
    m_requestLoss = std::clamp(requestLoss, 0.0, 1.0);
    m_replyLoss = std::clamp(replyLoss, 0.0, 1.0);
    m_random.seed(seed);
}

bool HallbusSimulator::lost(double probability)
{
    return probability > 0 && m_random.generateDouble() < probability;
}

QString HallbusSimulator::boardLine(int address, int line) const
{
    auto it = m_devices.find(address);
    return it == m_devices.end() || line < 0 || line > 1 ? QString() : it->second.lines[line];
}

QStringList HallbusSimulator::boardHistory(int address) const
{
    auto it = m_devices.find(address);
    return it == m_devices.end() ? QStringList() : it->second.history;
}

QString HallbusSimulator::lastRate(int address) const
{
    auto it = m_devices.find(address);
    return it == m_devices.end() ? QString() : it->second.rateNumber;
}

int HallbusSimulator::pendingEvents(int address) const
{
    auto it = m_devices.find(address);
    return it == m_devices.end() ? 0 : int(it->second.pending.size());
}

void HallbusSimulator::onReadable()
{
    char buffer[1024];
    for (;;) {
        const ssize_t n = ::read(m_pty->masterFd(), buffer, sizeof buffer);
        if (n > 0) {
            for (const HallbusDecoded &d : m_decoder.feed(QByteArray(buffer, n)))
                handle(d);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // EAGAIN: drained
    }
}

void HallbusSimulator::handle(const HallbusDecoded &decoded)
{
    auto it = m_devices.find(decoded.address);
    if (it == m_devices.end() || it->second.silent)
        return;
    Device &device = it->second;
    if (lost(m_requestLoss))
        return; // never heard it
    ++m_requestsHeard;
    std::optional<HallbusFrame> answerFrame;
    if (decoded.error)
        answerFrame = HallbusMessages::reply(device.address, Command::Poll, Status::BadCrc);
    else if (!decoded.frame->isReply())
        answerFrame = answer(device, *decoded.frame);
    if (!answerFrame || lost(m_replyLoss))
        return; // done, but the answer never reaches the master
    reply(*answerFrame);
}

std::optional<HallbusFrame> HallbusSimulator::answer(Device &d, const HallbusFrame &request)
{
    const auto command = static_cast<Command>(request.command);
    const bool board = d.kind == Kind::Board;
    switch (command) {
    case Command::Show: {
        if (!board)
            break;
        const auto show = HallbusMessages::readShow(request.data);
        if (!show || show->line > 1)
            return HallbusMessages::reply(d.address, command, Status::BadData);
        if (d.lines[show->line] != show->text || show->effect == Effect::Blink) {
            d.lines[show->line] = show->text;
            d.history << show->text;
            Q_EMIT boardChanged(d.address, show->line, show->text);
        }
        return HallbusMessages::reply(d.address, command, Status::Ok);
    }
    case Command::Clear:
        if (!board)
            break;
        d.lines[0].clear();
        d.lines[1].clear();
        Q_EMIT boardChanged(d.address, 0, QString());
        Q_EMIT boardChanged(d.address, 1, QString());
        return HallbusMessages::reply(d.address, command, Status::Ok);
    case Command::Brightness:
        if (!board)
            break;
        return HallbusMessages::reply(d.address, command, request.data.size() == 1 ? Status::Ok : Status::BadData);
    case Command::Poll:
        if (board || request.data.size() != 1)
            break;
        return answerPoll(d, static_cast<std::uint8_t>(request.data.at(0)));
    case Command::Rate:
        if (d.kind != Kind::Evaluator)
            break;
        d.rateNumber = HallbusMessages::readRate(request.data);
        Q_EMIT rateRequested(d.address, d.rateNumber);
        return HallbusMessages::reply(d.address, command, Status::Ok);
    }
    return HallbusMessages::reply(d.address, command, Status::UnknownCommand);
}

HallbusFrame HallbusSimulator::answerPoll(Device &d, std::uint8_t ack)
{
    if (d.fresh) {
        // The master has seen the fresh start once its ack is in this device's new numbering (one
        // of the events it was sent, or 0 for none). Until then every POLL gets status 10 and its
        // ack — the master's number from before the restart — is ignored (DESIGN §4).
        const bool acknowledged = d.freshReplySent && (ack == 0 || std::any_of(d.pending.begin(), d.pending.end(), [ack](const HallbusEvent &e) {
                                                           return e.seq == ack;
                                                       }));
        if (!acknowledged) {
            d.freshReplySent = true;
            return HallbusMessages::pollReply(d.address, Status::FreshStart, {d.pending.begin(), d.pending.end()});
        }
        d.fresh = false;
    }
    // The ack removes that event and every one sent before it; an ack for none is ignored.
    auto acked = std::find_if(d.pending.begin(), d.pending.end(), [ack](const HallbusEvent &e) { return e.seq == ack; });
    if (acked != d.pending.end()) {
        d.pending.erase(d.pending.begin(), acked + 1);
        Q_EMIT eventAcknowledged(d.address, ack);
    }
    return HallbusMessages::pollReply(d.address, Status::Ok, {d.pending.begin(), d.pending.end()});
}

void HallbusSimulator::reply(const HallbusFrame &frame)
{
    QByteArray bytes = encodeHallbusFrame(frame);
    if (m_corrupt > 0 && !bytes.isEmpty()) {
        --m_corrupt;
        bytes[bytes.size() - 1] = char(bytes.back() ^ 0xFF);
    }
    const ssize_t n = ::write(m_pty->masterFd(), bytes.constData(), size_t(bytes.size()));
    if (n != bytes.size())
        qCWarning(lcSim) << "hallbus simulator: short write" << n;
}

QString HallbusSimulator::command(const QString &line)
{
    const QStringList words = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return {};
    const QString verb = words.first();
    const auto address = [&]() -> int {
        const int a = words.value(1).toInt();
        return m_devices.count(a) ? a : 0;
    };
    if (verb == QLatin1String("press") && words.size() == 3) {
        const int a = address();
        const auto key = callerKeyFromString(words.at(2));
        if (!a || !key || m_devices[a].kind != Kind::Caller)
            return QStringLiteral("usage: press CALLER-ADDRESS call_next|recall|pass|finish|pause|resume|booking|normal");
        press(a, *key);
        return QStringLiteral("caller %1: %2 (event %3)").arg(a).arg(words.at(2)).arg(int(m_devices[a].pending.back().seq));
    }
    if (verb == QLatin1String("rate") && words.size() == 3) {
        const int a = address();
        const int level = words.at(2).toInt();
        if (!a || level < 1 || level > 5 || m_devices[a].kind != Kind::Evaluator)
            return QStringLiteral("usage: rate EVALUATOR-ADDRESS 1-5 (5 非常满意 … 1 非常不满意)");
        rate(a, level);
        return QStringLiteral("evaluator %1: rated %2 for %3").arg(a).arg(level).arg(m_devices[a].rateNumber);
    }
    if (verb == QLatin1String("silent") && words.size() == 3) {
        const int a = address();
        if (!a)
            return QStringLiteral("usage: silent ADDRESS on|off");
        setSilent(a, words.at(2) == QLatin1String("on"));
        return QStringLiteral("device %1 %2").arg(a).arg(m_devices[a].silent ? QStringLiteral("silent") : QStringLiteral("answering"));
    }
    if (verb == QLatin1String("restart") && words.size() == 2) {
        const int a = address();
        if (!a)
            return QStringLiteral("usage: restart ADDRESS");
        restart(a);
        return QStringLiteral("device %1 restarted").arg(a);
    }
    if (verb == QLatin1String("loss") && words.size() == 2) {
        const double percent = words.at(1).toDouble();
        setLoss(percent / 200.0, percent / 200.0);
        return QStringLiteral("%1 % of the bus's frames are lost").arg(percent);
    }
    if (verb == QLatin1String("corrupt") && words.size() == 2) {
        bool ok = false;
        const int count = words.at(1).toInt(&ok);
        if (!ok || count < 0)
            return QStringLiteral("usage: corrupt COUNT");
        corruptReplies(count);
        return QStringLiteral("the next %1 replies fail their CRC").arg(count);
    }
    if (verb == QLatin1String("boards")) {
        QStringList out;
        for (const auto &[a, d] : m_devices) {
            if (d.kind == Kind::Board)
                out << QStringLiteral("board %1: [%2] [%3]").arg(a).arg(d.lines[0], d.lines[1]);
        }
        return out.join(QLatin1Char('\n'));
    }
    return QStringLiteral("commands: press CALLER KEY · rate EVALUATOR LEVEL · silent ADDRESS on|off · restart ADDRESS · "
                          "loss PERCENT · corrupt COUNT · boards · help");
}

} // namespace hk
