#include "app/root/terminal.h"

#include "app/config/catalog_parser.h"
#include "app/config/config_loader.h"
#include "app/root/absent_printer.h"
#include "app/root/demo_platform.h"
#include "app/root/logging.h"
#include "app/services/catalog_service.h"
#include "app/services/day_service.h"
#include "app/services/health_service.h"
#include "app/services/help_service.h"
#include "app/services/issue_ticket_service.h"
#include "app/services/remote_booking_service.h"
#include "app/services/sync_service.h"
#include "app/services/system_clock.h"
#include "app/services/ticket_composer.h"
#include "db/database.h"
#include "db/sql_booking_store.h"
#include "db/sql_outbox_store.h"
#include "db/sql_queue_store.h"
#include "db/sql_sync_state_store.h"
#include "drivers/devices/escpos_printer.h"
#include "drivers/sim/command_channel.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/transports/serial_transport.h"
#include "hallkiosk_version.h"
#include "platform/http_platform_client.h"
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
        // The demo's reference platform provisions these files before anything reads them
        // (DemoPlatform::provision); its URL is known once it listens (Terminal::buildSync).
        {QStringLiteral("platform"),
         QJsonObject{{QStringLiteral("secret_file"), DemoPlatform::secretPath(QDir(dataDir).filePath(QStringLiteral("platform")), QStringLiteral("DEMO-T01"))},
                     {QStringLiteral("public_key_file"), DemoPlatform::publicKeyPath(QDir(dataDir).filePath(QStringLiteral("platform")))},
                     {QStringLiteral("match_key_file"), DemoPlatform::matchKeyPath(QDir(dataDir).filePath(QStringLiteral("platform")))},
                     {QStringLiteral("pull_interval_s"), 10}}},
    };
    auto config = ConfigLoader::parse(QJsonDocument(json).toJson(), dataDir);
    if (!config) // a defect in this function, not in anything the user did
        return fail(StartupError{1, QStringLiteral("demo config: %1").arg(config.error().first().toString())});
    return config.value();
}

Result<Catalog, StartupError> Terminal::loadCatalog(const Config &config)
{
    if (!config.catalogFile) {
        if (config.platform.url) {
            // The platform provides it: the catalog its last pull left (adopted at start-up), or,
            // on the very first start, none until the first pull.
            Catalog none;
            none.version = 0;
            none.center.id = config.terminal.center.toStdString();
            return none;
        }
        return fail(StartupError{2, QStringLiteral("catalog_file: required without platform.url (the platform would provide the catalog)")});
    }
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
    if (config.devices.printer && !EscPosProfile::builtIn(config.devices.printerProfile))
        return fail(StartupError{2, QStringLiteral("devices.printer_profile: unknown printer profile \"%1\" (known: escpos-80mm, escpos-58mm)")
                                        .arg(config.devices.printerProfile)});
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
    m_sync.reset();
    m_remoteBookings.reset();
    m_platformClient.reset();
    m_demoPlatform.reset();
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
    m_syncState.reset();
    m_outbox.reset();
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
    if (!m_config.devices.printer) {
        m_printer = std::make_unique<AbsentPrinter>();
        return Ok{};
    }
    if (auto checked = checkDevices(m_config); !checked)
        return checked;
    const EscPosProfile profile = *EscPosProfile::builtIn(m_config.devices.printerProfile);
    const DeviceUri &uri = *m_config.devices.printer;
    SerialSettings serial;
    // Many ESC/POS serial printers leave the factory at 9600 baud; the URI says otherwise.
    serial.baud = uri.baud ? uri.baud : 9600;
    const QString parity = uri.param(QStringLiteral("parity"), QStringLiteral("none"));
    serial.parity = parity == QLatin1String("even") ? QSerialPort::EvenParity
                    : parity == QLatin1String("odd") ? QSerialPort::OddParity
                                                     : QSerialPort::NoParity;
    switch (uri.scheme) {
    case DeviceUri::Scheme::Sim: {
        auto sim = PrinterSimulator::create();
        if (!sim)
            return fail(StartupError{1, QStringLiteral("printer simulator: %1").arg(sim.error())});
        m_printerSim = std::move(sim).value();
        if (auto condition = PrinterSimulator::conditionFromString(uri.param(QStringLiteral("status"), QStringLiteral("ok"))))
            m_printerSim->setCondition(*condition);
        else
            return fail(StartupError{2, QStringLiteral("devices.printer: sim: status must be ok, near_end, paper_out, cover_open, cutter_error or silent")});
        const QString folder = simulatorFolder();
        m_printerSim->setOutputDirectory(QDir(folder).filePath(QStringLiteral("tickets")));
        PrinterSimulator *simulator = m_printerSim.get();
        m_printerSimControl = CommandChannel::openFifo(QDir(folder).filePath(QStringLiteral("printer.ctl")),
                                                       [simulator](const QString &line) { return simulator->command(line); });
        qCInfo(lcRoot).noquote() << "simulated printer: tickets in" << m_printerSim->outputDirectory()
                                 << "— control with: echo 'status paper_out' >" << QDir(folder).filePath(QStringLiteral("printer.ctl"));
        serial.path = m_printerSim->devicePath();
        serial.baud = 115200;
        break;
    }
    case DeviceUri::Scheme::Serial:
        serial.path = uri.path;
        break;
    case DeviceUri::Scheme::UsbLp:
    case DeviceUri::Scheme::Tcp:
    case DeviceUri::Scheme::Cups:
    case DeviceUri::Scheme::Evdev:
        return fail(StartupError{1, QStringLiteral("devices.printer: the %1: transport is not supported by this version yet; use serial: or sim:")
                                        .arg(schemeName(uri.scheme))});
    }
    m_printerTransport = std::make_unique<SerialTransport>(serial);
    EscPosPrinter::Timing timing;
    timing.idlePollMs = m_config.kiosk.printerPollS * 1000;
    m_printer = std::make_unique<EscPosPrinter>(*m_printerTransport, profile, timing);
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
    m_clockOffsetMs = offset;
    m_clock = std::make_unique<SystemClock>(offset);
    m_clockInUse = m_clock.get();
}

