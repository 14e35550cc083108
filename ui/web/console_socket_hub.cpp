#include "ui/web/console_socket_hub.h"

#include "ui/web/console_json.h"
#include "ui/web/logging.h"

#include <QJsonDocument>

namespace hk {

ConsoleSocketHub::ConsoleSocketHub(ConsoleServices services, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
    QueueService &queue = m_services.queue;
    connect(&queue, &QueueService::windowChanged, this, [this](const WindowState &s) {
        broadcast({{QStringLiteral("type"), QStringLiteral("window_changed")}, {QStringLiteral("window"), windowJson(s.number)}});
    });
    connect(&queue, &QueueService::ticketCalled, this, [this](const CallAnnouncement &call) { broadcast(consoleJson::calledFrame(call)); });
    connect(&queue, &QueueService::queueChanged, this, &ConsoleSocketHub::queueMayHaveChanged);
    connect(&m_services.ratings, &RatingService::ratingRecorded, this, [this](const RatingRecord &r) {
        broadcast({{QStringLiteral("type"), QStringLiteral("window_changed")}, {QStringLiteral("window"), windowJson(r.window)}});
    });
    connect(&m_services.help, &HelpService::helpRequested, this, [this](const HelpRequest &r) {
        broadcast(consoleJson::helpFrame(r));
        queueMayHaveChanged();
    });
    connect(&m_services.help, &HelpService::helpTaken, this, &ConsoleSocketHub::queueMayHaveChanged);
    if (m_services.bus)
        connect(m_services.bus, &WindowBus::devicesChanged, this, &ConsoleSocketHub::sendAllWindows);
    connect(&m_queueRefresh, &QTimer::timeout, this, [this] { sendQueueIfChanged(false); });
    m_queueRefresh.start(kQueueRefreshMs);
    connect(&m_ping, &QTimer::timeout, this, &ConsoleSocketHub::pingAll);
    m_ping.start(kPingMs);
    connect(&m_reaper, &QTimer::timeout, this, &ConsoleSocketHub::dropSilent);
    m_reaper.start(kPingMs / 6);
}

ConsoleSocketHub::~ConsoleSocketHub()
{
    for (auto &c : m_sockets) {
        c.socket->disconnect(this);
        c.socket->abort();
    }
}

QJsonObject ConsoleSocketHub::windowJson(int window) const
{
    auto state = m_services.queue.windowState(window);
    if (!state)
        return {};
    const HallWindow *w = m_services.catalog.catalog().findWindow(window);
    const QString name = w ? QString::fromStdString(w->name) : QStringLiteral("%1号窗口").arg(window);
    return consoleJson::windowState(state.value(), name, m_services.ratings.awaitingRating(window),
                                    m_services.bus ? m_services.bus->devices() : QList<WindowDeviceState>());
}

QJsonObject ConsoleSocketHub::queueJson() const
{
    auto overview = m_services.overview.overview();
    if (!overview) {
        qCWarning(lcWeb) << "queue overview unavailable:" << overview.error().detail;
        return consoleJson::queue({}, m_services.help.pending());
    }
    return consoleJson::queue(overview.value(), m_services.help.pending());
}

int ConsoleSocketHub::clientsFrom(const QHostAddress &address) const
{
    return int(std::count_if(m_sockets.begin(), m_sockets.end(), [&address](const Client &c) { return c.address == address; }));
}

void ConsoleSocketHub::add(std::unique_ptr<QWebSocket> socket)
{
    QWebSocket *raw = socket.get();
    // Nothing a client sends is used: a frame or a message beyond these is refused by the socket.
    raw->setMaxAllowedIncomingFrameSize(4096);
    raw->setMaxAllowedIncomingMessageSize(4096);
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { remove(raw); });
    connect(raw, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [raw](QAbstractSocket::SocketError) {
        raw->abort();
    });
    const auto heard = [this, raw] {
        for (Client &c : m_sockets) {
            if (c.socket.get() == raw)
                c.lastHeard.restart();
        }
    };
    connect(raw, &QWebSocket::pong, this, heard);
    connect(raw, &QWebSocket::textMessageReceived, this, heard);
    connect(raw, &QWebSocket::binaryMessageReceived, this, heard);
    // The present first.
    const auto send = [raw](const QJsonObject &frame) {
        raw->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    };
    for (const HallWindow &w : m_services.catalog.catalog().windows)
        send({{QStringLiteral("type"), QStringLiteral("window_changed")}, {QStringLiteral("window"), windowJson(w.number)}});
    send({{QStringLiteral("type"), QStringLiteral("queue_changed")}, {QStringLiteral("queue"), queueJson()}});
    if (auto recent = m_services.overview.recentCalls(kRecentCalls)) {
        for (auto it = recent->rbegin(); it != recent->rend(); ++it) {
            const HallWindow *w = m_services.catalog.catalog().findWindow(it->window);
            send(consoleJson::calledFrame(*it, w ? QString::fromStdString(w->name) : QStringLiteral("%1号窗口").arg(it->window)));
        }
    }
    for (const HelpRequest &r : m_services.help.pending())
        send(consoleJson::helpFrame(r));
    bool v4 = false;
    const quint32 ip = raw->peerAddress().toIPv4Address(&v4);
    Client client{std::move(socket), v4 ? QHostAddress(ip) : raw->peerAddress(), {}};
    client.lastHeard.start();
    m_sockets.push_back(std::move(client));
    qCInfo(lcWeb) << "live view connected;" << m_sockets.size() << "open";
}

