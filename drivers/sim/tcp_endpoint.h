#pragma once

#include "drivers/sim/sim_endpoint.h"

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

namespace hk {

// A TCP listener on loopback, as a network printer's port 9100 or the printer behind a CUPS
// socket:// queue (one connection per job). The port stays the same across unplug and plug.
class TcpEndpoint final : public SimEndpoint {
    Q_OBJECT
public:
    static Result<std::unique_ptr<TcpEndpoint>, QString> listen(quint16 port = 0);
    ~TcpEndpoint() override;

    QString address() const override { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    quint16 port() const { return m_port; }
    bool send(const QByteArray &bytes) override;
    void unplug() override;
    Result<void, QString> plug() override;
    bool isPlugged() const override { return m_server.isListening(); }
    int connectionsAccepted() const { return m_accepted; }

private:
    explicit TcpEndpoint(quint16 port) : m_port(port) {}
    void onNewConnection();

    quint16 m_port;
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
    int m_accepted = 0;
};

} // namespace hk
