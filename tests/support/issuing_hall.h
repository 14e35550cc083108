#pragma once

// The issuing side of a hall, for a test of the services or of the screens over them: the demo
// catalog, the demo center's slip composer, a printer the test scripts and the issuing service, over
// a HallDatabase and a clock only the test moves. A test's rig derives from it.
// Header-only; users link hallkiosk::services, hallkiosk::config and hallkiosk::db.

#include "app/services/catalog_service.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "app/services/ticket/ticket_composer.h"
#include "db/hall/null_hall_channel.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_database.h"
#include "tests/support/scripted_printer.h"

namespace hk::test {

struct IssuingHall : HallDatabase {
    explicit IssuingHall(const QDateTime &now)
        : clock(now)
    {
    }

    FakeClock clock;
    CatalogService catalog{demoCatalog()};
    TicketComposer composer{QStringLiteral("SQ-001"), QStringLiteral("青山县政务服务中心")};
    ScriptedPrinter printer;
    NullHallChannel alone; // a terminal alone: it publishes to nobody
    IssueTicketService issue{store, alone, printer, catalog, composer, clock, QStringLiteral("T01")};
};

} // namespace hk::test
