#include "ui/web/http/http_server.h"

#include "ui/web/http/http_logging.h"

#include <QFile>
#include <QSslSocket>
#include <QTimer>

namespace hk::http {

HttpServer::HttpServer(const Router &router, Limits limits, QObject *parent)
    : QTcpServer(parent)
    , m_router(router)
    , m_limits(limits)
{
    // The kernel's queue of connections not accepted yet: big enough for a burst, so a client is
    // accepted (and answered or closed) rather than left half-open by a full queue.
    setListenBacklogSize(std::max(m_limits.maxConnections, 128));
    // Out of file descriptors (EMFILE) Qt stops accepting for good; try again shortly instead.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qCWarning(lcHttp) << "cannot accept a connection:" << error << errorString();
        pauseAccepting();
        QTimer::singleShot(100, this, [this] { resumeAccepting(); });
    });
}

HttpServer::~HttpServer()
{
    // The connections refer to this server's limits and headers: they go first.
    const QList<HttpConnection *> connections = m_connections;
    m_connections.clear();
    for (HttpConnection *c : connections) {
        c->disconnect(this);
        delete c;
    }
}

QHostAddress HttpServer::normalized(const QHostAddress &address)
{
    bool v4 = false;
    const quint32 ip = address.toIPv4Address(&v4);
    return v4 ? QHostAddress(ip) : address;
}

void HttpServer::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket : new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QHostAddress peer = normalized(socket->peerAddress());
    if (m_connections.size() >= m_limits.maxConnections && m_perAddress.value(peer) < m_limits.maxPerAddress)
        makeRoomFor(peer);
    if (m_connections.size() >= m_limits.maxConnections || m_perAddress.value(peer) >= m_limits.maxPerAddress) {
        socket->abort();
        delete socket;
        if (m_refusedSinceLog++ % 100 == 0)
            qCWarning(lcHttp).noquote() << "connection from" << peer.toString() << "closed at once:" << m_connections.size()
                                        << "open," << m_perAddress.value(peer) << "from that address";
        Q_EMIT connectionRefused(peer);
        return;
    }
    if (m_tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        ssl->setSslConfiguration(*m_tls);
        ssl->startServerEncryption();
    }
    auto *connection = new HttpConnection(socket, peer, m_router, m_limits, m_defaultHeaders, m_upgrade ? &*m_upgrade : nullptr, this);
    m_connections.append(connection);
    ++m_perAddress[peer];
    connect(connection, &HttpConnection::finished, this, [this, connection] { forget(connection); });
}

void HttpServer::makeRoomFor(const QHostAddress &peer)
{
    // The address holding the most places, if it holds at least two more than `peer` would: its
    // oldest connection still waiting for a request gives its place up. A request being handled or
    // answered is never cut; the many, however numerous, only ever share the places out evenly.
    QHostAddress greediest;
    int most = 0;
    for (auto it = m_perAddress.cbegin(); it != m_perAddress.cend(); ++it) {
        if (it.value() > most) {
            most = it.value();
            greediest = it.key();
        }
    }
    if (most < m_perAddress.value(peer) + 2)
        return;
    for (HttpConnection *c : std::as_const(m_connections)) {
        if (c->peer() == greediest && c->isWaitingForRequest()) {
            if (m_evictedSinceLog++ % 100 == 0)
                qCWarning(lcHttp).noquote() << "connection from" << greediest.toString() << "closed to make room for" << peer.toString()
                                            << "(" << most << "open from there)";
            c->drop(); // finished() → forget()
            return;
        }
    }
}

void HttpServer::forget(HttpConnection *connection)
{
    if (!m_connections.removeOne(connection))
        return;
    auto it = m_perAddress.find(connection->peer());
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

Result<QList<QSslCertificate>, QString> HttpServer::loadCertificateChain(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return fail(QStringLiteral("%1 holds no PEM certificate").arg(path));
    return chain;
}

Result<QSslKey, QString> HttpServer::loadPrivateKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray pem = file.readAll();
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return fail(QStringLiteral("%1 holds no unencrypted PEM private key (EC or RSA)").arg(path));
}

QSslConfiguration HttpServer::serverTls(const QList<QSslCertificate> &chain, const QSslKey &key)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients bring no certificate
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

} // namespace hk::http