void ConsoleSocketHub::remove(QWebSocket *socket)
{
    auto it = std::find_if(m_sockets.begin(), m_sockets.end(), [socket](const Client &c) { return c.socket.get() == socket; });
    if (it == m_sockets.end())
        return;
    it->socket->disconnect(this);
    it->socket.release()->deleteLater(); // not inside its own signal
    m_sockets.erase(it);
}

void ConsoleSocketHub::pingAll()
{
    for (const auto &c : m_sockets)
        c.socket->ping();
}

void ConsoleSocketHub::dropSilent()
{
    std::vector<QWebSocket *> silent;
    for (const auto &c : m_sockets) {
        if (c.lastHeard.hasExpired(kSilentDropMs))
            silent.push_back(c.socket.get());
    }
    for (QWebSocket *s : silent) {
        qCInfo(lcWeb).noquote() << "live view" << s->peerAddress().toString() << "silent for" << kSilentDropMs / 1000 << "s: dropped";
        s->abort();
        remove(s);
    }
}

void ConsoleSocketHub::broadcast(const QJsonObject &frame)
{
    const QString text = QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact));
    for (const auto &c : m_sockets)
        c.socket->sendTextMessage(text);
    Q_EMIT frameSent(frame.value(QStringLiteral("type")).toString());
}

void ConsoleSocketHub::hallChanged(bool connected, const QString &detail)
{
    broadcast(QJsonObject{{QStringLiteral("type"), QStringLiteral("hall")},
                          {QStringLiteral("engine"), QStringLiteral("postgresql")},
                          {QStringLiteral("connected"), connected},
                          {QStringLiteral("detail"), detail.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(detail)}});
}

void ConsoleSocketHub::notice(const QString &text, const QDateTime &at)
{
    broadcast(QJsonObject{{QStringLiteral("type"), QStringLiteral("notice")},
                          {QStringLiteral("text"), text},
                          {QStringLiteral("at"), at.toString(Qt::ISODate)}});
}

void ConsoleSocketHub::queueMayHaveChanged()
{
    if (m_queueScheduled)
        return;
    m_queueScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_queueScheduled = false;
        sendQueueIfChanged(true);
    });
}

void ConsoleSocketHub::sendQueueIfChanged(bool force)
{
    const QJsonObject q = queueJson();
    if (!force && q == m_lastQueue)
        return;
    m_lastQueue = q;
    broadcast({{QStringLiteral("type"), QStringLiteral("queue_changed")}, {QStringLiteral("queue"), q}});
}

void ConsoleSocketHub::sendAllWindows()
{
    // Each window's state is a read of the store: at start-up the bus's 24 devices coming online
    // one by one asked for 192 of them with no console connected yet.
    if (m_sockets.empty())
        return;
    for (const HallWindow &w : m_services.catalog.catalog().windows)
        broadcast({{QStringLiteral("type"), QStringLiteral("window_changed")}, {QStringLiteral("window"), windowJson(w.number)}});
}

} // namespace hk
