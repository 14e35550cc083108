#include "ui/kiosk/maintenance/kiosk_maintenance.h"

#include "ui/kiosk/maintenance/maintenance_menu.h"

namespace hk {

KioskMaintenance::KioskMaintenance(KioskWindow &window, MaintenanceService &service, StaffSessionService &staff,
                                   const CatalogService &catalog, const Clock &clock, MaintenanceGateSettings settings, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_catalog(catalog)
    , m_clock(clock)
{
    m_gate = new MaintenanceGate(window, staff, clock, settings, this);
    connect(m_gate, &MaintenanceGate::openChanged, this, [this](bool open) {
        if (open)
            menu(); // behind the sign-in, before a technician can have signed in
        else if (m_menu)
            m_menu->reset();
        m_service.setMenuOpen(open);
    });
    connect(m_gate, &MaintenanceGate::menuOpened, this, [this](const StaffSession &session) {
        menu().setTechnician(session.staffId);
        menu().showPage(MaintenanceMenu::Page::Devices);
    });
}

MaintenanceMenu &KioskMaintenance::menu() const
{
    if (!m_menu) {
        m_menu = new MaintenanceMenu(m_service, m_catalog, m_clock);
        m_gate->setMenu(m_menu); // the gate's screen owns it from here
        connect(m_menu, &MaintenanceMenu::exitRequested, m_gate, &MaintenanceGate::leave);
    }
    return *m_menu;
}

} // namespace hk
