#include "app/root/terminal.h"

#include "app/config/catalog_parser.h"
#include "app/config/config_loader.h"
#include "app/root/logging.h"
#include "app/root/printer_setup.h"
#include "app/services/catalog_service.h"
#include "app/services/day_service.h"
#include "app/services/health_service.h"
#include "app/services/help_service.h"
#include "app/services/issue_ticket_service.h"
#include "app/services/system_clock.h"
#include "app/services/ticket_composer.h"
#include "db/database.h"
#include "db/sql_booking_store.h"
#include "db/sql_queue_store.h"
#include "app/ports/ticket_printer.h"
#include "drivers/sim/command_channel.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/transports/byte_transport.h"
#include "hallkiosk_version.h"
#include "ui/kiosk/kiosk_presenter.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/web/terminal_http_server.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace hk {

Result<Config, StartupError> Terminal::demoConfig(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return fail(StartupError{1, QStringLiteral("cannot create the demo folder %1").arg(dataDir)});
    const QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("DEMO-T01")},
                                                 {QStringLiteral("center"), QStringLiteral("SQ-001")},
                                                 {QStringLiteral("name"), QStringLiteral("大厅1号自助机")}}},
        {QStringLiteral("database"), QDir(dataDir).filePath(QStringLiteral("hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")},
                                                {QStringLiteral("idcard"), QJsonValue::Null},
                                                {QStringLiteral("scanner"), QJsonValue::Null},
                                                {QStringLiteral("hallbus"), QJsonValue::Null}}},
        {QStringLiteral("catalog_file"), QStringLiteral(":/hallkiosk/catalog/demo-catalog.json")},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")},
                                             {QStringLiteral("port"), 8080}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
    };
    auto config = ConfigLoader::parse(QJsonDocument(json).toJson(), dataDir);
    if (!config) // a defect in this function, not in anything the user did
        return fail(StartupError{1, QStringLiteral("demo config: %1").arg(config.error().first().toString())});
    return config.value();
}

Result<Catalog, StartupError> Terminal::loadCatalog(const Config &config)
{
    if (!config.catalogFile)
        return fail(StartupError{2, QStringLiteral("catalog_file: required until the platform sync provides the catalog")});
    auto parsed = CatalogParser::loadFile(*config.catalogFile);
    if (!parsed) {
        QStringList lines;
        for (const ConfigError &e : parsed.error())
            lines << QStringLiteral("catalog_file %1: %2").arg(*config.catalogFile, e.toString());
        return fail(StartupError{2, lines.join(QLatin1Char('\n'))});
    }
    for (const ConfigError &w : parsed->warnings)
        qCWarning(lcRoot).noquote() << "catalog_file" << *config.catalogFile << w.toString() << "(ignored)";
    const Catalog &catalog = parsed->catalog;
    if (QString::fromStdString(catalog.center.id) != config.terminal.center)
        return fail(StartupError{2, QStringLiteral("catalog_file %1: the catalog is for center \"%2\" but terminal.center is \"%3\"")
                                        .arg(*config.catalogFile, QString::fromStdString(catalog.center.id), config.terminal.center)});
    return catalog;
}

Result<void, StartupError> Terminal::checkDevices(const Config &config)
{
    if (config.devices.printer) {
        if (auto profile = PrinterSetup::profile(config); !profile)
            return fail(profile.error());
    }
    if (auto layout = PrinterSetup::layout(config); !layout)
        return fail(layout.error());
    return Ok{};
}

