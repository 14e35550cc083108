#pragma once

#include "app/ports/clock.h"
#include "app/services/catalog_service.h"
#include "app/services/maintenance/maintenance_service.h"

#include <QList>
#include <QWidget>

class QButtonGroup;
class QPushButton;
class QStackedWidget;

namespace hk {

class MaintenancePage;

// The technicians' maintenance menu on the kiosk's screen (DESIGN §12): a row of big page buttons —
// 设备, 测试, 打印机, 端口, 同步, 数据, 系统 — over the page area, and 退出 always in view. In
// Chinese; every action's outcome is said on its page in words, an error in Chinese with the
// service's English detail beside it. A view over MaintenanceService: what a page shows is read
// from it when the page is shown (the 设备 page again every second while it is).
class MaintenanceMenu : public QWidget {
    Q_OBJECT
public:
    enum class Page { Devices, Tests, Printer, Ports, Sync, Data, System };
    static QList<Page> pages();
    static QString titleOf(Page page);
    static const char *nameOf(Page page); // "devices", … (object names, screenshots)

    MaintenanceMenu(MaintenanceService &service, const CatalogService &catalog, const Clock &clock, QWidget *parent = nullptr);

    // Who acts: every change is audited as "technician:<id>".
    void setTechnician(const QString &staffId);
    void showPage(Page page);
    Page currentPage() const { return m_current; }
    MaintenancePage &page(Page page) const;
    // The menu is left: armed device tests are disarmed, confirmations and outcomes forgotten.
    void reset();

Q_SIGNALS:
    void exitRequested();

private:
    MaintenanceService &m_service;
    QStackedWidget *m_stack;
    QButtonGroup *m_pageButtons;
    QList<MaintenancePage *> m_pages;
    Page m_current = Page::Devices;
    QString m_actor;
};

} // namespace hk
