#include "app/root/terminal.h"

#include "app/config/catalog_parser.h"
#include "app/config/local_override_file.h"
#include "app/ports/booking_code_verifier.h"
#include "app/ports/devices/code_scanner.h"
#include "app/ports/devices/identity_reader.h"
#include "app/ports/devices/ticket_printer.h"
#include "app/ports/devices/voice_output.h"
#include "app/ports/devices/window_bus.h"
#include "app/root/demo_platform.h"
#include "app/root/demo_setup.h"
#include "app/root/device_relinker.h"
#include "app/root/logging.h"
#include "app/root/startup_files.h"
#include "app/root/voice_setup.h"
#include "app/services/audit_trail_service.h"
#include "app/services/catalog_service.h"
#include "app/services/checkin/check_in_service.h"
#include "app/services/guide/guide_service.h"
#include "app/services/ticket/ticket_lookup_service.h"
#include "app/services/day_service.h"
#include "app/services/hall/announcement_service.h"
#include "app/services/hall/complaint_service.h"
#include "app/services/hall/queue_overview_service.h"
#include "app/services/hall/rating_service.h"
#include "app/services/hall/shared_voice.h"
#include "app/services/hall/window_devices_service.h"
#include "app/services/health_service.h"
#include "app/services/help_service.h"
#include "app/services/maintenance/maintenance_service.h"
#include "app/services/queue_service.h"
#include "app/services/report/report_service.h"
#include "app/services/staff/staff_session_service.h"
#include "app/services/booking/citizen_booking_service.h"
#include "app/services/sync/remote_booking_service.h"
#include "app/services/sync/sync_service.h"
#include "app/services/system_clock.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "app/services/ticket/ticket_composer.h"
#include "db/hall/hall_queue_store.h"
#include "db/hall/hall_session.h"
#include "db/hall/pg_hall_channel.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "db/stores/sql_rating_store.h"
#include "db/stores/sql_report_reader.h"
#include "db/stores/sql_staff_store.h"
#include "db/stores/sql_sync_state_store.h"
#include "db/stores/sql_window_bus_state_store.h"
#include "drivers/sim/command_channel.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "drivers/transports/byte_transport.h"
#include "drivers/transports/system_serial_port_catalog.h"
#include "hallkiosk_version.h"
#include "platform/http_platform_client.h"
#include "ui/kiosk/booking_flow_presenter.h"
#include "ui/kiosk/kiosk_presenter.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/maintenance/kiosk_maintenance.h"
#include "ui/kiosk/screen_voice.h"
#include "ui/web/terminal_http_server.h"

#include <QGuiApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QPushButton>
#include <QTimer>