void Terminal::adoptPulledCatalog()
{
    if (!m_config.platform.url && !m_options.demo)
        return;
    auto stored = m_syncState->catalog();
    if (!stored || !stored.value()) {
        if (m_catalog.version == 0)
            qCWarning(lcRoot) << "no catalog yet (no catalog_file, no pull so far): the home screen offers nothing until the first pull";
        return;
    }
    auto parsed = CatalogParser::parse(stored.value()->json);
    if (!parsed) {
        qCWarning(lcRoot) << "the catalog kept from the platform's last pull is unreadable; using catalog_file until the next pull";
        return;
    }
    if (QString::fromStdString(parsed->catalog.center.id) != m_config.terminal.center)
        return;
    qCInfo(lcRoot).noquote() << QStringLiteral("catalog version %1 from the platform's last pull (catalog_file: version %2)")
                                    .arg(parsed->catalog.version)
                                    .arg(m_catalog.version);
    m_catalog = parsed->catalog;
}

Result<void, StartupError> Terminal::startSync(PlatformEndpoint endpoint)
{
    const QString url = endpoint.baseUrl.toString();
    auto client = HttpPlatformClient::create(std::move(endpoint), *m_clockInUse);
    if (!client)
        return fail(StartupError{2, client.error()});
    m_platformClient = std::move(client).value();
    SyncSettings settings;
    settings.centerId = m_config.terminal.center;
    settings.pullIntervalS = m_config.platform.pullIntervalS;
    m_sync = std::make_unique<SyncService>(*m_platformClient, *m_outbox, *m_bookings, *m_syncState, *m_catalogService, *m_clockInUse,
                                           settings);
    m_remoteBookings = std::make_unique<RemoteBookingService>(*m_platformClient, *m_bookings, *m_catalogService);
    connect(m_sync.get(), &SyncService::healthChanged, m_health.get(), [this](const SyncHealth &h) { m_health->setSyncHealth(h); });
    qCInfo(lcRoot).noquote() << "platform:" << url << "- pulls every" << settings.pullIntervalS << "s, events as they happen";
    m_sync->start();
    return Ok{};
}

