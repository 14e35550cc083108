#include "drivers/sim/printer_simulator.h"

#include "drivers/sim/fifo_endpoint.h"
#include "drivers/sim/logging.h"
#include "drivers/sim/pty_endpoint.h"
#include "drivers/sim/tcp_endpoint.h"
#include "drivers/sim/ticket_image_renderer.h"

#include <QDir>
#include <QFile>

namespace hk {

Result<std::unique_ptr<PrinterSimulator>, QString> PrinterSimulator::create(const QString &linkPath, QObject *parent)
{
    auto endpoint = PtyEndpoint::open(linkPath);
    if (!endpoint)
        return fail(endpoint.error());
    return std::unique_ptr<PrinterSimulator>(new PrinterSimulator(std::move(endpoint).value(), parent));
}

Result<std::unique_ptr<PrinterSimulator>, QString> PrinterSimulator::createTcp(quint16 port, QObject *parent)
{
    auto endpoint = TcpEndpoint::listen(port);
    if (!endpoint)
        return fail(endpoint.error());
    return std::unique_ptr<PrinterSimulator>(new PrinterSimulator(std::move(endpoint).value(), parent));
}

Result<std::unique_ptr<PrinterSimulator>, QString> PrinterSimulator::createFifo(const QString &path, QObject *parent)
{
    auto endpoint = FifoEndpoint::create(path);
    if (!endpoint)
        return fail(endpoint.error());
    return std::unique_ptr<PrinterSimulator>(new PrinterSimulator(std::move(endpoint).value(), parent));
}

PrinterSimulator::PrinterSimulator(std::unique_ptr<SimEndpoint> endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
{
    connect(m_endpoint.get(), &SimEndpoint::received, this, &PrinterSimulator::onReceived);
    connect(m_endpoint.get(), &SimEndpoint::hostGone, this, &PrinterSimulator::cutOff);
    qCInfo(lcSim).noquote() << "printer simulator on" << devicePath();
}

void PrinterSimulator::unplug()
{
    qCInfo(lcSim).noquote() << "printer simulator unplugged from" << devicePath();
    m_endpoint->unplug();
    cutOff();
}

Result<void, QString> PrinterSimulator::plug()
{
    auto plugged = m_endpoint->plug();
    if (plugged)
        qCInfo(lcSim).noquote() << "printer simulator plugged in at" << devicePath();
    return plugged;
}

void PrinterSimulator::cutOff()
{
    // Whatever part of a ticket arrived stays on paper without its cut; the next one starts afresh.
    if (std::exchange(m_inTicket, false) || !m_ticketBytes.isEmpty() || m_decoder.pendingBytes() > 0) {
        ++m_interrupted;
        qCWarning(lcSim) << "printer simulator: a ticket was cut off after" << m_ticketBytes.size() << "bytes";
    }
    m_ticketBytes.clear();
    m_decoder = EscPosStreamDecoder();
    m_renderer = TicketTextRenderer();
}

PrinterSimulator::~PrinterSimulator() = default;

std::optional<PrinterSimulator::Condition> PrinterSimulator::conditionFromString(const QString &name)
{
    if (name == QLatin1String("ok"))
        return Condition::Ok;
    if (name == QLatin1String("near_end"))
        return Condition::PaperNearEnd;
    if (name == QLatin1String("paper_out"))
        return Condition::PaperOut;
    if (name == QLatin1String("cover_open"))
        return Condition::CoverOpen;
    if (name == QLatin1String("cutter_error"))
        return Condition::CutterError;
    if (name == QLatin1String("silent"))
        return Condition::Silent;
    return std::nullopt;
}

QString PrinterSimulator::conditionName(Condition condition)
{
    switch (condition) {
    case Condition::Ok:
        return QStringLiteral("ok");
    case Condition::PaperNearEnd:
        return QStringLiteral("near_end");
    case Condition::PaperOut:
        return QStringLiteral("paper_out");
    case Condition::CoverOpen:
        return QStringLiteral("cover_open");
    case Condition::CutterError:
        return QStringLiteral("cutter_error");
    case Condition::Silent:
        return QStringLiteral("silent");
    }
    return QStringLiteral("ok");
}

std::optional<std::uint8_t> PrinterSimulator::replyFor(Condition condition, int n)
{
    // Reference §3.4: base 0x12; n=1 bit 3 offline; n=2 bit 2 cover, bit 5 paper end, bit 6
    // error; n=3 bit 3 cutter; n=4 bits 2+3 near end, bits 5+6 paper end.
    if (n < 1 || n > 4)
        return std::nullopt;
    constexpr std::uint8_t kBase = 0x12;
    switch (condition) {
    case Condition::Ok:
        return kBase;
    case Condition::PaperNearEnd:
        return n == 4 ? 0x1E : kBase;
    case Condition::PaperOut: {
        static constexpr std::uint8_t kReplies[] = {0x1A, 0x32, 0x12, 0x7E};
        return kReplies[n - 1];
    }
    case Condition::CoverOpen: {
        static constexpr std::uint8_t kReplies[] = {0x1A, 0x16, 0x12, 0x12};
        return kReplies[n - 1];
    }
    case Condition::CutterError: {
        static constexpr std::uint8_t kReplies[] = {0x1A, 0x52, 0x1A, 0x12};
        return kReplies[n - 1];
    }
    case Condition::Silent:
        return std::nullopt;
    }
    return std::nullopt;
}

void PrinterSimulator::setCondition(Condition condition)
{
    if (condition != m_condition)
        qCInfo(lcSim).noquote() << "printer simulator condition" << conditionName(condition);
    m_condition = condition;
}

void PrinterSimulator::setOutputDirectory(const QString &directory)
{
    m_outputDir = directory;
    if (!directory.isEmpty())
        QDir().mkpath(directory);
}

int PrinterSimulator::statusRequests(int n) const
{
    return n >= 1 && n <= 4 ? m_statusCounts[n] : 0;
}

void PrinterSimulator::clear()
{
    m_received.clear();
    m_tickets.clear();
    m_discarded = 0;
    m_interrupted = 0;
    std::fill(std::begin(m_statusCounts), std::end(m_statusCounts), 0);
}

void PrinterSimulator::onReceived(const QByteArray &chunk)
{
    m_received.append(chunk);
    handle(m_decoder.feed(chunk));
}

void PrinterSimulator::handle(const QList<EscPosEvent> &events)
{
    QList<EscPosEvent> printable;
    for (const EscPosEvent &e : events) {
        if (e.kind == EscPosEvent::Kind::StatusRequest) {
            if (e.value >= 1 && e.value <= 4)
                ++m_statusCounts[e.value];
            Q_EMIT statusRequested(e.value);
            if (auto reply = replyFor(m_condition, e.value)) {
                if (!m_endpoint->send(QByteArray(1, static_cast<char>(*reply))))
                    qCDebug(lcSim) << "printer simulator cannot answer DLE EOT" << e.value << "on this link";
            }
            continue;
        }
        if (m_ticketBytes.isEmpty()) {
            m_inTicket = true;
            if (m_nextTicketCondition)
                setCondition(*std::exchange(m_nextTicketCondition, std::nullopt));
            Q_EMIT ticketStarted();
            if (!m_endpoint->isPlugged())
                return; // unplugged by whoever heard the ticket start
        }
        m_ticketBytes.append(e.raw);
        printable.append(e);
        if (e.kind != EscPosEvent::Kind::Cut)
            continue;
        m_inTicket = false;
        const QList<QString> texts = m_renderer.apply(printable);
        printable.clear();
        const QByteArray bytes = std::exchange(m_ticketBytes, {});
        if (m_condition != Condition::Ok && m_condition != Condition::PaperNearEnd) {
            ++m_discarded;
            qCWarning(lcSim).noquote() << "printer simulator dropped a ticket:" << conditionName(m_condition);
            Q_EMIT ticketDiscarded(conditionName(m_condition));
            continue;
        }
        SimulatedTicket ticket{bytes, texts.value(0)};
        m_tickets.append(ticket);
        save(ticket);
        Q_EMIT ticketPrinted(ticket);
    }
    if (!printable.isEmpty())
        m_renderer.apply(printable);
}

void PrinterSimulator::save(const SimulatedTicket &ticket)
{
    if (m_outputDir.isEmpty())
        return;
    const QString base = QDir(m_outputDir).filePath(QStringLiteral("ticket-%1").arg(m_tickets.size(), 4, 10, QLatin1Char('0')));
    // Each file closed (written out) at once: the picture below takes a while, and a terminal
    // killed meanwhile must not leave the text and the bytes empty behind a ticket that came out.
    QFile text(base + QStringLiteral(".txt"));
    if (text.open(QIODevice::WriteOnly | QIODevice::Truncate))
        text.write(ticket.text.toUtf8());
    text.close();
    QFile raw(base + QStringLiteral(".bin"));
    if (raw.open(QIODevice::WriteOnly | QIODevice::Truncate))
        raw.write(ticket.bytes);
    raw.close();
    // What the paper would look like, from the same bytes.
    TicketImageRenderer::render(ticket.bytes).save(base + QStringLiteral(".png"));
}

QString PrinterSimulator::command(const QString &line)
{
    const QStringList words = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return {};
    const QString verb = words.first();
    if (verb == QLatin1String("status")) {
        if (words.size() == 1)
            return QStringLiteral("printer %1").arg(conditionName(m_condition));
        auto condition = conditionFromString(words.at(1));
        if (!condition)
            return QStringLiteral("unknown condition \"%1\" (ok, near_end, paper_out, cover_open, cutter_error, silent)").arg(words.at(1));
        setCondition(*condition);
        return QStringLiteral("printer %1").arg(conditionName(m_condition));
    }
    if (verb == QLatin1String("unplug")) {
        unplug();
        return QStringLiteral("printer unplugged");
    }
    if (verb == QLatin1String("plug")) {
        auto plugged = plug();
        return plugged ? QStringLiteral("printer plugged in at %1").arg(devicePath()) : plugged.error();
    }
    if (verb == QLatin1String("next_ticket")) {
        auto condition = words.size() == 2 ? conditionFromString(words.at(1)) : std::nullopt;
        if (!condition)
            return QStringLiteral("next_ticket needs a condition (paper_out, cover_open, cutter_error, silent …)");
        setConditionDuringNextTicket(*condition);
        return QStringLiteral("printer %1 during the next ticket").arg(conditionName(*condition));
    }
    if (verb == QLatin1String("tickets"))
        return QStringLiteral("%1 printed, %2 dropped").arg(m_tickets.size()).arg(m_discarded);
    if (verb == QLatin1String("last"))
        return m_tickets.isEmpty() ? QStringLiteral("no ticket yet") : m_tickets.constLast().text;
    if (verb == QLatin1String("help"))
        return QStringLiteral("status [ok|near_end|paper_out|cover_open|cutter_error|silent] · next_ticket COND · unplug · plug · "
                              "tickets · last · help");
    return QStringLiteral("unknown command \"%1\" (try help)").arg(verb);
}

} // namespace hk
