#include "drivers/sim/tcp_endpoint.h"

#include <sys/socket.h>

namespace hk {

Result<std::unique_ptr<TcpEndpoint>, QString> TcpEndpoint::listen(quint16 port)
{
    std::unique_ptr<TcpEndpoint> endpoint(new TcpEndpoint(port));
    connect(&endpoint->m_server, &QTcpServer::newConnection, endpoint.get(), &TcpEndpoint::onNewConnection);
    if (auto plugged = endpoint->plug(); !plugged)
        return fail(plugged.error());
    return endpoint;
}

TcpEndpoint::~TcpEndpoint()
{
    // The sockets belong to the server, which goes after the list that tracks them.
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
        if (socket)
            socket->disconnect(this);
    }
}

Result<void, QString> TcpEndpoint::plug()
{
    if (m_server.isListening())
        return Ok{};
    if (!m_server.listen(QHostAddress::LocalHost, m_port))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(m_port).arg(m_server.errorString()));
    m_port = m_server.serverPort();
    return Ok{};
}

void TcpEndpoint::unplug()
{
    m_server.close();
    for (const QPointer<QTcpSocket> &socket : std::exchange(m_sockets, {})) {
        if (!socket)
            continue;
        // A reset, not a polite close: what a printer switched off mid-job looks like to the host.
        const linger hard{1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void TcpEndpoint::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_accepted;
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // a printer answers DLE EOT at once
        m_sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { Q_EMIT received(socket->readAll()); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            // Bytes that arrived with the close are still to be read.
            if (socket->bytesAvailable() > 0)
                Q_EMIT received(socket->readAll());
            m_sockets.removeAll(socket);
            socket->deleteLater();
            Q_EMIT hostGone();
        });
    }
}

bool TcpEndpoint::send(const QByteArray &bytes)
{
    for (auto it = m_sockets.crbegin(); it != m_sockets.crend(); ++it) {
        if (*it && (*it)->state() == QAbstractSocket::ConnectedState)
            return (*it)->write(bytes) == bytes.size();
    }
    return false;
}

} // namespace hk
