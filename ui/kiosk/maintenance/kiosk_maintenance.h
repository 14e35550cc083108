#pragma once

#include "app/ports/clock.h"
#include "app/services/catalog_service.h"
#include "app/services/maintenance/maintenance_service.h"
#include "app/services/staff/staff_session_service.h"
#include "ui/kiosk/maintenance/maintenance_gate.h"

#include <QObject>

namespace hk {

class KioskWindow;
class MaintenanceMenu;

// The maintenance menu on the kiosk's screen, wired (DESIGN §12): the composition root makes one
// beside the kiosk's presenter, and that is all. The corner hold opens the sign-in; while the
// sign-in or the menu is on show the service is told (`setMenuOpen(true)`), so citizens' cards and
// scans reach no check-in; 退出, the sign-in's 返回 or 120 s without a touch sign the technician out,
// disarm the device tests and bring back the citizens' home. The menu itself (seven pages) is built
// when the corner hold first opens the sign-in, not at start-up: ~20 ms of the GUI thread less before
// the first home screen (tests/bench/README.md, cold start).
class KioskMaintenance : public QObject {
    Q_OBJECT
public:
    KioskMaintenance(KioskWindow &window, MaintenanceService &service, StaffSessionService &staff, const CatalogService &catalog,
                     const Clock &clock, MaintenanceGateSettings settings = {}, QObject *parent = nullptr);

    MaintenanceGate &gate() const { return *m_gate; }
    MaintenanceMenu &menu() const; // built now if the sign-in has not been opened yet

private:
    MaintenanceService &m_service;
    const CatalogService &m_catalog;
    const Clock &m_clock;
    MaintenanceGate *m_gate;
    mutable MaintenanceMenu *m_menu = nullptr;
};

} // namespace hk
