#pragma once

// The services home's presenter stands on, over an IssuingHall: check-in, help, health, the day, the
// queue and its overview, wired as the composition root wires them for a terminal alone (no hall
// channel, the booked-first policy). A kiosk test's rig derives from it and adds its window.
// Header-only; users link hallkiosk::services, hallkiosk::config and hallkiosk::db.

#include "app/domain/queue/calling_policy.h"
#include "app/services/checkin/check_in_service.h"
#include "app/services/day_service.h"
#include "app/services/hall/queue_overview_service.h"
#include "app/services/health_service.h"
#include "app/services/help_service.h"
#include "app/services/queue_service.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "tests/support/issuing_hall.h"

namespace hk::test {

struct KioskHall : IssuingHall {
    explicit KioskHall(const QDateTime &now)
        : IssuingHall(now)
    {
    }

    SqlOutboxStore outbox{*db};
    SqlHelpStore helpStore{*db};
    CheckInService checkIn{bookings, store, issue, catalog, composer, clock, QStringLiteral("SQ-001"), {}};
    HelpService help{helpStore, alone, clock, QStringLiteral("T01"), QStringLiteral("大厅1号自助机")};
    HealthService health{QStringLiteral("test"), QStringLiteral("T01"), outbox, help, clock};
    DayService day{store, bookings, catalog, clock};
    SqlQueueOverviewReader overviewReader{*db};
    QueueService queue{store, alone, catalog, clock, QueueSettings{*CallingPolicy::parse("booked_first"), 3}};
    QueueOverviewService overview{overviewReader, queue, catalog, clock};
};

} // namespace hk::test
