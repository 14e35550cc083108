#pragma once

#include "app/ports/clock.h"
#include "app/services/catalog_service.h"
#include "app/services/maintenance/maintenance_service.h"

#include <QTimer>
#include <QWidget>

class QButtonGroup;
class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace hk {

// What every page of the maintenance menu shares: the service, who acts, the centre's time for the
// times it shows, and the outcome line under its actions.
struct MaintenanceContext {
    MaintenanceService &service;
    const CatalogService &catalog;
    const Clock &clock;
    const QString &actor; // "technician:T01"
};

class MaintenancePage : public QWidget {
    Q_OBJECT
public:
    MaintenancePage(MaintenanceContext context, QWidget *parent = nullptr);

    virtual void refresh() = 0; // read again what the page shows
    virtual void reset();       // forget outcomes and confirmations (the menu was left)
    QString outcome() const;

protected:
    void say(const QString &text);                                       // what an action did
    void sayFailed(const QString &what, const MaintenanceError &error);  // 中文 — English detail
    QString localTime(const QDateTime &instant, bool withDate = true) const;
    QVBoxLayout *column() const { return m_column; }
    QLabel *addOutcome(); // the page's outcome line, where the page wants it

    MaintenanceContext m_ctx;

private:
    QVBoxLayout *m_column;
    QLabel *m_outcome = nullptr;
};

// 设备: each device's URI, state, detail, last error and counters, and the live log of its last 200
// frames in hex, both directions, with times.
class DevicesPage : public MaintenancePage {
    Q_OBJECT
public:
    DevicesPage(MaintenanceContext context, QWidget *parent = nullptr);
    void refresh() override;
    void choose(const QString &role);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QGridLayout *m_chooser;
    QButtonGroup *m_devices;
    QLabel *m_info;
    QPlainTextEdit *m_frames;
    QString m_role;
    QTimer m_live;
};

// 测试: a sample ticket, a card read (masked), a scan, a window board's message, an evaluator's
// rating, a spoken phrase.
class TestsPage : public MaintenancePage {
    Q_OBJECT
public:
    TestsPage(MaintenanceContext context, QWidget *parent = nullptr);
    void refresh() override;
    void reset() override;
    int window() const;

private:
    void stepWindow(int by);

    QLabel *m_windowLabel;
    QLabel *m_read; // what the card or scan test read
    QList<int> m_windows;
    int m_windowIndex = 0;
};

// 打印机: the profile (shipped, or the current one), the paper, the ticket as it prints now.
class PrinterPage : public MaintenancePage {
    Q_OBJECT
public:
    PrinterPage(MaintenanceContext context, QWidget *parent = nullptr);
    void refresh() override;

private:
    QLabel *m_profile;
    QLabel *m_paper;
    QLabel *m_profileHint;
    QGridLayout *m_profiles;
    QList<QPushButton *> m_profileButtons;
    QLabel *m_preview;
};

// 端口: the serial ports present, with their aliases, vendor and product, and which device uses
// each; one assigned to a device role at a baud.
class PortsPage : public MaintenancePage {
    Q_OBJECT
public:
    static constexpr int kPortsShown = 3;
    PortsPage(MaintenanceContext context, QWidget *parent = nullptr);
    void refresh() override;
    void reset() override;

private:
    void showPorts();

    QList<MaintenancePort> m_ports;
    int m_first = 0;
    QString m_path;
    QWidget *m_portList;
    QVBoxLayout *m_portLayout;
    QLabel *m_portCount;
    QPushButton *m_previous;
    QPushButton *m_next;
    QButtonGroup *m_roles;
    QButtonGroup *m_bauds;
    QPushButton *m_assign;
};

// 同步: the platform, the last pull and push, the outbox, the parked events; pull, push, resend.
class SyncPage : public MaintenancePage {
    Q_OBJECT
public:
    static constexpr int kParkedShown = 4;
    SyncPage(MaintenanceContext context, QWidget *parent = nullptr);
    void refresh() override;

private:
    QLabel *m_state;
    QWidget *m_parked;
    QVBoxLayout *m_parkedLayout;
};

// 数据: day close (confirmed), the database and audit-chain checks, an export to a removable medium.
class DataPage : public MaintenancePage {
    Q_OBJECT
public:
    DataPage(MaintenanceContext context, QWidget *parent = nullptr);
    void refresh() override;
    void reset() override;

private:
    CivilDate today() const;

    QPushButton *m_close;
    QWidget *m_confirm;
    QPushButton *m_confirmClose;
    QGridLayout *m_mediaGrid;
    QButtonGroup *m_media;
    QLabel *m_mediaHint;
    QPushButton *m_export;
};

// 系统: version, uptime, disk, clock offset; restart (confirmed).
class SystemPage : public MaintenancePage {
    Q_OBJECT
public:
    SystemPage(MaintenanceContext context, QWidget *parent = nullptr);
    void refresh() override;
    void reset() override;

private:
    QLabel *m_facts;
    QPushButton *m_restart;
    QWidget *m_confirm;
};

// The words of the menu, shared by its pages and the tests.
namespace maintenanceText {
QString deviceName(const QString &role); // 打印机, 身份证读卡器, …
QString stateWord(DeviceHealth::State state);
QString errorWord(MaintenanceError::Kind kind);
QString frameLine(const DeviceFrame &frame, const QString &time);
} // namespace maintenanceText

} // namespace hk
