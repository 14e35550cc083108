#pragma once

#include "app/ports/clock.h"
#include "app/ports/devices/window_bus.h"
#include "app/services/catalog_service.h"
#include "app/services/hall/complaint_service.h"
#include "app/services/hall/queue_overview_service.h"
#include "app/services/hall/rating_service.h"
#include "app/services/help_service.h"
#include "app/services/queue_service.h"
#include "app/services/report/report_service.h"
#include "app/services/staff/staff_session_service.h"

namespace hk {

// What the staff console, the hall display and the rating page are served from. `bus` is null in a
// hall without window devices; `reports` null where the terminal serves no reports.
struct ConsoleServices {
    QueueService &queue;
    QueueOverviewService &overview;
    StaffSessionService &staff;
    RatingService &ratings;
    HelpService &help;
    const CatalogService &catalog;
    ComplaintService &complaints;
    WindowBus *bus = nullptr;
    ReportService *reports = nullptr;
};

} // namespace hk
