#include "ui/kiosk/maintenance/maintenance_menu.h"

#include "ui/kiosk/maintenance/maintenance_pages.h"
#include "ui/kiosk/maintenance/maintenance_style.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace hk {

using namespace kiosk::maintenance;

QList<MaintenanceMenu::Page> MaintenanceMenu::pages()
{
    return {Page::Devices, Page::Tests, Page::Printer, Page::Ports, Page::Sync, Page::Data, Page::System};
}

QString MaintenanceMenu::titleOf(Page page)
{
    switch (page) {
    case Page::Devices:
        return QStringLiteral("设备");
    case Page::Tests:
        return QStringLiteral("测试");
    case Page::Printer:
        return QStringLiteral("打印机");
    case Page::Ports:
        return QStringLiteral("端口");
    case Page::Sync:
        return QStringLiteral("同步");
    case Page::Data:
        return QStringLiteral("数据");
    case Page::System:
        return QStringLiteral("系统");
    }
    return {};
}

const char *MaintenanceMenu::nameOf(Page page)
{
    switch (page) {
    case Page::Devices:
        return "devices";
    case Page::Tests:
        return "tests";
    case Page::Printer:
        return "printer";
    case Page::Ports:
        return "ports";
    case Page::Sync:
        return "sync";
    case Page::Data:
        return "data";
    case Page::System:
        return "system";
    }
    return "";
}

MaintenanceMenu::MaintenanceMenu(MaintenanceService &service, const CatalogService &catalog, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_actor(QStringLiteral("technician"))
{
    setObjectName(QStringLiteral("maintenanceMenu"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 24);
    layout->setSpacing(kGapPx);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);
    const MaintenanceContext context{service, catalog, clock, m_actor};
    m_pages = {new DevicesPage(context, m_stack), new TestsPage(context, m_stack), new PrinterPage(context, m_stack),
               new PortsPage(context, m_stack),   new SyncPage(context, m_stack),  new DataPage(context, m_stack),
               new SystemPage(context, m_stack)};
    for (int i = 0; i < m_pages.size(); ++i) {
        m_pages.at(i)->setObjectName(QStringLiteral("page_%1").arg(QLatin1String(nameOf(pages().at(i)))));
        m_stack->addWidget(m_pages.at(i));
    }

    // The pages' buttons and 退出 below the page, within reach, always in view.
    auto *nav = new QWidget(this);
    nav->setObjectName(QStringLiteral("maintenanceNav"));
    auto *navLayout = new QVBoxLayout(nav);
    navLayout->setContentsMargins(32, 0, 32, 0);
    navLayout->setSpacing(kGapPx);
    auto *pageRow = new QHBoxLayout;
    pageRow->setSpacing(kGapPx);
    m_pageButtons = new QButtonGroup(this);
    for (Page p : pages()) {
        QPushButton *b = button(nav, titleOf(p), qPrintable(QStringLiteral("pageButton_%1").arg(QLatin1String(nameOf(p)))));
        b->setCheckable(true);
        b->setProperty("pageButton", true);
        m_pageButtons->addButton(b, int(p));
        pageRow->addWidget(b);
        connect(b, &QPushButton::clicked, this, [this, p] { showPage(p); });
    }
    navLayout->addLayout(pageRow);
    auto *exitRow = new QHBoxLayout;
    exitRow->addStretch(1);
    QPushButton *exit = button(nav, QStringLiteral("退出"), "maintenanceExit");
    exit->setAccessibleName(QStringLiteral("退出维护菜单"));
    exit->setMinimumWidth(300);
    exitRow->addWidget(exit);
    navLayout->addLayout(exitRow);
    layout->addWidget(nav);
    connect(exit, &QPushButton::clicked, this, &MaintenanceMenu::exitRequested);
    showPage(Page::Devices);
}

void MaintenanceMenu::setTechnician(const QString &staffId)
{
    m_actor = QStringLiteral("technician:%1").arg(staffId);
}

MaintenancePage &MaintenanceMenu::page(Page page) const
{
    return *m_pages.at(int(page));
}

void MaintenanceMenu::showPage(Page p)
{
    m_current = p;
    m_pageButtons->button(int(p))->setChecked(true);
    MaintenancePage &shown = page(p);
    shown.refresh();
    m_stack->setCurrentWidget(&shown);
}

void MaintenanceMenu::reset()
{
    for (MaintenancePage *p : std::as_const(m_pages))
        p->reset();
    m_service.disarmTests();
    showPage(Page::Devices);
}

} // namespace hk
