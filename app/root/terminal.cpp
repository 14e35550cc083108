#include "app/root/terminal.h"

#include "app/config/catalog_parser.h"
#include "app/config/config_loader.h"
#include "app/config/staff_file_parser.h"
#include "app/ports/ticket_printer.h"
#include "app/root/demo_platform.h"
#include "app/root/demo_setup.h"
#include "app/root/logging.h"
#include "app/root/printer_setup.h"
#include "app/services/catalog_service.h"
#include "app/services/check_in_service.h"
#include "app/services/day_service.h"
#include "app/services/hall/announcement_service.h"
#include "app/services/hall/queue_overview_service.h"
#include "app/services/hall/rating_service.h"
#include "app/services/hall/window_devices_service.h"
#include "app/services/health_service.h"
#include "app/services/help_service.h"
#include "app/services/issue_ticket_service.h"
#include "app/services/queue_service.h"
#include "app/services/remote_booking_service.h"
#include "app/services/staff/pin_hasher.h"
#include "app/services/staff/staff_session_service.h"
#include "app/services/sync_service.h"
#include "app/services/system_clock.h"
#include "app/services/ticket_composer.h"
#include "db/database.h"
#include "db/sql_booking_store.h"
#include "db/sql_outbox_store.h"
#include "db/sql_queue_overview_reader.h"
#include "db/sql_queue_store.h"
#include "db/sql_rating_store.h"
#include "db/sql_staff_store.h"
#include "db/sql_sync_state_store.h"
#include "db/sql_window_bus_state_store.h"
#include "drivers/devices/camera_scanner.h"
#include "drivers/devices/espeak_voice.h"
#include "drivers/devices/hallbus_master.h"
#include "drivers/devices/image_folder_scanner.h"
#include "drivers/devices/keyboard_wedge_scanner.h"
#include "drivers/devices/sam_idcard_reader.h"
#include "drivers/devices/serial_line_scanner.h"
#include "drivers/sim/command_channel.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "drivers/transports/byte_transport.h"
#include "drivers/transports/evdev_transport.h"
#include "drivers/transports/serial_transport.h"
#include "hallkiosk_version.h"
#include "platform/ed25519_key.h"
#include "platform/http_platform_client.h"
#include "ui/kiosk/kiosk_presenter.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/web/terminal_http_server.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>

namespace hk {

Result<Config, StartupError> Terminal::demoConfig(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return fail(StartupError{1, QStringLiteral("cannot create the demo folder %1").arg(dataDir)});
    // Every window of the sample catalog gets a board N, a caller 100+N and an evaluator 200+N on
    // the simulated bus, and the demo clerk may sign in at any of them.
    QJsonObject busWindows;
    for (int n = 1; n <= 8; ++n)
        busWindows.insert(QString::number(n), QJsonObject{{QStringLiteral("board"), n},
                                                          {QStringLiteral("caller"), 100 + n},
                                                          {QStringLiteral("evaluator"), 200 + n}});
    const QString staffPath = QDir(dataDir).filePath(QStringLiteral("staff.json"));
    if (!QFileInfo::exists(staffPath)) {
        QFile staffFile(staffPath);
        const QJsonArray staff{QJsonObject{{QStringLiteral("id"), QLatin1String(kDemoStaffId)},
                                           {QStringLiteral("name"), QStringLiteral("演示窗口员")},
                                           {QStringLiteral("windows"), QJsonArray{1, 2, 3, 4, 5, 6, 7, 8}},
                                           {QStringLiteral("pin_hash"), PinHasher::hash(QLatin1String(kDemoStaffPin))},
                                           {QStringLiteral("role"), QStringLiteral("supervisor")}}};
        if (!staffFile.open(QIODevice::WriteOnly) || staffFile.write(QJsonDocument(staff).toJson()) < 0)
            return fail(StartupError{1, QStringLiteral("cannot write the demo staff file %1").arg(staffPath)});
    }
    const QString player = QStandardPaths::findExecutable(QStringLiteral("aplay")).isEmpty() ? QString() : QStringLiteral("aplay");
    const QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("DEMO-T01")},
                                                 {QStringLiteral("center"), QStringLiteral("SQ-001")},
                                                 {QStringLiteral("name"), QStringLiteral("大厅1号自助机")}}},
        {QStringLiteral("database"), QDir(dataDir).filePath(QStringLiteral("hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")},
                                                {QStringLiteral("idcard"), QStringLiteral("sim:")},
                                                {QStringLiteral("scanner"), QStringLiteral("sim:?suffix=cr")},
                                                {QStringLiteral("hallbus"), QStringLiteral("sim:")}}},
        {QStringLiteral("hallbus"), QJsonObject{{QStringLiteral("windows"), busWindows}}},
        {QStringLiteral("staff_file"), staffPath},
        {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), player}}},
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
    m_sync.reset();
    m_remoteBookings.reset();
    m_platformClient.reset();
    m_demoPlatform.reset();
    m_http.reset();
    m_presenter.reset();
    m_window.reset();
    m_windowDevices.reset();
    m_announcer.reset();
    m_staff.reset();
    m_overview.reset();
    m_ratings.reset();
    m_queue.reset();
    m_checkIn.reset();
    m_issue.reset();
    m_day.reset();
    m_health.reset();
    m_help.reset();
    m_bus.reset();
    m_busTransport.reset();
    m_hallbusSimControl.reset();
    m_hallbusSim.reset();
    m_voice.reset();
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
    m_overviewReader.reset();
    m_busStore.reset();
    m_staffStore.reset();
    m_ratingStore.reset();
    m_syncState.reset();
    m_outbox.reset();
    m_bookings.reset();
    m_store.reset();
    m_database.reset();
}