namespace hk {
namespace {

// Keeps what a setup built, or passes its error on.
template <typename Parts>
Result<void, StartupError> keep(Parts &parts, Result<Parts, StartupError> built)
{
    if (!built)
        return fail(built.error());
    parts = std::move(built).value();
    return Ok{};
}

} // namespace

Terminal::Terminal(Config config, Catalog catalog, TerminalOptions options, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_catalog(std::move(catalog))
    , m_options(options)
{
}

Terminal::~Terminal() = default;

QString Terminal::dataFolder(const QString &name) const
{
    return QFileInfo(m_config.database).absoluteDir().filePath(name);
}

void Terminal::buildClock()
{
    if (m_options.clock) {
        m_clockInUse = m_options.clock;
        return;
    }
    if (m_options.demo)
        m_clockOffsetMs = DemoSetup::clockOffsetMs(*m_catalogService, m_options.demoStartsAt);
    else if (m_options.testClockOffsetMs != 0)
        m_clockOffsetMs = m_options.testClockOffsetMs;
    m_clock = std::make_unique<SystemClock>(m_clockOffsetMs);
    m_clockInUse = m_clock.get();
}

void Terminal::adoptPulledCatalog()
{
    if (!m_config.platform.url && !m_options.demo)
        return;
    auto stored = m_stores.syncState->catalog();
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

void Terminal::prepareDemoPlatform()
{
    auto platform = DemoPlatform::provisioned(dataFolder(QStringLiteral("platform")), m_config.terminal.id, m_clockOffsetMs);
    if (platform) {
        m_demoPlatform = std::move(platform).value();
        return;
    }
    // Without its platform the demo still issues and calls; it cannot check bookings in.
    qCWarning(lcRoot).noquote() << "demo: no platform:" << platform.error() << "- the demo runs without one";
    m_config.platform.secretFile.reset();
    m_config.platform.publicKeyFile.reset();
    m_config.platform.matchKeyFile.reset();
}

Result<void, StartupError> Terminal::buildDevices()
{
    const QString sim = dataFolder(QStringLiteral("sim"));
    if (auto printer = keep(m_printer, PrinterSetup::build(m_config, sim)); !printer)
        return printer;
    if (auto reader = keep(m_idCard, IdCardSetup::build(m_config, sim)); !reader)
        return reader;
    if (auto scanners = keep(m_scanners, ScannerSetup::build(m_config, sim)); !scanners)
        return scanners;
    m_voice = VoiceSetup::build(m_config, dataFolder(QStringLiteral("voice")));
    m_sharedVoice = std::make_unique<SharedVoice>(*m_voice);
    return keep(m_hallbus, HallbusSetup::build(m_config, m_catalog, *m_stores.busState, *m_clockInUse, sim));
}

Result<void, StartupError> Terminal::buildServices()
{
    const Clock &clock = *m_clockInUse;
    // DESIGN §16: staff actions go to the log of the queue they act on — the hall's in a hall (as
    // its reprints do), else the terminal's; both chains are checked now and shown in health.
    std::vector<AuditTrailService::Log> auditLogs;
    if (m_stores.hallAudit)
        auditLogs.push_back({QStringLiteral("hall"), m_stores.hallAudit.get()});
    auditLogs.push_back({QStringLiteral("terminal"), m_stores.localAudit.get()});
    m_auditTrail = std::make_unique<AuditTrailService>(std::move(auditLogs), clock);
    // Walking the whole chain takes ~1.2 s per 100,000 rows (tests/bench/bench_audit_verify): on a
    // worker thread with connections of its own; health says `checking` until it is done.
    m_auditTrail->checkAtStartup();
    m_help = std::make_unique<HelpService>(*m_stores.help, *m_stores.channel, clock, m_config.terminal.id, m_config.terminal.name);
    m_help->setAuditTrail(m_auditTrail.get());
    m_health = std::make_unique<HealthService>(QStringLiteral(HALLKIOSK_VERSION), m_config.terminal.id, *m_stores.outbox, *m_help, clock);
    m_health->setAuditTrail(m_auditTrail.get());
    m_day = std::make_unique<DayService>(m_stores.queue(), m_stores.bookings(), *m_catalogService, clock);
    m_day->setAuditCheckpoint(&m_auditTrail->staffLog(), m_stores.outbox.get(),
                              m_stores.hallAudit ? QStringLiteral("hall") : QStringLiteral("terminal:") + m_config.terminal.id);
    if (m_stores.hallAudit) // the terminal's own log (its technicians' changes) beside the hall's
        m_day->setOwnAuditCheckpoint(m_stores.localAudit.get(), QStringLiteral("terminal:") + m_config.terminal.id);
    m_issue = std::make_unique<IssueTicketService>(m_stores.queue(), *m_stores.channel, *m_printer.printer, *m_catalogService,
                                                   *m_composer, clock, m_config.terminal.id);

    auto policy = CallingPolicy::parse(m_config.queue.policy.toStdString());
    if (!policy) // ConfigLoader checked it
        return fail(StartupError{2, QStringLiteral("queue.policy: \"%1\" is not a policy").arg(m_config.queue.policy)});
    policy->bookingFallback = m_config.queue.bookingFallback;
    m_queue = std::make_unique<QueueService>(m_stores.queue(), *m_stores.channel, *m_catalogService, clock,
                                             QueueSettings{*policy, m_config.queue.recallMax});
    m_queue->setAuditTrail(m_auditTrail.get());
    m_ratings = std::make_unique<RatingService>(*m_stores.ratings, *m_catalogService, clock);
    m_ratings->setAuditTrail(m_auditTrail.get());
    m_complaints = std::make_unique<ComplaintService>(*m_stores.complaints, *m_catalogService, clock);
    m_complaints->setAuditTrail(m_auditTrail.get());
    m_overview = std::make_unique<QueueOverviewService>(*m_stores.overview, *m_queue, *m_catalogService, clock);
    // The 差评 cases of DESIGN §13 are not kept on this terminal yet: until they are, a report's
    // `complaints.opened` counts the ratings of levels 1–2 (each opens a case), and open, overdue and
    // closed are left null rather than guessed.
    m_reports = std::make_unique<ReportService>(*m_stores.reports, *m_catalogService, *m_complaints);

    auto staff = StartupFiles::staff(m_config);
    if (!staff)
        return fail(staff.error());
    // Sign-ins go to the terminal's own audit log: it is always writable, the hall reachable or not.
    m_staff = std::make_unique<StaffSessionService>(*m_stores.staff, *m_stores.localAudit, *m_catalogService, clock, std::move(staff).value());

    m_announcer = std::make_unique<AnnouncementService>(*m_sharedVoice, AnnouncementSettings{m_config.voice.enabled, 20});
    connect(m_queue.get(), &QueueService::ticketCalled, m_announcer.get(), &AnnouncementService::announce);
    if (m_hallbus.bus)
        m_windowDevices = std::make_unique<WindowDevicesService>(*m_hallbus.bus, *m_queue, *m_ratings, *m_catalogService);
    m_checkIn = std::make_unique<CheckInService>(m_stores.bookings(), m_stores.queue(), *m_issue, *m_catalogService, *m_composer, clock,
                                                 m_config.terminal.center, CheckInService::Keys{m_keys.verifier.get(), m_keys.matchKey});
    m_guide = std::make_unique<GuideService>(*m_catalogService, *m_issue, clock);
    m_ticketLookup = std::make_unique<TicketLookupService>(m_stores.queue(), *m_stores.overview, *m_queue, *m_catalogService, clock,
                                                           m_config.terminal.center, m_config.platform.ticketUrl.value_or(QString()));
    CitizenBookingService::Settings booking;
    booking.matchKey = m_keys.matchKey;
    booking.hallAddress = m_config.kiosk.hallAddress;
    booking.bookingPhone = m_config.kiosk.bookingPhone;
    m_citizenBooking = std::make_unique<CitizenBookingService>(m_stores.bookings(), *m_catalogService, *m_printer.printer, clock, booking);
    return Ok{};
}

// The device's health under `name` on the health page, now and whenever it changes.
template <typename Device>
void Terminal::watchHealth(const QString &name, Device *device)
{
    if (!device)
        return reportAbsent(name);
    HealthService *health = m_health.get();
    health->setDeviceHealth(name, device->health());
    connect(device, &Device::healthChanged, health, [health, name](const DeviceHealth &h) { health->setDeviceHealth(name, h); });
}

void Terminal::reportAbsent(const QString &name, const QString &why)
{
    m_health->setDeviceHealth(name, {DeviceHealth::State::Absent, why, std::nullopt});
}

void Terminal::watchDevices()
{
    watchHealth(QStringLiteral("printer"), m_printer.printer.get());
    watchHealth(QStringLiteral("idcard"), m_idCard.reader.get());
    if (!m_config.devices.scanner)
        reportAbsent(QStringLiteral("scanner"));
    for (const std::unique_ptr<CodeScanner> &scanner : m_scanners.scanners)
        watchHealth(scanner->name(), scanner.get());
    watchHealth(QStringLiteral("hallbus"), m_hallbus.bus.get());
    if (WindowBus *bus = m_hallbus.bus.get()) {
        m_health->setWindowDevices(bus->devices());
        connect(bus, &WindowBus::devicesChanged, m_health.get(), [this, bus] { m_health->setWindowDevices(bus->devices()); });
    }
    if (m_config.voice.enabled)
        watchHealth(QStringLiteral("voice"), m_voice.get());
    else // it never speaks then, so its health never changes
        reportAbsent(QStringLiteral("voice"), QStringLiteral("switched off in the config"));
}

void Terminal::wireCheckIn()
{
    // While the maintenance menu is open (or one of its device tests waits for a card or a code),
    // what the readers give goes to the menu alone: no citizen's check-in happens behind it.
    CheckInService *checkIn = m_checkIn.get();
    TicketLookupService *lookup = m_ticketLookup.get();
    MaintenanceService *maintenance = m_maintenance.get();
    if (IdentityReader *reader = m_idCard.reader.get()) {
        // A 预约 or 取消预约 screen that asks for the card takes it (DESIGN §14); else it checks in.
        connect(reader, &IdentityReader::cardRead, checkIn, [this, checkIn, maintenance](const IdentityDocument &card) {
            if (!maintenance->offerCard(card) && !(m_bookingFlow && m_bookingFlow->offerCard(card)))
                checkIn->presentCard(card);
        });
        connect(reader, &IdentityReader::cardFailed, checkIn, [this, checkIn, maintenance](const CardReadFailure &failure) {
            if (!maintenance->offerCardFailure(failure) && !(m_bookingFlow && m_bookingFlow->offerCardFailure(failure)))
                checkIn->reportCardFailure(failure);
        });
    }
    for (const std::unique_ptr<CodeScanner> &scanner : m_scanners.scanners) {
        connect(scanner.get(), &CodeScanner::scanned, checkIn, [checkIn, lookup, maintenance](const QString &code) {
            // A ticket's own QR opens 排队查询 (Q4's re-queue is there); any other code is the check-in's.
            if (!maintenance->offerCode(code) && !lookup->offerCode(code))
                checkIn->presentCode(code);
        });
        connect(scanner.get(), &CodeScanner::scanFailed, checkIn, [checkIn, maintenance](const ScanFailure &failure) {
            if (!maintenance->holdsInput())
                checkIn->reportScanFailure(failure);
        });
    }
}

void Terminal::seedDemoBookings()
{
    // Today's sample bookings around the demo clock, and their codes for the scanner.
    const QString dataDir = QFileInfo(m_config.database).absolutePath();
    auto codes = DemoSetup::seedBookings(m_stores.bookings(), m_catalog, m_catalogService->centerTime(), m_clockInUse->now(), dataDir,
                                         m_keys.matchKey, m_demoPlatform ? m_demoPlatform->signingKeyPath() : QString());
    if (!codes) {
        qCWarning(lcRoot).noquote() << "demo bookings not made:" << codes.error();
        return;
    }
    m_scanners.simulator->setCodes(codes.value());
    qCInfo(lcRoot).noquote() << "demo bookings: scan one with: echo 'scan b1' >"
                             << QDir(dataFolder(QStringLiteral("sim"))).filePath(QStringLiteral("scanner.ctl"))
                             << "(codes and what each shows:" << DemoSetup::codesPath(dataDir) << ")";
}

Result<void, StartupError> Terminal::startSync(const Config &config)
{
    auto endpoint = HttpPlatformClient::endpointFrom(config);
    if (!endpoint)
        return fail(StartupError{2, endpoint.error()});
    const QString url = endpoint->baseUrl.toString();
    auto client = HttpPlatformClient::create(std::move(endpoint).value(), *m_clockInUse);
    if (!client)
        return fail(StartupError{2, client.error()});
    m_platformClient = std::move(client).value();
    SyncSettings settings;
    settings.centerId = m_config.terminal.center;
    settings.pullIntervalS = m_config.platform.pullIntervalS;
    m_sync = std::make_unique<SyncService>(*m_platformClient, *m_stores.outbox, *m_stores.lease, m_stores.bookings(), *m_stores.syncState,
                                           *m_catalogService, *m_clockInUse, settings);
    m_remoteBookings = std::make_unique<RemoteBookingService>(*m_platformClient, m_stores.bookings(), *m_catalogService);
    m_citizenBooking->setPlatform(m_remoteBookings.get(), m_sync.get());
    connect(m_sync.get(), &SyncService::healthChanged, m_health.get(), [this](const SyncHealth &h) { m_health->setSyncHealth(h); });
    qCInfo(lcRoot).noquote() << "platform:" << url << "- pulls every" << settings.pullIntervalS << "s, events as they happen";
    m_sync->start();
    return Ok{};
}

Result<void, StartupError> Terminal::buildSync()
{
    SyncHealth none;
    none.catalogVersion = m_catalogService->catalog().version;
    if (m_demoPlatform) {
        connect(m_demoPlatform.get(), &DemoPlatform::ready, this, [this](const QUrl &url) {
            Config config = m_config;
            config.platform.url = url.toString();
            if (auto started = startSync(config); !started)
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
    if (m_options.demo || !m_config.platform.url) {
        m_health->setSyncHealth(none);
        return Ok{};
    }
    return startSync(m_config);
}

Result<void, StartupError> Terminal::buildScreens()
{
    m_window = std::make_unique<KioskWindow>();
    m_presenter = std::make_unique<KioskPresenter>(*m_window, *m_issue, *m_checkIn, *m_help, *m_catalogService, *m_health, *m_day,
                                                   *m_overview, *m_clockInUse, KioskSettings{m_config.kiosk.ticketScreenS, 90, m_config.kiosk.idleTimeoutS, m_config.kiosk.elderMode});
    m_presenter->attachCitizenServices(*m_guide, *m_ticketLookup);
    m_bookingFlow = std::make_unique<BookingFlowPresenter>(*m_window, *m_presenter, *m_citizenBooking, *m_catalogService,
                                                           m_config.kiosk.idleTimeoutS, m_config.kiosk.ticketScreenS);
    if (m_config.voice.enabled) { // 长辈版 speaks each screen's instruction (DESIGN §14)
        m_screenVoice = std::make_unique<ScreenVoice>(*m_window, *m_sharedVoice);
        m_screenVoice->attachBookingFlow(*m_bookingFlow);
        // The instructions in the screens' language: English text to espeak-ng's English voice.
        connect(m_window.get(), &KioskWindow::languageChanged, m_screenVoice.get(), [voice = m_screenVoice.get()](KioskWindow::Language language) {
            voice->setLanguage(language == KioskWindow::Language::English ? QStringLiteral("en") : QStringLiteral("zh"));
        });
    }
    m_kioskMaintenance = std::make_unique<KioskMaintenance>(*m_window, *m_maintenance, *m_staff, *m_catalogService, *m_clockInUse);

    const QHostAddress address(m_config.http.bind); // validated by ConfigLoader
    http::Limits limits;
    limits.maxConnections = m_config.http.maxConnections;
    m_http = std::make_unique<TerminalHttpServer>(*m_health, limits);
    if (m_config.http.tlsCertFile && m_config.http.tlsKeyFile) {
        auto chain = http::HttpServer::loadCertificateChain(*m_config.http.tlsCertFile);
        if (!chain)
            return fail(StartupError{2, QStringLiteral("http.tls_cert_file: %1").arg(chain.error())});
        auto key = http::HttpServer::loadPrivateKey(*m_config.http.tlsKeyFile);
        if (!key)
            return fail(StartupError{2, QStringLiteral("http.tls_key_file: %1").arg(key.error())});
        m_http->setTls(http::HttpServer::serverTls(chain.value(), key.value()));
    }
    m_http->enableConsole(ConsoleServices{*m_queue, *m_overview, *m_staff, *m_ratings, *m_help, *m_catalogService, *m_complaints,
                                          m_hallbus.bus.get(), m_reports.get()});
    m_http->enableMaintenance(*m_maintenance, *m_staff);
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
    const QString scheme = m_http->isTls() ? QStringLiteral("https") : QStringLiteral("http");
    qCInfo(lcRoot).noquote() << QStringLiteral("HTTP on %3://%1:%2/api/v1/health").arg(address.toString()).arg(m_httpPort).arg(scheme);
    qCInfo(lcRoot).noquote() << QStringLiteral("staff console on %3://%1:%2/console, hall display on %3://%1:%2/display, "
                                               "rating page on %3://%1:%2/rate/N, supervisors' reports on %3://%1:%2/reports")
                                    .arg(address.toString())
                                    .arg(m_httpPort)
                                    .arg(scheme);
    return Ok{};
}

void Terminal::reportHall()
{
    HallHealth hall;
    if (HallSession *session = m_stores.hall.get()) {
        hall.engine = QStringLiteral("postgresql");
        hall.connected = session->online();
        hall.detail = session->online() ? QString() : session->offlineReason();
        hall.offlineTickets = m_stores.hallQueueStore->offlineTickets();
        for (const SeenTerminal &t : session->terminals())
            hall.terminals.append(HallTerminalSeen{t.id, t.lastSeen});
    }
    m_health->setHallHealth(hall);
}

// A hall's database, lost and found again (DESIGN §11): health, the consoles and the offline
// tickets follow. A terminal alone has nothing to watch.
void Terminal::watchHall()
{
    reportHall();
    HallSession *session = m_stores.hall.get();
    if (!session)
        return;
    if (PgHallChannel *channel = m_stores.hallChannel(); channel && session->online()) {
        if (auto listening = channel->listen(); !listening)
            qCWarning(lcRoot).noquote() << "the hall's live notices cannot be heard:" << listening.error().detail;
    }
    connect(session, &HallSession::wentOffline, this, [this](const QString &why) {
        qCWarning(lcRoot).noquote() << "hall database offline: walk-in and booked tickets continue in the offline series;" << why;
        reportHall();
        m_http->hub()->hallChanged(false, why);
    });
    connect(session, &HallSession::cameBack, this, &Terminal::onHallBack);
    m_hallReport = new QTimer(this);
    m_hallReport->setInterval(5000);
    connect(m_hallReport, &QTimer::timeout, this, &Terminal::reportHall);
    m_hallReport->start();
    session->start();
    // Offline tickets a run before this one left unmerged (killed during an outage or its merge)
    // join now: reaching the hall at start-up is no comeback, so onHallBack would never merge them.
    if (session->online()) {
        mergeOfflineTickets();
        reportHall();
    }
}

void Terminal::onHallBack()
{
    if (PgHallChannel *channel = m_stores.hallChannel()) {
        // The subscription ended with the old connection.
        if (auto listening = channel->listen(); !listening)
            qCWarning(lcRoot).noquote() << "the hall's live notices cannot be heard:" << listening.error().detail;
    }
    mergeOfflineTickets();
    m_queue->refreshAll();
    reportHall();
    m_http->hub()->hallChanged(true, QString());
    qCInfo(lcRoot) << "hall database reachable again";
}

void Terminal::mergeOfflineTickets()
{
    auto merged = m_stores.hallQueueStore->mergeOffline(m_catalogService->centerTime().toLocal(m_clockInUse->now()));
    if (!merged) {
        qCWarning(lcRoot).noquote() << "offline tickets not merged yet:" << merged.error().detail;
    } else if (merged->tickets > 0) {
        qCInfo(lcRoot).noquote() << merged->tickets << "offline tickets joined the hall's queue with" << merged->events << "events";
        for (const DuplicateCheckIn &d : merged->cancelled) {
            const QString text = QStringLiteral("预约 %1 在两台自助机重复签到：保留 %2，作废 %3 · Booking checked in twice during the outage: "
                                                "%2 kept, %3 cancelled")
                                     .arg(d.bookingId, d.keptNumber, d.cancelledNumber);
            qCWarning(lcRoot).noquote() << text;
            m_http->hub()->notice(text, m_clockInUse->now());
        }
        HallNotice refresh;
        refresh.kind = HallNotice::Kind::Refresh;
        m_stores.channel->publish(refresh); // the other terminals' consoles and boards see them too
    }
}

Result<void, StartupError> Terminal::start()
{
    if (auto stores = keep(m_stores, StoreSetup::build(m_config)); !stores)
        return stores;
    adoptPulledCatalog();
    m_catalogService = std::make_unique<CatalogService>(m_catalog);
    buildClock();
    StoreSetup::addSenderLease(m_stores, m_config, *m_clockInUse);
    auto layout = PrinterSetup::layout(m_config);
    if (!layout)
        return fail(layout.error());
    m_composer = std::make_unique<TicketComposer>(m_config.terminal.center, QString::fromStdString(m_catalog.center.name),
                                                  m_config.platform.ticketUrl.value_or(QString()), layout.value().ticket,
                                                  layout.value().logo);
    if (m_options.demo)
        prepareDemoPlatform(); // its keys exist before they are read
    if (auto keys = keep(m_keys, PlatformKeys::load(m_config)); !keys)
        return keys;
    buildTraces();
    if (auto devices = buildDevices(); !devices)
        return devices;
    if (auto services = buildServices(); !services)
        return services;
    watchDevices();
    buildMaintenance();
    wireCheckIn();
    if (m_options.demo && m_scanners.simulator)
        seedDemoBookings();
    if (auto sync = buildSync(); !sync)
        return sync;
    connect(m_help.get(), &HelpService::helpRequested, this, [this](const HelpRequest &request) {
        qCWarning(lcRoot).noquote() << "帮办: help requested at" << request.terminal << "(" << request.id << ")";
    });
    if (auto screens = buildScreens(); !screens)
        return screens;
    watchHall();
    if (!m_options.testControlFifo.isEmpty()) {
        IssueTicketService *issue = m_issue.get();
        KioskWindow *window = m_window.get();
        m_testControl = CommandChannel::openFifo(m_options.testControlFifo, [issue, window](const QString &line) {
            const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (words.size() == 2 && words.first() == QLatin1String("tap")) {
                // A citizen's tap on the kiosk button of that object name, if it is on show and enabled
                // (a screen may hold several of one name; the one on show is the one a citizen sees).
                for (QPushButton *button : window->findChildren<QPushButton *>(words.at(1))) {
                    if (button->isVisible() && button->isEnabled()) {
                        button->click();
                        return QStringLiteral("ok");
                    }
                }
                return QStringLiteral("no button %1 on show").arg(words.at(1));
            }
            if (words.size() != 2 || words.first() != QLatin1String("walkin"))
                return QStringLiteral("unknown command (walkin GROUP | tap BUTTON)");
            // A tap while a ticket prints is taken once it has printed, as a citizen taps again
            // (the button itself refuses it as busy): a rig's taps never race the printer.
            const QString group = words.at(1);
            if (!issue->whenFree(issue, [issue, group] { issue->issueWalkIn(group); }))
                return QStringLiteral("busy: %1 taps wait already").arg(IssueTicketService::kMaxWaiting);
            return QStringLiteral("ok");
        });
        qCInfo(lcRoot).noquote() << "test control on" << m_options.testControlFifo;
    }
    if (m_options.demo)
        qCInfo(lcRoot).noquote() << QStringLiteral("demo: staff %1, a supervisor (every window, /reports, the 差评 cases), signs in with PIN %2")
                                        .arg(QLatin1String(DemoSetup::kStaffId), QLatin1String(DemoSetup::kStaffPin));
    if (m_options.demo)
        qCInfo(lcRoot).noquote() << QStringLiteral("demo: technician %1, PIN %2: hold the screen's top-left corner 5 s for the maintenance "
                                                   "menu, or sign in over HTTP for /api/v1/maintenance/…")
                                        .arg(QLatin1String(DemoSetup::kTechnicianId), QLatin1String(DemoSetup::kTechnicianPin));
    if (m_hallbus.bus) {
        m_hallbus.bus->start();
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
        m_printer.start();
    } else {
        QTimer::singleShot(0, this, announceReady);
    }
    m_day->start(); // closes what was left open before the first citizen sees the screen
    m_presenter->start();
    // Scans and cards are taken from the first screen on (C5).
    if (m_idCard.reader)
        m_idCard.reader->start();
    for (const std::unique_ptr<CodeScanner> &scanner : m_scanners.scanners)
        scanner->start();
    if (m_config.kiosk.fullscreen && !m_options.demo) {
        // The kiosk session shows no pointer (DESIGN §15): a touch screen has none to show.
        QGuiApplication::setOverrideCursor(Qt::BlankCursor);
        m_window->showFullScreen();
    } else {
        m_window->resize(1080, 1920);
        m_window->show();
    }
    return Ok{};
}

} // namespace hk
