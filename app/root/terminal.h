#pragma once

#include "app/config/config.h"
#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/root/hallbus_setup.h"
#include "app/root/idcard_setup.h"
#include "app/root/platform_keys.h"
#include "app/root/printer_setup.h"
#include "app/root/scanner_setup.h"
#include "app/root/startup_error.h"
#include "app/root/store_setup.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <optional>

class QTimer;

namespace hk {

class AnnouncementService;
class CatalogService;
class CheckInService;
class GuideService;
class TicketLookupService;
class CommandChannel;
class Clock;
class AuditTrailService;
class DayService;
class DemoPlatform;
class HealthService;
class ComplaintService;
class HelpService;
class HttpPlatformClient;
class IssueTicketService;
class KioskMaintenance;
class KioskPresenter;
class KioskWindow;
class DeviceRelinker;
class LocalOverrideFile;
class LogRing;
class SystemSerialPortCatalog;
class MaintenanceService;
class DeviceTrace;
class QueueOverviewService;
class ReportService;
class QueueService;
class RatingService;
class RemoteBookingService;
class CitizenBookingService;
class BookingFlowPresenter;
class StaffSessionService;
class SyncService;
class SystemClock;
class TerminalHttpServer;
class TicketComposer;
class VoiceOutput;
class SharedVoice;
class ScreenVoice;
class WindowDevicesService;

struct TerminalOptions {
    bool demo = false;
    bool anyHttpPortIfBusy = false; // the demo falls back to a free port rather than fail
    // The demo's clock: from this moment in the center's time; without it, the real time, or the
    // next opening when the hall is closed now (a demo shows the hall at work).
    std::optional<QDateTime> demoStartsAt;
    const Clock *clock = nullptr;   // tests pass their own; null: the system clock
    // Test rigs only (--test-control): a FIFO taking `walkin GROUP` lines, each a tap on that group's
    // button, so a test can drive several terminal processes at once without a screen.
    QString testControlFifo;
    // Test rigs only (--test-clock-offset-ms): the terminal's clock runs this far from the machine's,
    // so a rig starts several terminals (and the reference platform, --clock-offset-ms) inside the
    // hall's working hours whatever the time of the run.
    qint64 testClockOffsetMs = 0;
    // The log lines kept for the diagnostics bundle (main installs it; tests may leave it out).
    const LogRing *logRing = nullptr;
    // Where a technician's USB stick is looked for (DESIGN §12); a test gives its own folder.
    QStringList mediaRoots{QStringLiteral("/media")};
    // Where the 端口 page finds the ports' other names (a test gives a folder of its own links).
    QStringList serialLinkFolders{QStringLiteral("/dev/serial/by-id"), QStringLiteral("/dev/hallkiosk")};
};

// The composition root: the one place that knows every adapter. It builds the terminal from a
// validated config — database, devices (each through its setup), services, screens, HTTP — and
// wires them together. main() and the end-to-end tests build it the same way.
class Terminal : public QObject {
    Q_OBJECT
public:

    // The exit status of a restart asked for from the maintenance menu: main() starts the program
    // again (systemd's Restart=always does it for the service).
    static constexpr int kRestartStatus = 75;

    Terminal(Config config, Catalog catalog, TerminalOptions options = {}, QObject *parent = nullptr);
    ~Terminal() override;

    Result<void, StartupError> start();

    KioskWindow &window() const { return *m_window; }
    quint16 httpPort() const { return m_httpPort; }
    HealthService &health() const { return *m_health; }
    MaintenanceService &maintenance() const { return *m_maintenance; }
    // The maintenance menu on the kiosk's screen (its corner hold, sign-in and pages), once started.
    KioskMaintenance *kioskMaintenance() const { return m_kioskMaintenance.get(); }
    DayService &day() const { return *m_day; }
    IssueTicketService &issueService() const { return *m_issue; }
    AnnouncementService &announcer() const { return *m_announcer; }
    // The one voice the calls and 长辈版's screen instructions share (calls first).
    SharedVoice &voice() const { return *m_sharedVoice; }
    // 长辈版's spoken instructions; null when the config switches the voice off.
    ScreenVoice *screenVoice() const { return m_screenVoice.get(); }
    // The platform sync once it runs (a platform URL is configured, or the demo's platform is up).
    SyncService *sync() const { return m_sync.get(); }

Q_SIGNALS:
    void ready(); // the home screen is on show

private:
    // A folder beside the database: "sim" (the simulators' control FIFOs), "voice", "platform".
    QString dataFolder(const QString &name) const;
    void buildClock();
    void adoptPulledCatalog();
    void prepareDemoPlatform();
    Result<void, StartupError> buildDevices();
    Result<void, StartupError> buildServices();
    void watchDevices();
    template <typename Device> void watchHealth(const QString &name, Device *device);
    void reportAbsent(const QString &name, const QString &why = QStringLiteral("not configured"));
    void wireCheckIn();
    // The maintenance menu's service and each device's trace (app/root/maintenance_setup.cpp).
    void buildTraces();
    void buildMaintenance();
    void attachTraces();
    std::unique_ptr<DeviceRelinker> buildRelinker();
    QString runningUri(const QString &role) const;
    void seedDemoBookings();
    Result<void, StartupError> buildSync();
    Result<void, StartupError> startSync(const Config &config);
    Result<void, StartupError> buildScreens();
    void watchHall();
    void reportHall();
    void onHallBack();
    void mergeOfflineTickets();