QString Terminal::voiceFolder() const
{
    return QFileInfo(m_config.database).absoluteDir().filePath(QStringLiteral("voice"));
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

Result<void, StartupError> Terminal::buildWindowBus()
{
    if (!m_config.devices.hallbus)
        return Ok{};
    const DeviceUri &uri = *m_config.devices.hallbus;
    std::map<int, HallbusAddresses> windows;
    for (const auto &[number, w] : m_config.hallbus.windows) {
        if (!m_catalog.findWindow(number))
            return fail(StartupError{2, QStringLiteral("hallbus.windows.%1: the catalog has no window %1").arg(number)});
        windows[number] = HallbusAddresses{w.board, w.caller, w.evaluator};
    }
    SerialSettings serial;
    serial.baud = uri.baud ? uri.baud : 9600; // DESIGN §4: 9600 8N1 unless the URI says otherwise
    if (uri.scheme == DeviceUri::Scheme::Sim) {
        auto sim = HallbusSimulator::create();
        if (!sim)
            return fail(StartupError{1, QStringLiteral("hallbus simulator: %1").arg(sim.error())});
        m_hallbusSim = std::move(sim).value();
        for (const auto &[number, w] : windows) {
            if (w.board)
                m_hallbusSim->addDevice(HallbusSimulator::Kind::Board, w.board);
            if (w.caller)
                m_hallbusSim->addDevice(HallbusSimulator::Kind::Caller, w.caller);
            if (w.evaluator)
                m_hallbusSim->addDevice(HallbusSimulator::Kind::Evaluator, w.evaluator);
        }
        const QString control = QDir(simulatorFolder()).filePath(QStringLiteral("hallbus.ctl"));
        QDir().mkpath(simulatorFolder());
        HallbusSimulator *simulator = m_hallbusSim.get();
        m_hallbusSimControl = CommandChannel::openFifo(control, [simulator](const QString &line) { return simulator->command(line); });
        qCInfo(lcRoot).noquote() << "simulated window bus on" << m_hallbusSim->devicePath()
                                 << "— press a caller key with: echo 'press 103 call_next' >" << control;
        serial.path = m_hallbusSim->devicePath();
    } else {
        serial.path = uri.path;
    }
    m_busTransport = std::make_unique<SerialTransport>(serial);
    HallbusTiming timing;
    timing.pollIntervalMs = m_config.hallbus.pollIntervalMs;
    timing.baud = serial.baud;
    m_bus = std::make_unique<HallbusMaster>(*m_busTransport, *m_busStore, *m_clockInUse, windows, timing);
    return Ok{};
}

Result<void, StartupError> Terminal::buildHall()
{
    auto policy = CallingPolicy::parse(m_config.queue.policy.toStdString());
    if (!policy) // ConfigLoader checked it
        return fail(StartupError{2, QStringLiteral("queue.policy: \"%1\" is not a policy").arg(m_config.queue.policy)});
    policy->bookingFallback = m_config.queue.bookingFallback;
    m_queue = std::make_unique<QueueService>(*m_store, *m_catalogService, *m_clockInUse, QueueSettings{*policy, m_config.queue.recallMax});
    m_ratings = std::make_unique<RatingService>(*m_ratingStore, *m_catalogService, *m_clockInUse);
    m_overview = std::make_unique<QueueOverviewService>(*m_overviewReader, *m_queue, *m_catalogService, *m_clockInUse);

    std::vector<StaffMember> staff;
    if (m_config.staffFile) {
        auto loaded = StaffFileParser::loadFile(*m_config.staffFile);
        if (!loaded) {
            QStringList lines;
            for (const ConfigError &e : loaded.error())
                lines << QStringLiteral("staff_file %1: %2").arg(*m_config.staffFile, e.toString());
            return fail(StartupError{2, lines.join(QLatin1Char('\n'))});
        }
        staff = std::move(loaded).value();
        for (std::size_t i = 0; i < staff.size(); ++i) {
            if (!PinHasher::isWellFormed(QString::fromStdString(staff[i].pinHash)))
                return fail(StartupError{2, QStringLiteral("staff_file %1: [%2].pin_hash: not a hash made by hallkiosk --hash-pin")
                                                .arg(*m_config.staffFile)
                                                .arg(i)});
        }
    } else {
        qCWarning(lcRoot) << "no staff_file: nobody can sign in at the staff console";
    }
    m_staff = std::make_unique<StaffSessionService>(*m_staffStore, *m_catalogService, *m_clockInUse, std::move(staff));

    EspeakSettings voice;
    voice.command = m_config.voice.command;
    voice.voice = m_config.voice.voice;
    voice.volume = m_config.voice.volume;
    voice.player = m_config.voice.player;
    voice.directory = voiceFolder();
    m_voice = std::make_unique<EspeakVoice>(voice);
    m_announcer = std::make_unique<AnnouncementService>(*m_voice, AnnouncementSettings{m_config.voice.enabled, 20});
    connect(m_queue.get(), &QueueService::ticketCalled, m_announcer.get(), &AnnouncementService::announce);

    if (auto bus = buildWindowBus(); !bus)
        return bus;
    if (m_bus)
        m_windowDevices = std::make_unique<WindowDevicesService>(*m_bus, *m_queue, *m_ratings, *m_catalogService);
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

void Terminal::prepareDemoPlatform()
{
    const QString program = DemoPlatform::findProgram();
    const QString dir = QFileInfo(m_config.database).absoluteDir().filePath(QStringLiteral("platform"));
    QString error;
    if (program.isEmpty())
        error = QStringLiteral("hallkiosk-platform-sim not found (HALLKIOSK_PLATFORM_SIM names it)");
    else {
        m_demoPlatform = std::make_unique<DemoPlatform>(program, dir, m_config.terminal.id, m_clockOffsetMs);
        if (m_demoPlatform->provision(&error))
            return;
        m_demoPlatform.reset();
    }
    // Without its platform the demo still issues and calls; it cannot check bookings in.
    qCWarning(lcRoot).noquote() << "demo: no platform:" << error << "- the demo runs without one";
    m_config.platform.secretFile.reset();
    m_config.platform.publicKeyFile.reset();
    m_config.platform.matchKeyFile.reset();
}

Result<void, StartupError> Terminal::buildSync()
{
    SyncHealth none;
    none.catalogVersion = m_catalogService->catalog().version;
    if (m_options.demo) {
        if (!m_demoPlatform) {
            m_health->setSyncHealth(none);
            return Ok{};
        }
        const QString dir = QFileInfo(m_config.database).absoluteDir().filePath(QStringLiteral("platform"));
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
    m_ratingStore = std::make_unique<SqlRatingStore>(*m_database);
    m_staffStore = std::make_unique<SqlStaffStore>(*m_database);
    m_busStore = std::make_unique<SqlWindowBusStateStore>(*m_database);
    m_overviewReader = std::make_unique<SqlQueueOverviewReader>(*m_database);
    m_bookings = std::make_unique<SqlBookingStore>(*m_database);
    m_outbox = std::make_unique<SqlOutboxStore>(*m_database);
    m_syncState = std::make_unique<SqlSyncStateStore>(*m_database);
    adoptPulledCatalog();
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
    if (m_options.demo)
        prepareDemoPlatform(); // its keys exist before they are read
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
    if (auto hall = buildHall(); !hall)
        return hall;
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
    if (m_bus) {
        m_health->setDeviceHealth(QStringLiteral("hallbus"), m_bus->health());
        connect(m_bus.get(), &WindowBus::healthChanged, m_health.get(),
                [this](const DeviceHealth &h) { m_health->setDeviceHealth(QStringLiteral("hallbus"), h); });
        m_health->setWindowDevices(m_bus->devices());
        connect(m_bus.get(), &WindowBus::devicesChanged, m_health.get(), [this] { m_health->setWindowDevices(m_bus->devices()); });
    } else {
        m_health->setDeviceHealth(QStringLiteral("hallbus"), notYet(m_config.devices.hallbus));
    }
    m_health->setDeviceHealth(QStringLiteral("voice"), m_config.voice.enabled ? m_voice->health()
                                                                                : DeviceHealth{DeviceHealth::State::Absent, QStringLiteral("switched off in the config"), std::nullopt});
    connect(m_voice.get(), &VoiceOutput::healthChanged, m_health.get(),
            [this](const DeviceHealth &h) { m_health->setDeviceHealth(QStringLiteral("voice"), h); });
    if (m_options.demo && m_scannerSim) {
        // Today's sample bookings around the demo clock, and their codes for the scanner.
        auto codes = DemoSetup::seedBookings(*m_bookings, m_catalog, m_catalogService->centerTime(), clock.now(),
                                             QFileInfo(m_config.database).absolutePath(), m_matchKey,
                                             m_demoPlatform ? m_demoPlatform->signingKeyPath() : QString());
        if (codes) {
            m_scannerSim->setCodes(codes.value());
            qCInfo(lcRoot).noquote() << "demo bookings: scan one with: echo 'scan b1' >"
                                     << QDir(simulatorFolder()).filePath(QStringLiteral("scanner.ctl"))
                                     << "(codes and what each shows:" << DemoSetup::codesPath(QFileInfo(m_config.database).absolutePath()) << ")";
        } else {
            qCWarning(lcRoot).noquote() << "demo bookings not made:" << codes.error();
        }
    }
    if (auto sync = buildSync(); !sync)
        return sync;
    connect(m_help.get(), &HelpService::helpRequested, this, [this](const HelpRequest &request) {
        qCWarning(lcRoot).noquote() << "帮办: help requested at" << request.terminal << "(" << request.id << ")";
    });

    m_window = std::make_unique<KioskWindow>();
    m_presenter = std::make_unique<KioskPresenter>(*m_window, *m_issue, *m_checkIn, *m_help, *m_catalogService, *m_health, *m_day,
                                                   clock, KioskSettings{m_config.kiosk.ticketScreenS, 90, m_config.kiosk.idleTimeoutS, m_config.kiosk.elderMode});

    const QHostAddress address(m_config.http.bind); // validated by ConfigLoader
    m_http = std::make_unique<TerminalHttpServer>(*m_health);
    m_http->enableConsole(ConsoleServices{*m_queue, *m_overview, *m_staff, *m_ratings, *m_help, *m_catalogService, m_bus.get()});
    // Tickets issued here change the console's waiting counts too.
    connect(m_issue.get(), &IssueTicketService::ticketIssued, m_http.get(), [this] { m_http->hub()->queueMayHaveChanged(); });
    connect(m_issue.get(), &IssueTicketService::ticketPrintFailed, m_http.get(), [this] { m_http->hub()->queueMayHaveChanged(); });
    auto port = m_http->listen(address, quint16(m_config.http.port));
    if (!port && m_options.anyHttpPortIfBusy) {
        qCWarning(lcRoot).noquote() << port.error() << "- using any free port instead";
        port = m_http->listen(address, 0);
    }
    if (!port)
        return fail(StartupError{1, QStringLiteral("http: %1").arg(port.error())});
    m_httpPort = port.value();
    qCInfo(lcRoot).noquote() << QStringLiteral("HTTP on http://%1:%2/api/v1/health").arg(address.toString()).arg(m_httpPort);
    qCInfo(lcRoot).noquote() << QStringLiteral("staff console on http://%1:%2/console, hall display on http://%1:%2/display, "
                                               "rating page on http://%1:%2/rate/N")
                                    .arg(address.toString())
                                    .arg(m_httpPort);
    if (m_options.demo)
        qCInfo(lcRoot).noquote() << QStringLiteral("demo: staff %1 signs in at any window with PIN %2")
                                        .arg(QLatin1String(kDemoStaffId), QLatin1String(kDemoStaffPin));
    if (m_bus) {
        m_bus->start();
        m_windowDevices->showAll();
    }

    // Ready means the home screen is up and the printer has said how it is (or 3 s have passed),
    // so a first screenshot or a first citizen never sees a printer that is merely starting.
    const auto announceReady = [this] {
        if (!std::exchange(m_readyAnnounced, true))
            Q_EMIT ready();
    };
    if (m_config.devices.printer) {
        // Deferred, so the screens have taken the printer's news before anyone looks at them.
        connect(m_health.get(), &HealthService::deviceHealthChanged, this, [this, announceReady](const QString &device) {
            if (device == QLatin1String("printer"))
                QTimer::singleShot(0, this, announceReady);
        });
        QTimer::singleShot(3000, this, announceReady);
        m_startPrinter();
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
