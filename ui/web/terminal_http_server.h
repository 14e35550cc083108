#pragma once

#include "app/domain/result.h"
#include "app/services/health_service.h"
#include "ui/web/console_api.h"
#include "ui/web/console_services.h"
#include "ui/web/console_socket_hub.h"
#include "ui/web/http/http_server.h"
#include "ui/web/http/router.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QWebSocketServer>

#include <memory>
#include <optional>

namespace hk {

class MaintenanceApi;
class MaintenanceService;
class StaffSessionService;

// The terminal's own HTTP interface (DESIGN §7, §16) on our HTTP/1.1 server (ui/web/http):
// GET /api/v1/health always; with the console enabled, the staff console, the hall display and the
// rating page (served from resources/web), their API and the live WebSocket /ws. Unknown routes
// answer a JSON 404. Every answer carries nosniff, a CSP and X-Frame-Options: DENY (not /display).
class TerminalHttpServer : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxSocketsPerAddress = 16;
    static constexpr int kMaxSockets = 256;

    explicit TerminalHttpServer(HealthService &health, http::Limits limits = {}, QObject *parent = nullptr);
    ~TerminalHttpServer() override;

    void enableConsole(ConsoleServices services);
    ConsoleSocketHub *hub() const { return m_hub.get(); }
    // The technicians' routes (DESIGN §12), after enableConsole.
    void enableMaintenance(MaintenanceService &maintenance, StaffSessionService &staff);
    // HTTPS only (http.tls_cert_file, http.tls_key_file); before listen.
    void setTls(const QSslConfiguration &tls);
    bool isTls() const { return m_server.isTls(); }

    // The port actually bound (port 0 = any free port), or why it could not listen.
    Result<quint16, QString> listen(const QHostAddress &address, quint16 port);

private:
    void addPages();
    std::optional<http::Response> checkUpgrade(const http::Request &request);
    void takeUpgrade(QTcpSocket *socket, const http::Request &request);
    int pendingUpgradesFrom(const QHostAddress &address);

    HealthService &m_health;
    http::Router m_router;
    http::HttpServer m_server;
    std::unique_ptr<QWebSocketServer> m_webSockets;
    // Handed to the WebSocket server, handshake not done yet: they count against the /ws limits.
    QList<QPointer<QTcpSocket>> m_upgrading;
    std::unique_ptr<ConsoleSocketHub> m_hub;
    std::unique_ptr<ConsoleApi> m_api;
    std::unique_ptr<MaintenanceApi> m_maintenanceApi;
};

} // namespace hk