Terminal::Terminal(Config config, Catalog catalog, TerminalOptions options, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_catalog(std::move(catalog))
    , m_options(options)
{
}

Terminal::~Terminal()
{
    // Screens and services go before the devices and the database they use.
    m_http.reset();
    m_presenter.reset();
    m_window.reset();
    m_issue.reset();
    m_day.reset();
    m_health.reset();
    m_help.reset();
    m_printer.reset();
    m_printerTransport.reset();
    m_printerSimControl.reset();
    m_printerSim.reset();
    m_bookings.reset();
    m_store.reset();
    m_database.reset();
}

QString Terminal::simulatorFolder() const
{
    return QFileInfo(m_config.database).absoluteDir().filePath(QStringLiteral("sim"));
}

Result<void, StartupError> Terminal::buildPrinter()
{
    auto parts = PrinterSetup::build(m_config, simulatorFolder());
    if (!parts)
        return fail(parts.error());
    m_printerSim = std::move(parts.value().simulator);
    m_printerSimControl = std::move(parts.value().simulatorControl);
    m_printerTransport = std::move(parts.value().transport);
    m_printer = std::move(parts.value().printer);
    m_startPrinter = std::move(parts.value().start);
    return Ok{};
}

void Terminal::buildClock()
{
    if (m_options.clock) {
        m_clockInUse = m_options.clock;
        return;
    }
    qint64 offset = 0;
    if (m_options.demo) {
        const QDateTime real = QDateTime::currentDateTimeUtc();
        const CenterTime &time = m_catalogService->centerTime();
        const WorkingCalendar &calendar = m_catalogService->calendar();
        QDateTime target = real;
        if (m_options.demoStartsAt) {
            target = *m_options.demoStartsAt;
        } else if (const LocalDateTime local = time.localOf(real); !calendar.isIssuing(local)) {
            // Half an hour into the next issuing hours: the windows are open by then.
            if (auto next = calendar.nextIssuingStart(local))
                target = time.instantOf(next->addMinutes(30));
        }
        offset = real.msecsTo(target);
        if (offset != 0)
            qCInfo(lcRoot).noquote() << "demo clock: the hall's time is" << time.toLocal(target).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                     << (m_options.demoStartsAt ? "(--demo-time)" : "(the real time is outside the issuing hours; --demo-time picks another moment)");
    }
    m_clock = std::make_unique<SystemClock>(offset);
    m_clockInUse = m_clock.get();
}

Result<void, StartupError> Terminal::start()
{
    auto database = Database::open(m_config.database);
    if (!database)
        return fail(StartupError{1, QStringLiteral("database: %1").arg(database.error().detail)});
    m_database = std::move(database).value();
    m_store = std::make_unique<SqlQueueStore>(*m_database);
    m_bookings = std::make_unique<SqlBookingStore>(*m_database);
    m_catalogService = std::make_unique<CatalogService>(m_catalog);
    buildClock();
    const Clock &clock = *m_clockInUse;
    auto layout = PrinterSetup::layout(m_config);
    if (!layout)
        return fail(layout.error());
    m_composer = std::make_unique<TicketComposer>(m_config.terminal.center, QString::fromStdString(m_catalog.center.name),
                                                  m_config.platform.ticketUrl.value_or(QString()), layout.value().ticket,
                                                  layout.value().logo);
    if (auto printer = buildPrinter(); !printer)
        return printer;

    m_help = std::make_unique<HelpService>(*m_store, clock, m_config.terminal.id, m_config.terminal.name);
    m_health = std::make_unique<HealthService>(QStringLiteral(HALLKIOSK_VERSION), m_config.terminal.id, *m_store, *m_help, clock);
    m_day = std::make_unique<DayService>(*m_store, *m_bookings, *m_catalogService, clock);
    m_issue = std::make_unique<IssueTicketService>(*m_store, *m_printer, *m_catalogService, *m_composer, clock,
                                                   m_config.terminal.id);

    m_health->setDeviceHealth(QStringLiteral("printer"), m_printer->health());
    connect(m_printer.get(), &TicketPrinter::healthChanged, m_health.get(),
            [this](const DeviceHealth &h) { m_health->setDeviceHealth(QStringLiteral("printer"), h); });
    const auto notYet = [](const std::optional<DeviceUri> &uri) {
        return uri ? DeviceHealth{DeviceHealth::State::Error, QStringLiteral("%1 configured, but this version has no driver for it yet").arg(uri->text), std::nullopt}
                   : DeviceHealth{DeviceHealth::State::Absent, QStringLiteral("not configured"), std::nullopt};
    };
    m_health->setDeviceHealth(QStringLiteral("idcard"), notYet(m_config.devices.idcard));
    m_health->setDeviceHealth(QStringLiteral("scanner"), notYet(m_config.devices.scanner));
    m_health->setDeviceHealth(QStringLiteral("hallbus"), notYet(m_config.devices.hallbus));
    SyncHealth sync;
    sync.configured = m_config.platform.url.has_value();
    m_health->setSyncHealth(sync);
    connect(m_help.get(), &HelpService::helpRequested, this, [this](const HelpRequest &request) {
        qCWarning(lcRoot).noquote() << "帮办: help requested at" << request.terminal << "(" << request.id << ")";
    });

    m_window = std::make_unique<KioskWindow>();
    m_presenter = std::make_unique<KioskPresenter>(*m_window, *m_issue, *m_help, *m_catalogService, *m_health, *m_day, clock,
                                                   KioskTimings{m_config.kiosk.ticketScreenS, 90});

    const QHostAddress address(m_config.http.bind); // validated by ConfigLoader
    m_http = std::make_unique<TerminalHttpServer>(*m_health);
    auto port = m_http->listen(address, quint16(m_config.http.port));
    if (!port && m_options.anyHttpPortIfBusy) {
        qCWarning(lcRoot).noquote() << port.error() << "- using any free port instead";
        port = m_http->listen(address, 0);
    }
    if (!port)
        return fail(StartupError{1, QStringLiteral("http: %1").arg(port.error())});
    m_httpPort = port.value();
    qCInfo(lcRoot).noquote() << QStringLiteral("HTTP on http://%1:%2/api/v1/health").arg(address.toString()).arg(m_httpPort);

    // Ready means the home screen is up and the printer has said how it is (or 3 s have passed),
    // so a first screenshot or a first citizen never sees a printer that is merely starting.
    const auto announceReady = [this] {
        if (!std::exchange(m_readyAnnounced, true))
            Q_EMIT ready();
    };
    if (m_config.devices.printer) {
        // Deferred, so the screens have taken the printer's news before anyone looks at them.
        connect(m_health.get(), &HealthService::deviceHealthChanged, this,
                [this, announceReady] { QTimer::singleShot(0, this, announceReady); }, Qt::SingleShotConnection);
        QTimer::singleShot(3000, this, announceReady);
        m_startPrinter();
    } else {
        QTimer::singleShot(0, this, announceReady);
    }
    m_day->start(); // closes what was left open before the first citizen sees the screen
    m_presenter->start();
    if (m_config.kiosk.fullscreen && !m_options.demo) {
        m_window->showFullScreen();
    } else {
        m_window->resize(1080, 1920);
        m_window->show();
    }
    return Ok{};
}

} // namespace hk
