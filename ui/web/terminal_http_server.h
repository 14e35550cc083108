#pragma once

#include "app/domain/result.h"
#include "app/services/health_service.h"
#include "ui/web/console_api.h"
#include "ui/web/console_services.h"
#include "ui/web/console_socket_hub.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

#include <memory>

namespace hk {

class MaintenanceApi;
class MaintenanceService;
class StaffSessionService;

// The terminal's own HTTP interface (DESIGN §7): GET /api/v1/health always; with the console
// enabled, the staff console, the hall display and the rating page (served from resources/web),
// their API and the live WebSocket /ws. Unknown routes answer a JSON 404.
class TerminalHttpServer : public QObject {
    Q_OBJECT
public:
    explicit TerminalHttpServer(HealthService &health, QObject *parent = nullptr);
    ~TerminalHttpServer() override;

    void enableConsole(ConsoleServices services);
    ConsoleSocketHub *hub() const { return m_hub.get(); }
    // The technicians' routes (DESIGN §12), after enableConsole.
    void enableMaintenance(MaintenanceService &maintenance, StaffSessionService &staff);

    // The port actually bound (port 0 = any free port), or why it could not listen.
    Result<quint16, QString> listen(const QHostAddress &address, quint16 port);

private:
    void addPages();

    HealthService &m_health;
    QHttpServer m_server;
    std::unique_ptr<ConsoleSocketHub> m_hub;
    std::unique_ptr<ConsoleApi> m_api;
    std::unique_ptr<MaintenanceApi> m_maintenanceApi;
};

} // namespace hk
