#include "app/root/terminal.h"

#include "app/config/catalog_parser.h"
#include "app/config/config_loader.h"
#include "app/root/absent_printer.h"
#include "app/root/demo_setup.h"
#include "app/root/logging.h"
#include "app/services/catalog_service.h"
#include "app/services/check_in_service.h"
#include "app/services/day_service.h"
#include "app/services/health_service.h"
#include "app/services/help_service.h"
#include "app/services/issue_ticket_service.h"
#include "app/services/system_clock.h"
#include "app/services/ticket_composer.h"
#include "db/database.h"
#include "db/sql_booking_store.h"
#include "db/sql_queue_store.h"
#include "drivers/devices/camera_scanner.h"
#include "drivers/devices/escpos_printer.h"
#include "drivers/devices/image_folder_scanner.h"
#include "drivers/devices/keyboard_wedge_scanner.h"
#include "drivers/devices/sam_idcard_reader.h"
#include "drivers/devices/serial_line_scanner.h"
#include "drivers/sim/command_channel.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "drivers/transports/evdev_transport.h"
#include "drivers/transports/serial_transport.h"
#include "hallkiosk_version.h"
#include "platform/ed25519_key.h"
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
    // The demo's own platform keys, made at its first start.
    if (auto keys = DemoSetup::prepareKeys(dataDir); !keys)
        return fail(StartupError{1, QStringLiteral("demo keys: %1").arg(keys.error())});
    const QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("DEMO-T01")},
                                                 {QStringLiteral("center"), QStringLiteral("SQ-001")},
                                                 {QStringLiteral("name"), QStringLiteral("大厅1号自助机")}}},
        {QStringLiteral("database"), QDir(dataDir).filePath(QStringLiteral("hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")},
                                                {QStringLiteral("idcard"), QStringLiteral("sim:")},
                                                {QStringLiteral("scanner"), QStringLiteral("sim:?suffix=cr")},
                                                {QStringLiteral("hallbus"), QJsonValue::Null}}},
        {QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), DemoSetup::publicKeyPath(dataDir)},
                                                 {QStringLiteral("match_key_file"), DemoSetup::matchKeyPath(dataDir)}}},
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
    m_http.reset();
    m_presenter.reset();
    m_window.reset();
    m_checkIn.reset();
    m_issue.reset();
    m_day.reset();
    m_health.reset();
    m_help.reset();
    m_scanners.clear();
    m_scannerTransports.clear();
    m_scannerSimControl.reset();
    m_scannerSim.reset();
    m_idCardReader.reset();
    m_idCardTransport.reset();
    m_idCardSimControl.reset();
    m_idCardSim.reset();
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
    // A built-in simulator answers on this very event loop: while the first screen is painted
    // (fonts load) it cannot answer, which must not look like a dead printer.
    if (uri.scheme == DeviceUri::Scheme::Sim)
        timing.replyTimeoutMs = 2000;
    m_printer = std::make_unique<EscPosPrinter>(*m_printerTransport, profile, timing);
    return Ok{};
}