Result<void, StartupError> Terminal::buildSync()
{
    SyncHealth none;
    none.catalogVersion = m_catalogService->catalog().version;
    if (m_options.demo) {
        const QString program = DemoPlatform::findProgram();
        const QString dir = QFileInfo(m_config.database).absoluteDir().filePath(QStringLiteral("platform"));
        QString error;
        if (program.isEmpty()) {
            qCWarning(lcRoot) << "demo: hallkiosk-platform-sim not found (HALLKIOSK_PLATFORM_SIM names it); the demo runs without a platform";
            m_health->setSyncHealth(none);
            return Ok{};
        }
        m_demoPlatform = std::make_unique<DemoPlatform>(program, dir, m_config.terminal.id, m_clockOffsetMs);
        if (!m_demoPlatform->provision(&error)) {
            qCWarning(lcRoot).noquote() << "demo: no platform:" << error;
            m_demoPlatform.reset();
            m_health->setSyncHealth(none);
            return Ok{};
        }
        connect(m_demoPlatform.get(), &DemoPlatform::ready, this, [this, dir](const QUrl &url) {
            const qint64 pid = m_demoPlatform->processId();
            qCInfo(lcRoot).noquote() << QStringLiteral("demo platform: %1 (hallkiosk-platform-sim, pid %2, data in %3)")
                                            .arg(url.toString())
                                            .arg(pid)
                                            .arg(dir);
            qCInfo(lcRoot).noquote() << QStringLiteral("demo platform: rehearse an outage with kill -STOP %1 (then kill -CONT %1), "
                                                       "or curl -X POST -d '{\"fail_rate\": 1}' %2sim/v1/faults")
                                            .arg(pid)
                                            .arg(url.toString());
            Config config = m_config;
            config.platform.url = url.toString();
            auto endpoint = HttpPlatformClient::endpointFrom(config);
            auto started = endpoint ? startSync(endpoint.value()) : Result<void, StartupError>(fail(StartupError{1, endpoint.error()}));
            if (!started)
                qCWarning(lcRoot).noquote() << "demo: no sync:" << started.error().message;
        });
        connect(m_demoPlatform.get(), &DemoPlatform::failed, this,
                [](const QString &why) { qCWarning(lcRoot).noquote() << "demo: the platform did not start:" << why; });
        none.configured = true;
        none.lastError = QStringLiteral("starting the demo platform");
        m_health->setSyncHealth(none);
        m_demoPlatform->start();
        return Ok{};
    }
    if (!m_config.platform.url) {
        m_health->setSyncHealth(none);
        return Ok{};
    }
    auto endpoint = HttpPlatformClient::endpointFrom(m_config);
    if (!endpoint)
        return fail(StartupError{2, endpoint.error()});
    return startSync(endpoint.value());
}

Result<void, StartupError> Terminal::start()
{
    auto database = Database::open(m_config.database);
    if (!database)
        return fail(StartupError{1, QStringLiteral("database: %1").arg(database.error().detail)});
    m_database = std::move(database).value();
    m_store = std::make_unique<SqlQueueStore>(*m_database);
    m_bookings = std::make_unique<SqlBookingStore>(*m_database);
    m_outbox = std::make_unique<SqlOutboxStore>(*m_database);
    m_syncState = std::make_unique<SqlSyncStateStore>(*m_database);
    adoptPulledCatalog();
    m_catalogService = std::make_unique<CatalogService>(m_catalog);
    buildClock();
    const Clock &clock = *m_clockInUse;
    m_composer = std::make_unique<TicketComposer>(m_config.terminal.center, QString::fromStdString(m_catalog.center.name),
                                                  m_config.platform.ticketUrl.value_or(QString()));
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
    if (auto sync = buildSync(); !sync)
        return sync;
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
    if (auto *escpos = qobject_cast<EscPosPrinter *>(m_printer.get())) {
        // Deferred, so the screens have taken the printer's news before anyone looks at them.
        connect(m_health.get(), &HealthService::deviceHealthChanged, this,
                [this, announceReady] { QTimer::singleShot(0, this, announceReady); }, Qt::SingleShotConnection);
        QTimer::singleShot(3000, this, announceReady);
        escpos->start();
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
