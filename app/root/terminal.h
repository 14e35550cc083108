#pragma once

#include "app/config/config.h"
#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/root/startup_error.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace hk {

class AnnouncementService;
class BookingCodeVerifier;
class CatalogService;
class CheckInService;
class Clock;
class CodeScanner;
class IdCardSimulator;
class IdentityReader;
class ScannerSimulator;
class DayService;
class SqlBookingStore;
class HallbusSimulator;
class QueueOverviewService;
class QueueService;
class RatingService;
class SqlQueueOverviewReader;
class SqlRatingStore;
class SqlStaffStore;
class SqlWindowBusStateStore;
class StaffSessionService;
class VoiceOutput;
class WindowBus;
class WindowDevicesService;
class CommandChannel;
class Database;
class HealthService;
class HelpService;
class IssueTicketService;
class KioskPresenter;
class KioskWindow;
class PrinterSimulator;
class SqlQueueStore;
class SystemClock;
class TerminalHttpServer;
class TicketComposer;
class TicketPrinter;
class ByteTransport;
class DemoPlatform;
class HttpPlatformClient;
class RemoteBookingService;
class SqlOutboxStore;
class SqlSyncStateStore;
class SyncService;
struct PlatformEndpoint;

struct TerminalOptions {
    bool demo = false;
    bool anyHttpPortIfBusy = false; // the demo falls back to a free port rather than fail
    // The demo's clock: from this moment in the center's time; without it, the real time, or the
    // next opening when the hall is closed now (a demo shows the hall at work).
    std::optional<QDateTime> demoStartsAt;
    const Clock *clock = nullptr;   // tests pass their own; null: the system clock
};

// The composition root: the one place that knows every adapter. It builds the terminal from a
// validated config — database, devices, services, screens, HTTP — and wires them together.
// main() and the end-to-end tests build it the same way.
class Terminal : public QObject {
    Q_OBJECT
public:
    // The catalog named by the config (`catalog_file`), checked against the terminal's center.
    static Result<Catalog, StartupError> loadCatalog(const Config &config);
    // What the config names but only the drivers know: the printer profile and the ticket template.
    // Checked before start-up needs a display, so a mistake is reported like any other in the config.
    static Result<void, StartupError> checkDevices(const Config &config);

    Terminal(Config config, Catalog catalog, TerminalOptions options = {}, QObject *parent = nullptr);
    ~Terminal() override;

    Result<void, StartupError> start();

    const Config &config() const { return m_config; }
    KioskWindow &window() const { return *m_window; }
    quint16 httpPort() const { return m_httpPort; }
    HealthService &health() const { return *m_health; }
    DayService &day() const { return *m_day; }
    const Clock &clock() const { return *m_clockInUse; }
    // The platform sync once it runs (a platform URL is configured, or the demo's platform is up).
    SyncService *sync() const { return m_sync.get(); }
    // Booking and cancelling at the terminal, for the screens that offer it; null without a platform.
    RemoteBookingService *remoteBookings() const { return m_remoteBookings.get(); }
    // The built-in printer simulator when the printer is `sim:`, else null.
    PrinterSimulator *printerSimulator() const { return m_printerSim.get(); }
    // The built-in reader and scanner simulators when those devices are `sim:`, else null.
    IdCardSimulator *idCardSimulator() const { return m_idCardSim.get(); }
    ScannerSimulator *scannerSimulator() const { return m_scannerSim.get(); }
    CheckInService &checkIn() const { return *m_checkIn; }
    QString simulatorFolder() const;
    QueueService &queue() const { return *m_queue; }
    AnnouncementService &announcer() const { return *m_announcer; }
    TerminalHttpServer &http() const { return *m_http; }
    // The window bus (null when none is configured) and, for `sim:`, its simulator.
    WindowBus *windowBus() const { return m_bus.get(); }
    HallbusSimulator *hallbusSimulator() const { return m_hallbusSim.get(); }
    QString voiceFolder() const;

Q_SIGNALS:
    void ready(); // the home screen is on show

private:
    Result<void, StartupError> buildPrinter();
    Result<void, StartupError> loadPlatformKeys();
    Result<void, StartupError> buildIdCardReader();
    Result<void, StartupError> buildScanners();
    void wireCheckIn();
    void buildClock();
    Result<void, StartupError> buildHall();
    Result<void, StartupError> buildWindowBus();
    void adoptPulledCatalog();
    void prepareDemoPlatform();
    Result<void, StartupError> buildSync();
    Result<void, StartupError> startSync(PlatformEndpoint endpoint);