Result<void, StartupError> Terminal::loadPlatformKeys()
{
    // A key file the config names but that cannot be used is a configuration mistake (exit 2).
    if (const auto &path = m_config.platform.publicKeyFile) {
        auto key = Ed25519PublicKey::loadFile(*path);
        if (!key)
            return fail(StartupError{2, QStringLiteral("platform.public_key_file: %1").arg(key.error())});
        m_verifier = std::make_unique<Ed25519PublicKey>(std::move(key).value());
    } else if (m_config.devices.scanner || m_config.devices.scannerKeyboard || m_config.devices.camera) {
        qCWarning(lcRoot) << "no platform.public_key_file: booking QR codes cannot be verified and will be refused";
    }
    if (const auto &path = m_config.platform.matchKeyFile) {
        QFile file(*path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(StartupError{2, QStringLiteral("platform.match_key_file: cannot read %1: %2").arg(*path, file.errorString())});
        // One line; the key is its UTF-8 bytes without surrounding white space (DESIGN §8).
        m_matchKey = file.readLine().trimmed();
        if (m_matchKey.isEmpty())
            return fail(StartupError{2, QStringLiteral("platform.match_key_file: %1 holds no key").arg(*path)});
    } else if (m_config.devices.idcard) {
        qCWarning(lcRoot) << "no platform.match_key_file: ID cards cannot be matched to bookings";
    }
    return Ok{};
}

Result<void, StartupError> Terminal::buildIdCardReader()
{
    if (!m_config.devices.idcard)
        return Ok{};
    const DeviceUri &uri = *m_config.devices.idcard;
    SerialSettings serial;
    serial.baud = uri.baud ? uri.baud : 115200; // GA 467 readers: 115200 8N1 (reference §1.2)
    serial.logReceivedBytes = false;            // a card's text is personal data
    if (uri.scheme == DeviceUri::Scheme::Sim) {
        auto sim = IdCardSimulator::create();
        if (!sim)
            return fail(StartupError{1, QStringLiteral("ID-card reader simulator: %1").arg(sim.error())});
        m_idCardSim = std::move(sim).value();
        const QString cards = uri.param(QStringLiteral("cards"), QStringLiteral(":/hallkiosk/sim/idcards.json"));
        if (auto loaded = m_idCardSim->loadCards(cards); !loaded)
            return fail(StartupError{2, QStringLiteral("devices.idcard: cards: %1").arg(loaded.error())});
        const QString control = QDir(simulatorFolder()).filePath(QStringLiteral("idcard.ctl"));
        QDir().mkpath(simulatorFolder());
        IdCardSimulator *simulator = m_idCardSim.get();
        m_idCardSimControl = CommandChannel::openFifo(control, [simulator](const QString &line) { return simulator->command(line); });
        qCInfo(lcRoot).noquote() << "simulated ID-card reader: present a card with: echo 'card resident' >" << control
                                 << "(cards:" << m_idCardSim->cardNames().join(QStringLiteral(", ")) << ")";
        serial.path = m_idCardSim->devicePath();
        serial.baud = 115200;
    } else {
        serial.path = uri.path;
    }
    m_idCardTransport = std::make_unique<SerialTransport>(serial);
    SamIdCardReader::Timing timing;
    if (uri.scheme == DeviceUri::Scheme::Sim)
        timing.replyTimeoutMs = 2000; // the simulator shares this event loop (see the printer's)
    m_idCardReader = std::make_unique<SamIdCardReader>(*m_idCardTransport, timing);
    return Ok{};
}

Result<void, StartupError> Terminal::buildScanners()
{
    if (const auto &uri = m_config.devices.scanner) {
        SerialLineScanner::Settings settings;
        settings.suffix = *ScannerSimulator::suffixFromString(uri->param(QStringLiteral("suffix"), QStringLiteral("cr")));
        settings.interByteTimeoutMs = uri->param(QStringLiteral("interbyte_ms"), QStringLiteral("100")).toInt();
        SerialSettings serial;
        serial.baud = uri->baud ? uri->baud : 9600; // reference §4: 9600 8N1 for most modules
        if (uri->scheme == DeviceUri::Scheme::Sim) {
            auto sim = ScannerSimulator::create();
            if (!sim)
                return fail(StartupError{1, QStringLiteral("scanner simulator: %1").arg(sim.error())});
            m_scannerSim = std::move(sim).value();
            m_scannerSim->setSuffix(settings.suffix);
            const QString control = QDir(simulatorFolder()).filePath(QStringLiteral("scanner.ctl"));
            QDir().mkpath(simulatorFolder());
            ScannerSimulator *simulator = m_scannerSim.get();
            m_scannerSimControl = CommandChannel::openFifo(control, [simulator](const QString &line) { return simulator->command(line); });
            qCInfo(lcRoot).noquote() << "simulated scanner: scan with: echo 'send TEXT' >" << control;
            serial.path = m_scannerSim->devicePath();
        } else {
            serial.path = uri->path;
        }
        m_scannerTransports.push_back(std::make_unique<SerialTransport>(serial));
        m_scanners.push_back(std::make_unique<SerialLineScanner>(*m_scannerTransports.back(), settings));
    }
    if (const auto &uri = m_config.devices.scannerKeyboard) {
        const QString grab = uri->param(QStringLiteral("grab"), QStringLiteral("yes"));
        if (grab != QLatin1String("yes") && grab != QLatin1String("no"))
            return fail(StartupError{2, QStringLiteral("devices.scanner_keyboard: grab must be yes or no, not \"%1\"").arg(grab)});
        m_scannerTransports.push_back(std::make_unique<EvdevTransport>(EvdevSettings{uri->path, grab == QLatin1String("yes"), 1000}));
        m_scanners.push_back(std::make_unique<KeyboardWedgeScanner>(*m_scannerTransports.back()));
    }
    if (const auto &camera = m_config.devices.camera) {
        // A folder stands for a camera: its pictures are the frames (for rigs and replay).
        const QFileInfo folder(*camera);
        if (folder.isAbsolute())
            m_scanners.push_back(std::make_unique<ImageFolderScanner>(*camera));
        else
            m_scanners.push_back(std::make_unique<CameraScanner>(*camera));
    }
    return Ok{};
}

void Terminal::wireCheckIn()
{
    CheckInService *checkIn = m_checkIn.get();
    HealthService *health = m_health.get();
    if (m_idCardReader) {
        health->setDeviceHealth(QStringLiteral("idcard"), m_idCardReader->health());
        connect(m_idCardReader.get(), &IdentityReader::healthChanged, health,
                [health](const DeviceHealth &h) { health->setDeviceHealth(QStringLiteral("idcard"), h); });
        connect(m_idCardReader.get(), &IdentityReader::cardRead, checkIn, &CheckInService::presentCard);
        connect(m_idCardReader.get(), &IdentityReader::cardFailed, checkIn, &CheckInService::reportCardFailure);
    } else {
        health->setDeviceHealth(QStringLiteral("idcard"), {DeviceHealth::State::Absent, QStringLiteral("not configured"), std::nullopt});
    }
    if (!m_config.devices.scanner)
        health->setDeviceHealth(QStringLiteral("scanner"), {DeviceHealth::State::Absent, QStringLiteral("not configured"), std::nullopt});
    for (const std::unique_ptr<CodeScanner> &scanner : m_scanners) {
        const QString name = scanner->name();
        health->setDeviceHealth(name, scanner->health());
        connect(scanner.get(), &CodeScanner::healthChanged, health, [health, name](const DeviceHealth &h) { health->setDeviceHealth(name, h); });
        connect(scanner.get(), &CodeScanner::scanned, checkIn, &CheckInService::presentCode);
        connect(scanner.get(), &CodeScanner::scanFailed, checkIn, &CheckInService::reportScanFailure);
    }
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
    m_composer = std::make_unique<TicketComposer>(m_config.terminal.center, QString::fromStdString(m_catalog.center.name),
                                                  m_config.platform.ticketUrl.value_or(QString()));
    if (auto printer = buildPrinter(); !printer)
        return printer;
    if (auto keys = loadPlatformKeys(); !keys)
        return keys;
    if (auto reader = buildIdCardReader(); !reader)
        return reader;
    if (auto scanners = buildScanners(); !scanners)
        return scanners;

    m_help = std::make_unique<HelpService>(*m_store, clock, m_config.terminal.id, m_config.terminal.name);
    m_health = std::make_unique<HealthService>(QStringLiteral(HALLKIOSK_VERSION), m_config.terminal.id, *m_store, *m_help, clock);
    m_day = std::make_unique<DayService>(*m_store, *m_bookings, *m_catalogService, clock);
    m_issue = std::make_unique<IssueTicketService>(*m_store, *m_printer, *m_catalogService, *m_composer, clock,
                                                   m_config.terminal.id);
    m_checkIn = std::make_unique<CheckInService>(*m_bookings, *m_store, *m_issue, *m_catalogService, *m_composer, clock,
                                                 m_config.terminal.center, CheckInService::Keys{m_verifier.get(), m_matchKey});

    m_health->setDeviceHealth(QStringLiteral("printer"), m_printer->health());
    connect(m_printer.get(), &TicketPrinter::healthChanged, m_health.get(),
            [this](const DeviceHealth &h) { m_health->setDeviceHealth(QStringLiteral("printer"), h); });
    const auto notYet = [](const std::optional<DeviceUri> &uri) {
        return uri ? DeviceHealth{DeviceHealth::State::Error, QStringLiteral("%1 configured, but this version has no driver for it yet").arg(uri->text), std::nullopt}
                   : DeviceHealth{DeviceHealth::State::Absent, QStringLiteral("not configured"), std::nullopt};
    };
    wireCheckIn();
    m_health->setDeviceHealth(QStringLiteral("hallbus"), notYet(m_config.devices.hallbus));
    if (m_options.demo && m_scannerSim) {
        // Today's sample bookings around the demo clock, and their codes for the scanner.
        auto codes = DemoSetup::seedBookings(*m_bookings, m_catalog, m_catalogService->centerTime(), clock.now(),
                                             QFileInfo(m_config.database).absolutePath(), m_matchKey);
        if (codes) {
            m_scannerSim->setCodes(codes.value());
            qCInfo(lcRoot).noquote() << "demo bookings: scan one with: echo 'scan b1' >"
                                     << QDir(simulatorFolder()).filePath(QStringLiteral("scanner.ctl"))
                                     << "(codes and what each shows:" << DemoSetup::codesPath(QFileInfo(m_config.database).absolutePath()) << ")";
        } else {
            qCWarning(lcRoot).noquote() << "demo bookings not made:" << codes.error();
        }
    }
    SyncHealth sync;
    sync.configured = m_config.platform.url.has_value();
    m_health->setSyncHealth(sync);
    connect(m_help.get(), &HelpService::helpRequested, this, [this](const HelpRequest &request) {
        qCWarning(lcRoot).noquote() << "帮办: help requested at" << request.terminal << "(" << request.id << ")";
    });

    m_window = std::make_unique<KioskWindow>();
    m_presenter = std::make_unique<KioskPresenter>(*m_window, *m_issue, *m_checkIn, *m_help, *m_catalogService, *m_health, *m_day,
                                                   clock, KioskTimings{m_config.kiosk.ticketScreenS, 90, m_config.kiosk.idleTimeoutS});

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
        connect(m_health.get(), &HealthService::deviceHealthChanged, this, [this, announceReady](const QString &device) {
            if (device == QLatin1String("printer"))
                QTimer::singleShot(0, this, announceReady);
        });
        QTimer::singleShot(3000, this, announceReady);
        escpos->start();
    } else {
        QTimer::singleShot(0, this, announceReady);
    }
    m_day->start(); // closes what was left open before the first citizen sees the screen
    m_presenter->start();
    // Scans and cards are taken from the first screen on (C5).
    if (m_idCardReader)
        m_idCardReader->start();
    for (const std::unique_ptr<CodeScanner> &scanner : m_scanners)
        scanner->start();
    if (m_config.kiosk.fullscreen && !m_options.demo) {
        m_window->showFullScreen();
    } else {
        m_window->resize(1080, 1920);
        m_window->show();
    }
    return Ok{};
}

} // namespace hk
