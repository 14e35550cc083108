#pragma once

#include "drivers/transports/byte_transport.h"

#include <QTcpSocket>
#include <QTimer>

namespace hk {

struct TcpSettings {
    QString host;
    quint16 port = 9100;
    int reconnectIntervalMs = 500;
    int connectTimeoutMs = 3000; // a printer that is off drops SYNs: do not wait for the OS
};

// A network printer's raw port (TCP 9100, "JetDirect") as a byte transport. DLE EOT replies come
// back on the same connection. A reset, a close or an error ends the connection; it is made again
// every reconnectIntervalMs, so a printer that was switched off or unplugged is used again as soon
// as it answers.
class TcpTransport final : public ByteTransport {
    Q_OBJECT
public:
    explicit TcpTransport(TcpSettings settings, QObject *parent = nullptr);
    ~TcpTransport() override;

    void open() override;
    void close() override;
    bool isOpen() const override { return m_connected; }
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override { return m_connected ? m_socket.bytesToWrite() : 0; }
    void discardInput() override;
    QString describe() const override;

private:
    void tryConnect();
    void onConnected();
    void onGone(const QString &reason);
    void scheduleReconnect();

    TcpSettings m_settings;
    QTcpSocket m_socket;
    QTimer m_reconnect;
    QTimer m_connectTimeout;
    bool m_wanted = false;
    bool m_connected = false;
    bool m_inGone = false;
    QString m_lastFailure;
};

} // namespace hk