    Config m_config;
    Catalog m_catalog;
    TerminalOptions m_options;
    std::unique_ptr<SystemClock> m_clock;
    const Clock *m_clockInUse = nullptr;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SqlQueueStore> m_store;
    std::unique_ptr<SqlBookingStore> m_bookings;
    std::unique_ptr<SqlOutboxStore> m_outbox;
    std::unique_ptr<SqlSyncStateStore> m_syncState;
    std::unique_ptr<CatalogService> m_catalogService;
    std::unique_ptr<TicketComposer> m_composer;
    std::unique_ptr<PrinterSimulator> m_printerSim;
    std::unique_ptr<CommandChannel> m_printerSimControl;
    std::unique_ptr<ByteTransport> m_printerTransport;
    std::unique_ptr<TicketPrinter> m_printer;
    std::function<void()> m_startPrinter;
    std::unique_ptr<BookingCodeVerifier> m_verifier;
    QByteArray m_matchKey;
    std::unique_ptr<IdCardSimulator> m_idCardSim;
    std::unique_ptr<CommandChannel> m_idCardSimControl;
    std::unique_ptr<ByteTransport> m_idCardTransport;
    std::unique_ptr<IdentityReader> m_idCardReader;
    std::unique_ptr<ScannerSimulator> m_scannerSim;
    std::unique_ptr<CommandChannel> m_scannerSimControl;
    std::vector<std::unique_ptr<ByteTransport>> m_scannerTransports;
    std::vector<std::unique_ptr<CodeScanner>> m_scanners;
    std::unique_ptr<CheckInService> m_checkIn;
    std::unique_ptr<HelpService> m_help;
    std::unique_ptr<HealthService> m_health;
    std::unique_ptr<DayService> m_day;
    std::unique_ptr<IssueTicketService> m_issue;
    std::unique_ptr<KioskWindow> m_window;
    std::unique_ptr<KioskPresenter> m_presenter;
    std::unique_ptr<SqlRatingStore> m_ratingStore;
    std::unique_ptr<SqlStaffStore> m_staffStore;
    std::unique_ptr<SqlWindowBusStateStore> m_busStore;
    std::unique_ptr<SqlQueueOverviewReader> m_overviewReader;
    std::unique_ptr<QueueService> m_queue;
    std::unique_ptr<RatingService> m_ratings;
    std::unique_ptr<QueueOverviewService> m_overview;
    std::unique_ptr<StaffSessionService> m_staff;
    std::unique_ptr<VoiceOutput> m_voice;
    std::unique_ptr<AnnouncementService> m_announcer;
    std::unique_ptr<HallbusSimulator> m_hallbusSim;
    std::unique_ptr<CommandChannel> m_hallbusSimControl;
    std::unique_ptr<ByteTransport> m_busTransport;
    std::unique_ptr<WindowBus> m_bus;
    std::unique_ptr<WindowDevicesService> m_windowDevices;
    std::unique_ptr<TerminalHttpServer> m_http;
    std::unique_ptr<DemoPlatform> m_demoPlatform;
    std::unique_ptr<HttpPlatformClient> m_platformClient;
    std::unique_ptr<SyncService> m_sync;
    std::unique_ptr<RemoteBookingService> m_remoteBookings;
    qint64 m_clockOffsetMs = 0; // the demo's shifted clock, which its platform shares
    quint16 m_httpPort = 0;
    bool m_readyAnnounced = false;
};

} // namespace hk