    // Declared in the order start() builds them, so that each is torn down before what it uses.
    Config m_config;
    Catalog m_catalog;
    TerminalOptions m_options;
    std::unique_ptr<SystemClock> m_clock;
    const Clock *m_clockInUse = nullptr;
    qint64 m_clockOffsetMs = 0; // the demo's shifted clock, which its platform shares
    // The stores (the terminal's file, and the hall's database in a hall), the catalog and the ticket's layout.
    StoreSetup::Parts m_stores;
    std::unique_ptr<CatalogService> m_catalogService;
    std::unique_ptr<TicketComposer> m_composer;
    // The platform's keys, which the demo's platform provisions first.
    std::unique_ptr<DemoPlatform> m_demoPlatform;
    PlatformKeys m_keys;
    // The devices.
    PrinterSetup::Parts m_printer;
    IdCardSetup::Parts m_idCard;
    ScannerSetup::Parts m_scanners;
    std::unique_ptr<VoiceOutput> m_voice;
    std::unique_ptr<SharedVoice> m_sharedVoice; // m_voice, shared by calls and instructions
    HallbusSetup::Parts m_hallbus;
    std::map<QString, std::unique_ptr<DeviceTrace>> m_traces; // by role, written by the drivers
    std::map<QString, QString> m_runningUris; // a role's link as a technician changed it
    // The services.
    std::unique_ptr<AuditTrailService> m_auditTrail;
    std::unique_ptr<HelpService> m_help;
    std::unique_ptr<HealthService> m_health;
    std::unique_ptr<DayService> m_day;
    std::unique_ptr<IssueTicketService> m_issue;
    std::unique_ptr<QueueService> m_queue;
    std::unique_ptr<RatingService> m_ratings;
    std::unique_ptr<ComplaintService> m_complaints;
    std::unique_ptr<QueueOverviewService> m_overview;
    std::unique_ptr<ReportService> m_reports;
    std::unique_ptr<StaffSessionService> m_staff;
    std::unique_ptr<AnnouncementService> m_announcer;
    std::unique_ptr<WindowDevicesService> m_windowDevices;
    std::unique_ptr<CheckInService> m_checkIn;
    std::unique_ptr<GuideService> m_guide;               // 办事指南
    std::unique_ptr<TicketLookupService> m_ticketLookup; // 排队查询
    std::unique_ptr<LocalOverrideFile> m_localSettings;
    std::unique_ptr<DeviceRelinker> m_relinker;
    std::unique_ptr<SystemSerialPortCatalog> m_portCatalog;
    std::unique_ptr<MaintenanceService> m_maintenance;
    // The platform sync (in the demo, once its platform listens).
    std::unique_ptr<HttpPlatformClient> m_platformClient;
    std::unique_ptr<SyncService> m_sync;
    std::unique_ptr<RemoteBookingService> m_remoteBookings;
    std::unique_ptr<CitizenBookingService> m_citizenBooking; // 预约 and 取消预约 (DESIGN §14)
    // The screens and the HTTP server.
    std::unique_ptr<KioskWindow> m_window;
    std::unique_ptr<KioskPresenter> m_presenter;
    std::unique_ptr<BookingFlowPresenter> m_bookingFlow;
    std::unique_ptr<ScreenVoice> m_screenVoice;
    std::unique_ptr<KioskMaintenance> m_kioskMaintenance;
    std::unique_ptr<TerminalHttpServer> m_http;
    quint16 m_httpPort = 0;
    bool m_readyAnnounced = false;
    QTimer *m_hallReport = nullptr; // the hall's health, refreshed while the terminal runs
    std::unique_ptr<CommandChannel> m_testControl;
};

} // namespace hk
