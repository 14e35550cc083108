#include "tests/support/tcp_proxy.h"

#include <QTcpSocket>

#include <algorithm>

namespace hk::test {

// One client connection and the proxy's connection to the target on its behalf. The sockets are
// its children, and it is the context of every lambda connected to them.
class TcpProxy::Link : public QObject {
public:
    QTcpSocket *client = nullptr;
    QTcpSocket *server = nullptr; // made when the connection is first forwarded
    bool clientClosed = false;
    bool serverClosed = false;
    bool dropped = false;
};

TcpProxy::TcpProxy(QString targetHost, quint16 targetPort)
    : m_targetHost(std::move(targetHost))
    , m_targetPort(targetPort)
{
    QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { onNewConnection(); });
}

TcpProxy::~TcpProxy()
{
    m_server.close();
    closeAll();
    deleteDropped();
}

QString TcpProxy::listen()
{
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        return QStringLiteral("the proxy cannot listen on 127.0.0.1: %1").arg(m_server.errorString());
    return {};
}

void TcpProxy::blackHole()
{
    m_mode = Mode::BlackHole;
}

void TcpProxy::refuse()
{
    m_mode = Mode::Refuse;
}

void TcpProxy::resume()
{
    m_mode = Mode::Forward;
    const std::vector<Link *> links = m_links; // pump may drop some
    for (Link *link : links)
        pump(link);
}

void TcpProxy::closeAll()
{
    const std::vector<Link *> links = m_links;
    for (Link *link : links) {
        drop(link);
        link->client->abort();
        if (link->server)
            link->server->abort();
    }
}

void TcpProxy::onNewConnection()
{
    deleteDropped(); // safe here: no link's signal is running
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_accepted;
        if (m_mode == Mode::Refuse) {
            ++m_refused;
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *link = new Link;
        socket->setParent(link);
        link->client = socket;
        QObject::connect(socket, &QTcpSocket::readyRead, link, [this, link] { pump(link); });
        QObject::connect(socket, &QTcpSocket::disconnected, link, [this, link] {
            link->clientClosed = true;
            pump(link);
        });
        m_links.push_back(link);
        pump(link);
    }
}

void TcpProxy::pump(Link *link)
{
    if (link->dropped || m_mode == Mode::BlackHole)
        return;
    if (!link->server) {
        if (link->clientClosed) { // gave up while it was held
            drop(link);
            return;
        }
        link->server = new QTcpSocket(link);
        QObject::connect(link->server, &QTcpSocket::connected, link, [this, link] { pump(link); });
        QObject::connect(link->server, &QTcpSocket::readyRead, link, [this, link] { pump(link); });
        QObject::connect(link->server, &QTcpSocket::disconnected, link, [this, link] {
            link->serverClosed = true;
            pump(link);
        });
        QObject::connect(link->server, &QTcpSocket::errorOccurred, link, [this, link](QAbstractSocket::SocketError) {
            if (link->server->state() == QAbstractSocket::UnconnectedState) { // refused or lost: no disconnected() follows
                link->serverClosed = true;
                pump(link);
            }
        });
        link->server->connectToHost(m_targetHost, m_targetPort);
        return;
    }
    if (link->server->state() == QAbstractSocket::ConnectedState && link->client->bytesAvailable() > 0)
        link->server->write(link->client->readAll());
    if (link->client->state() == QAbstractSocket::ConnectedState && link->server->bytesAvailable() > 0)
        link->client->write(link->server->readAll());
    // A side that closed has its last bytes delivered first; then the other side is closed too.
    if (link->serverClosed && link->server->bytesAvailable() == 0 && link->client->state() == QAbstractSocket::ConnectedState)
        link->client->disconnectFromHost();
    if (link->dropped)
        return;
    if (link->clientClosed && link->client->bytesAvailable() == 0 && link->server->state() == QAbstractSocket::ConnectedState)
        link->server->disconnectFromHost();
    if (link->dropped)
        return;
    if (link->clientClosed && link->serverClosed)
        drop(link);
}

void TcpProxy::drop(Link *link)
{
    if (link->dropped)
        return;
    link->dropped = true;
    QObject::disconnect(link->client, nullptr, link, nullptr);
    if (link->server)
        QObject::disconnect(link->server, nullptr, link, nullptr);
    m_links.erase(std::remove(m_links.begin(), m_links.end(), link), m_links.end());
    m_dropped.push_back(link);
}

void TcpProxy::deleteDropped()
{
    for (Link *link : m_dropped)
        delete link;
    m_dropped.clear();
}

} // namespace hk::test
