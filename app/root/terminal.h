#pragma once

#include "app/config/config.h"
#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/root/startup_error.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace hk {

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
    // The demo's configuration: simulated devices, the sample catalog, a database under `dataDir`.
    static Result<Config, StartupError> demoConfig(const QString &dataDir);
    // The catalog named by the config (`catalog_file`), checked against the terminal's center.
    static Result<Catalog, StartupError> loadCatalog(const Config &config);
    // What the config names but only the drivers know: printer profiles. Checked before start-up
    // needs a display, so a mistake is reported the same way as any other in the config.
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
    // The built-in printer simulator when the printer is `sim:`, else null.
    PrinterSimulator *printerSimulator() const { return m_printerSim.get(); }
    // The built-in reader and scanner simulators when those devices are `sim:`, else null.
    IdCardSimulator *idCardSimulator() const { return m_idCardSim.get(); }
    ScannerSimulator *scannerSimulator() const { return m_scannerSim.get(); }
    CheckInService &checkIn() const { return *m_checkIn; }
    QString simulatorFolder() const;

Q_SIGNALS:
    void ready(); // the home screen is on show

private:
    Result<void, StartupError> buildPrinter();
    Result<void, StartupError> loadPlatformKeys();
    Result<void, StartupError> buildIdCardReader();
    Result<void, StartupError> buildScanners();
    void wireCheckIn();
    void buildClock();

    Config m_config;
    Catalog m_catalog;
    TerminalOptions m_options;
    std::unique_ptr<SystemClock> m_clock;
    const Clock *m_clockInUse = nullptr;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SqlQueueStore> m_store;
    std::unique_ptr<SqlBookingStore> m_bookings;
    std::unique_ptr<CatalogService> m_catalogService;
    std::unique_ptr<TicketComposer> m_composer;
    std::unique_ptr<PrinterSimulator> m_printerSim;
    std::unique_ptr<CommandChannel> m_printerSimControl;
    std::unique_ptr<ByteTransport> m_printerTransport;
    std::unique_ptr<TicketPrinter> m_printer;
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
    std::unique_ptr<TerminalHttpServer> m_http;
    quint16 m_httpPort = 0;
    bool m_readyAnnounced = false;
};

} // namespace hk
