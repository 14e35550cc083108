#include "ui/kiosk/maintenance/kiosk_maintenance.h"

#include "ui/kiosk/maintenance/maintenance_menu.h"

namespace hk {

KioskMaintenance::KioskMaintenance(KioskWindow &window, MaintenanceService &service, StaffSessionService &staff,
                                   const CatalogService &catalog, const Clock &clock, MaintenanceGateSettings settings, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    m_gate = new MaintenanceGate(window, staff, clock, settings, this);
    m_menu = new MaintenanceMenu(service, catalog, clock);
    m_gate->setMenu(m_menu); // the gate's screen owns it from here
    connect(m_gate, &MaintenanceGate::openChanged, this, [this](bool open) {
        if (!open)
            m_menu->reset();
        m_service.setMenuOpen(open);
    });
    connect(m_gate, &MaintenanceGate::menuOpened, this, [this](const StaffSession &session) {
        m_menu->setTechnician(session.staffId);
        m_menu->showPage(MaintenanceMenu::Page::Devices);
    });
    connect(m_menu, &MaintenanceMenu::exitRequested, m_gate, &MaintenanceGate::leave);
}

} // namespace hk
