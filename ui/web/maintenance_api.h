#pragma once

#include "ui/web/http/router.h"
#include "ui/web/http/request.h"
#include "ui/web/http/response.h"

namespace hk {

class MaintenanceService;
class StaffSessionService;

// The technicians' remote routes of DESIGN §12 under /api/v1/maintenance/, for a `technician`
// token only (anyone else: 401 without a token, 403 `forbidden` with another role's). A test print
// and a test phrase are queued and answered 202 at once: how they went shows in
// GET /api/v1/maintenance/devices (the printer's counters and last error).
class MaintenanceApi {
public:
    MaintenanceApi(MaintenanceService &maintenance, StaffSessionService &staff);
    void addRoutes(http::Router &server);

private:
    using Response = http::Response;
    Response handle(const QString &path, const http::Request &request);
    Response devices();
    Response frames(const http::Request &request);
    Response test(const QString &what, const QString &actor, const http::Request &request);
    Response sync(const QString &what, const QString &actor);
    Response dayClose(const QString &actor, const http::Request &request);
    Response auditVerify();
    Response diagnostics(const QString &actor);

    MaintenanceService &m_maintenance;
    StaffSessionService &m_staff;
};

} // namespace hk
