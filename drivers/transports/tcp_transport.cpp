#include "drivers/transports/tcp_transport.h"

#include "drivers/transports/logging.h"

namespace hk {

TcpTransport::TcpTransport(TcpSettings settings, QObject *parent)
    : ByteTransport(parent)
    , m_settings(std::move(settings))
{
    m_reconnect.setSingleShot(true);
    m_reconnect.setInterval(m_settings.reconnectIntervalMs);
    connect(&m_reconnect, &QTimer::timeout, this, &TcpTransport::tryConnect);
    m_connectTimeout.setSingleShot(true);
    m_connectTimeout.setInterval(m_settings.connectTimeoutMs);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] { onGone(QStringLiteral("no answer")); });
    connect(&m_socket, &QTcpSocket::connected, this, &TcpTransport::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] {
        const QByteArray bytes = m_socket.readAll();
        if (!bytes.isEmpty()) {
            qCDebug(lcTransport).noquote() << describe() << "rx" << bytes.toHex(' ');
            Q_EMIT received(bytes);
        }
    });
    connect(&m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_connected && m_socket.bytesToWrite() == 0)
            Q_EMIT written();
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        onGone(m_socket.errorString());
    });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { onGone(QStringLiteral("the printer closed the connection")); });
}

TcpTransport::~TcpTransport()
{
    m_wanted = false;
    m_socket.disconnect(this);
    m_socket.abort();
}

QString TcpTransport::describe() const
{
    return QStringLiteral("tcp:%1:%2").arg(m_settings.host).arg(m_settings.port);
}

void TcpTransport::open()
{
    m_wanted = true;
    tryConnect();
}

void TcpTransport::close()
{
    m_wanted = false;
    m_reconnect.stop();
    m_connectTimeout.stop();
    m_connected = false;
    m_socket.abort();
}

void TcpTransport::tryConnect()
{
    if (!m_wanted || m_connected || m_socket.state() != QAbstractSocket::UnconnectedState)
        return;
    m_connectTimeout.start();
    m_socket.connectToHost(m_settings.host, m_settings.port);
}

void TcpTransport::onConnected()
{
    m_connectTimeout.stop();
    // Small writes (a 3-byte DLE EOT) go out at once; keep-alive notices a printer that vanished
    // while the terminal was idle even if no status poll is due.
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket.setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    m_connected = true;
    m_lastFailure.clear();
    qCInfo(lcTransport).noquote() << describe() << "connected";
    Q_EMIT opened();
}

void TcpTransport::onGone(const QString &reason)
{
    if (m_inGone)
        return; // abort() below emits disconnected() again
    m_inGone = true;
    m_connectTimeout.stop();
    const bool wasConnected = std::exchange(m_connected, false);
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
    m_inGone = false;
    if (wasConnected) {
        qCWarning(lcTransport).noquote() << describe() << "lost:" << reason;
        m_lastFailure = reason;
        Q_EMIT lost(reason);
    } else if (reason != m_lastFailure && m_wanted) {
        qCWarning(lcTransport).noquote() << describe() << "cannot connect:" << reason;
        m_lastFailure = reason;
        Q_EMIT openFailed(reason);
    }
    scheduleReconnect();
}

bool TcpTransport::write(const QByteArray &bytes)
{
    if (!m_connected)
        return false;
    qCDebug(lcTransport).noquote() << describe() << "tx" << bytes.size() << "bytes";
    return m_socket.write(bytes) == bytes.size();
}

void TcpTransport::discardInput()
{
    if (m_connected)
        m_socket.readAll();
}

void TcpTransport::scheduleReconnect()
{
    if (m_wanted && !m_reconnect.isActive())
        m_reconnect.start();
}

} // namespace hk
