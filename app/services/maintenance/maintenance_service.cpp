#include "app/services/maintenance/maintenance_service.h"

#include "app/ports/clock.h"
#include "app/ports/devices/code_scanner.h"
#include "app/ports/devices/identity_reader.h"
#include "app/ports/devices/ticket_printer.h"
#include "app/ports/devices/voice_output.h"
#include "app/ports/devices/window_bus.h"
#include "app/ports/maintenance/device_reconfigurer.h"
#include "app/ports/maintenance/local_settings.h"
#include "app/services/catalog_service.h"
#include "app/services/center_time.h"
#include "app/services/checkin/applicant_identity.h"
#include "app/services/day_service.h"
#include "app/services/health_service.h"
#include "app/services/logging.h"
#include "app/services/maintenance/maintenance_json.h"
#include "app/services/maintenance/maintenance_parts.h"
#include "app/services/sync/sync_service.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "app/services/ticket/ticket_composer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QStorageInfo>
#include <QTimer>

namespace hk {

namespace {

constexpr int kTestArmMs = 60000;
const QStringList kBauds{QStringLiteral("9600"), QStringLiteral("19200"), QStringLiteral("38400"), QStringLiteral("57600"),
                         QStringLiteral("115200")};

MaintenanceError error(MaintenanceError::Kind kind, QString message)
{
    return MaintenanceError{kind, std::move(message)};
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}

// The device role of a serial URI and its path and baud ("serial:/dev/ttyUSB0?baud=9600").
struct SerialLink {
    QString path;
    int baud = 0;
};
std::optional<SerialLink> serialLink(const QString &uri)
{
    if (!uri.startsWith(QLatin1String("serial:")))
        return std::nullopt;
    const QString rest = uri.mid(7);
    const qsizetype q = rest.indexOf(QLatin1Char('?'));
    SerialLink link{q < 0 ? rest : rest.left(q), 0};
    if (q >= 0) {
        for (const QString &pair : rest.mid(q + 1).split(QLatin1Char('&'))) {
            if (pair.startsWith(QLatin1String("baud=")))
                link.baud = pair.mid(5).toInt();
        }
    }
    return link;
}

} // namespace

struct MaintenanceService::Impl {
    Parts parts;
    bool menuOpen = false;
    bool cardArmed = false;
    bool scanArmed = false;
    QTimer armTimer;

    void audit(const QString &actor, const QString &action, const QString &subject, const QJsonObject &detail = {})
    {
        if (!parts.audit)
            return;
        auto appended = parts.audit->append(AuditEntry{parts.clock->now(), actor, action, subject, detail});
        if (!appended)
            qCCritical(lcMaintenance).noquote() << "audit log: cannot record" << action << "by" << actor << ":" << appended.error().detail;
    }
    SyncService *sync() const { return parts.sync ? parts.sync() : nullptr; }

    // Every write of the local override file goes through here (DESIGN §12, §16): only a technician
    // named by id (`technician:<id>`) may change it, and each change written is in the audit log as
    // `action` on `subject`, with what changed and the key and file written. Nothing is written for
    // anyone else.
    static bool isTechnician(const QString &actor)
    {
        static const QLatin1String kPrefix("technician:");
        return actor.startsWith(kPrefix) && actor.size() > kPrefix.size();
    }
    Result<void, QString> writeLocal(const QString &actor, const QString &keyPath, const QJsonValue &value, const QString &action,
                                     const QString &subject, QJsonObject detail)
    {
        if (!isTechnician(actor))
            return fail(QStringLiteral("only a technician signed in by id may change %1 (not \"%2\")").arg(keyPath, actor));
        if (auto kept = parts.local->set(keyPath, value); !kept)
            return kept;
        detail.insert(QStringLiteral("key"), keyPath);
        detail.insert(QStringLiteral("file"), parts.local->path());
        audit(actor, action, subject, detail);
        return Ok{};
    }
};

MaintenanceService::MaintenanceService(Parts parts, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Impl>())
{
    d->parts = std::move(parts);
    d->armTimer.setSingleShot(true);
    d->armTimer.setInterval(kTestArmMs);
    connect(&d->armTimer, &QTimer::timeout, this, &MaintenanceService::disarmTests);
    if (d->parts.health)
        connect(d->parts.health, &HealthService::deviceHealthChanged, this, &MaintenanceService::devicesChanged);
}

MaintenanceService::~MaintenanceService() = default;

void MaintenanceService::setMenuOpen(bool open)
{
    if (d->menuOpen == open)
        return;
    d->menuOpen = open;
    if (!open)
        disarmTests();
    qCInfo(lcMaintenance).noquote() << (open ? "the maintenance menu is open: citizens' cards and scans wait"
                                             : "the maintenance menu is closed");
    Q_EMIT menuOpenChanged(open);
}

bool MaintenanceService::menuOpen() const
{
    return d->menuOpen;
}

bool MaintenanceService::holdsInput() const
{
    return d->menuOpen || d->cardArmed || d->scanArmed;
}

bool MaintenanceService::offerCard(const IdentityDocument &card)
{
    if (!std::exchange(d->cardArmed, false))
        return d->menuOpen;
    // Masked forms only: a technician's test never shows or keeps a citizen's card data.
    Q_EMIT cardTested(identity::maskName(card.name), identity::maskIdNumber(card.number));
    return true;
}

bool MaintenanceService::offerCardFailure(const CardReadFailure &failure)
{
    if (!std::exchange(d->cardArmed, false))
        return d->menuOpen;
    Q_EMIT cardTestFailed(failure.detail);
    return true;
}

bool MaintenanceService::offerCode(const QString &text)
{
    if (!std::exchange(d->scanArmed, false))
        return d->menuOpen;
    Q_EMIT scanTested(text);
    return true;
}

// 设备 ---------------------------------------------------------------------------------------------

QList<MaintenanceDevice> MaintenanceService::devices() const
{
    QList<MaintenanceDevice> list;
    const HealthSnapshot snapshot = d->parts.health ? d->parts.health->snapshot() : HealthSnapshot{};
    QStringList roles = snapshot.devices.keys();
    for (const auto &[role, trace] : d->parts.traces) {
        if (!roles.contains(role))
            roles << role;
    }
    for (const QString &role : std::as_const(roles)) {
        MaintenanceDevice device;
        device.role = role;
        device.uri = d->parts.uriOf ? d->parts.uriOf(role) : QString();
        device.health = snapshot.devices.value(role);
        if (auto it = d->parts.traces.find(role); it != d->parts.traces.end() && it->second) {
            device.counters = it->second->counters();
            device.traced = true;
        }
        list << device;
    }
    return list;
}

Result<std::vector<DeviceFrame>, MaintenanceError> MaintenanceService::frames(const QString &role, int limit) const
{
    auto it = d->parts.traces.find(role);
    if (it == d->parts.traces.end() || !it->second)
        return fail(error(MaintenanceError::Kind::NotFound, QStringLiteral("no frame log for \"%1\"").arg(role)));
    return it->second->frames(limit);
}

// 测试 ---------------------------------------------------------------------------------------------

void MaintenanceService::testPrinter(const QString &actor, Done done)
{
    if (!d->parts.printer || !d->parts.issue || !d->parts.composer) {
        done(fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no ticket printer is configured"))));
        return;
    }
    const QDateTime now = d->parts.clock->now();
    // A sample that no citizen could take for a place in the queue: no number, no real QR.
    TicketSlip slip;
    slip.number = QStringLiteral("测试");
    slip.groupName = QStringLiteral("打印测试 · 非排队票");
    slip.matterName = QStringLiteral("终端 %1").arg(d->parts.terminal);
    slip.peopleAhead = -1;
    slip.issuedAt = now;
    const QDateTime local = d->parts.catalog ? d->parts.catalog->centerTime().toLocal(now) : now;
    slip.issuedAtText = local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    slip.qrPayload = QStringLiteral("HALLKIOSK-PRINT-TEST %1 %2").arg(d->parts.terminal, now.toString(Qt::ISODate));
    const PrintDocument document = d->parts.composer->compose(slip);
    d->audit(actor, QStringLiteral("device_tested"), QStringLiteral("printer"));
    QPointer<MaintenanceService> self(this);
    const bool queued = d->parts.issue->whenFree(this, [self, document, done] {
        if (!self)
            return;
        self->d->parts.printer->print(document, [done](Result<void, DeviceError> printed) {
            if (printed)
                done(Ok{});
            else
                done(fail(error(MaintenanceError::Kind::Failed, QStringLiteral("the printer did not print: %1").arg(nameOf(printed.error())))));
        });
    });
    if (!queued)
        done(fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("the printer is busy with tickets; try again"))));
}

Result<void, MaintenanceError> MaintenanceService::testBoard(int window, const QString &text, const QString &actor)
{
    if (!d->parts.bus)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no window bus is configured")));
    const QList<WindowDeviceState> devices = d->parts.bus->devices();
    const bool known = std::any_of(devices.cbegin(), devices.cend(), [window](const WindowDeviceState &s) {
        return s.window == window && s.role == WindowDeviceState::Role::Board;
    });
    if (!known)
        return fail(error(MaintenanceError::Kind::NotFound, QStringLiteral("window %1 has no board on the bus").arg(window)));
    const QString shown = text.trimmed().isEmpty() ? QStringLiteral("测试 %1 号窗口").arg(window) : text.trimmed().left(64);
    d->parts.bus->show(window, BoardContent{shown, QStringLiteral("设备测试"), false});
    d->audit(actor, QStringLiteral("device_tested"), QStringLiteral("board:%1").arg(window), QJsonObject{{QStringLiteral("text"), shown}});
    return Ok{};
}

Result<void, MaintenanceError> MaintenanceService::testEvaluator(int window, const QString &actor)
{
    if (!d->parts.bus)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no window bus is configured")));
    const QList<WindowDeviceState> devices = d->parts.bus->devices();
    const bool known = std::any_of(devices.cbegin(), devices.cend(), [window](const WindowDeviceState &s) {
        return s.window == window && s.role == WindowDeviceState::Role::Evaluator;
    });
    if (!known)
        return fail(error(MaintenanceError::Kind::NotFound, QStringLiteral("window %1 has no evaluator on the bus").arg(window)));
    // A rating asked for no ticket: the rating service ignores what comes back for it.
    d->parts.bus->requestRating(window, QString(), QStringLiteral("TEST"));
    d->audit(actor, QStringLiteral("device_tested"), QStringLiteral("evaluator:%1").arg(window));
    return Ok{};
}

void MaintenanceService::testVoice(const QString &text, const QString &actor, Done done)
{
    if (!d->parts.voice) {
        done(fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no voice output is configured"))));
        return;
    }
    const QString said = text.trimmed().isEmpty() ? QStringLiteral("语音测试，一二三。") : text.trimmed().left(200);
    d->audit(actor, QStringLiteral("device_tested"), QStringLiteral("voice"));
    d->parts.voice->speak(said, [done](const Result<QString, DeviceError> &played) {
        if (played)
            done(Ok{});
        else
            done(fail(error(MaintenanceError::Kind::Failed, QStringLiteral("the voice did not play: %1").arg(nameOf(played.error())))));
    });
}

void MaintenanceService::armCardTest()
{
    d->cardArmed = true;
    d->armTimer.start();
}

void MaintenanceService::armScanTest()
{
    d->scanArmed = true;
    d->armTimer.start();
}

void MaintenanceService::disarmTests()
{
    d->cardArmed = false;
    d->scanArmed = false;
    d->armTimer.stop();
}

bool MaintenanceService::cardTestArmed() const
{
    return d->cardArmed;
}

bool MaintenanceService::scanTestArmed() const
{
    return d->scanArmed;
}

// 打印机 -------------------------------------------------------------------------------------------

QString MaintenanceService::printerProfile() const
{
    return d->parts.printerProfile ? d->parts.printerProfile() : QString();
}

QStringList MaintenanceService::shippedPrinterProfiles() const
{
    return d->parts.devices ? d->parts.devices->shippedPrinterProfiles() : QStringList();
}

Result<void, MaintenanceError> MaintenanceService::setPrinterProfile(const QString &profile, const QString &actor)
{
    if (!d->parts.devices || !d->parts.local)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("the printer's profile cannot be changed here")));
    if (!Impl::isTechnician(actor))
        return fail(error(MaintenanceError::Kind::Invalid, QStringLiteral("only a technician signed in by id may change the printer's profile")));
    const QString before = printerProfile();
    if (auto applied = d->parts.devices->setPrinterProfile(profile); !applied)
        return fail(error(MaintenanceError::Kind::Invalid, applied.error()));
    if (auto kept = d->writeLocal(actor, QStringLiteral("devices.printer_profile"), profile, QStringLiteral("printer_profile_changed"),
                                  QStringLiteral("printer"), QJsonObject{{QStringLiteral("from"), before}, {QStringLiteral("to"), profile}});
        !kept) {
        (void)d->parts.devices->setPrinterProfile(before); // not kept: not in force either
        return fail(error(MaintenanceError::Kind::Failed, QStringLiteral("the profile works but could not be saved: %1").arg(kept.error())));
    }
    Q_EMIT devicesChanged();
    return Ok{};
}

QByteArray MaintenanceService::ticketPreviewPng() const
{
    return d->parts.previewPng ? d->parts.previewPng() : QByteArray();
}

// 端口 ---------------------------------------------------------------------------------------------

QList<MaintenancePort> MaintenanceService::ports() const
{
    QList<MaintenancePort> list;
    if (!d->parts.ports)
        return list;
    const QStringList roles = d->parts.devices ? d->parts.devices->reassignableRoles() : QStringList();
    for (const SerialPortEntry &entry : d->parts.ports->ports()) {
        MaintenancePort port{entry, {}, 0};
        for (const QString &role : roles) {
            const auto link = serialLink(d->parts.uriOf ? d->parts.uriOf(role) : QString());
            if (!link)
                continue;
            const QString canonical = QFileInfo(link->path).canonicalFilePath();
            if (link->path == entry.path || entry.aliases.contains(link->path) || (!canonical.isEmpty() && canonical == entry.path)) {
                port.assignedTo = role;
                port.baud = link->baud;
            }
        }
        list << port;
    }
    return list;
}

void MaintenanceService::assignPort(const QString &role, const QString &path, int baud, const QString &actor, Done done)
{
    if (!d->parts.devices || !d->parts.local) {
        done(fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("ports cannot be assigned here"))));
        return;
    }
    if (!Impl::isTechnician(actor)) {
        done(fail(error(MaintenanceError::Kind::Invalid, QStringLiteral("only a technician signed in by id may assign a port"))));
        return;
    }
    if (!d->parts.devices->reassignableRoles().contains(role)) {
        done(fail(error(MaintenanceError::Kind::NotFound, QStringLiteral("\"%1\" is not a device whose port can be changed (%2)")
                                                             .arg(role, d->parts.devices->reassignableRoles().join(QStringLiteral(", "))))));
        return;
    }
    if (!kBauds.contains(QString::number(baud))) {
        done(fail(error(MaintenanceError::Kind::Invalid, QStringLiteral("baud %1 is not one of %2").arg(baud).arg(kBauds.join(QStringLiteral(", "))))));
        return;
    }
    if (!path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('?')) || path.contains(QLatin1Char('&'))) {
        done(fail(error(MaintenanceError::Kind::Invalid, QStringLiteral("\"%1\" is not a device path").arg(path))));
        return;
    }
    const QString before = d->parts.uriOf ? d->parts.uriOf(role) : QString();
    QString uri = QStringLiteral("serial:%1?baud=%2").arg(path).arg(baud);
    // A scanner's line ending is part of its link: kept when only the port or the baud changes.
    if (const qsizetype q = before.indexOf(QLatin1Char('?')); q >= 0) {
        for (const QString &pair : before.mid(q + 1).split(QLatin1Char('&'))) {
            if (!pair.startsWith(QLatin1String("baud=")))
                uri += QLatin1Char('&') + pair;
        }
    }
    QPointer<MaintenanceService> self(this);
    d->parts.devices->reassign(role, uri, [self, role, uri, before, actor, done](Result<void, QString> moved) {
        if (!self)
            return;
        if (!moved) {
            qCWarning(lcMaintenance).noquote() << role << "stays on" << before << "—" << uri << "did not open:" << moved.error();
            done(fail(error(MaintenanceError::Kind::Failed, moved.error())));
            return;
        }
        if (auto kept = self->d->writeLocal(actor, QStringLiteral("devices.%1").arg(role), uri, QStringLiteral("port_assigned"), role,
                                            QJsonObject{{QStringLiteral("from"), before}, {QStringLiteral("to"), uri}});
            !kept) {
            qCWarning(lcMaintenance).noquote() << role << "now runs on" << uri << "but it could not be saved:" << kept.error();
            self->d->audit(actor, QStringLiteral("port_assigned"), role,
                           QJsonObject{{QStringLiteral("from"), before}, {QStringLiteral("to"), uri}, {QStringLiteral("saved"), false}});
            done(fail(error(MaintenanceError::Kind::Failed,
                            QStringLiteral("%1 runs on %2 now, but the setting could not be saved and is lost at a restart: %3")
                                .arg(role, uri, kept.error()))));
            return;
        }
        qCInfo(lcMaintenance).noquote() << role << "moved from" << before << "to" << uri << "by" << actor;
        Q_EMIT self->devicesChanged();
        done(Ok{});
    });
}

// 同步 ---------------------------------------------------------------------------------------------

MaintenanceSync MaintenanceService::sync() const
{
    MaintenanceSync page;
    if (SyncService *sync = d->sync()) {
        page.configured = true;
        page.health = sync->health();
    }
    if (d->parts.outbox) {
        if (auto counts = d->parts.outbox->counts())
            page.outbox = counts.value();
        if (auto parked = d->parts.outbox->parkedEvents(100))
            page.parked = parked.value();
    }
    return page;
}

Result<void, MaintenanceError> MaintenanceService::pullNow(const QString &actor)
{
    SyncService *sync = d->sync();
    if (!sync)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no platform is configured")));
    d->audit(actor, QStringLiteral("sync_pull_requested"), QStringLiteral("platform"));
    sync->pullNow();
    return Ok{};
}

Result<void, MaintenanceError> MaintenanceService::pushNow(const QString &actor)
{
    SyncService *sync = d->sync();
    if (!sync)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no platform is configured")));
    d->audit(actor, QStringLiteral("sync_push_requested"), QStringLiteral("platform"));
    sync->pushNow();
    return Ok{};
}

Result<void, MaintenanceError> MaintenanceService::resendParked(const QString &eventId, const QString &actor)
{
    if (!d->parts.outbox)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no outbox")));
    auto unparked = d->parts.outbox->unpark(eventId);
    if (!unparked)
        return fail(error(MaintenanceError::Kind::Failed, unparked.error().detail));
    if (!unparked.value())
        return fail(error(MaintenanceError::Kind::NotFound, QStringLiteral("no parked event has the id \"%1\"").arg(eventId.left(64))));
    d->audit(actor, QStringLiteral("event_resent"), eventId);
    if (SyncService *sync = d->sync())
        sync->pushNow();
    return Ok{};
}

// 数据 ---------------------------------------------------------------------------------------------

Result<DayCloseSummary, MaintenanceError> MaintenanceService::closeDay(const CivilDate &date, const QString &actor)
{
    if (!d->parts.day)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no day service")));
    auto closed = d->parts.day->closeNow(date);
    if (!closed)
        return fail(error(MaintenanceError::Kind::Invalid, closed.error()));
    d->audit(actor, QStringLiteral("day_closed"), QString::fromStdString(date.toString()),
             QJsonObject{{QStringLiteral("expired"), closed->expired}, {QStringLiteral("served"), closed->served},
                         {QStringLiteral("no_shows"), closed->noShows}});
    return closed.value();
}

Result<QString, MaintenanceError> MaintenanceService::integrityCheck()
{
    if (!d->parts.integrityCheck)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no integrity check for this database")));
    auto checked = d->parts.integrityCheck();
    if (!checked)
        return fail(error(MaintenanceError::Kind::Failed, checked.error()));
    return checked.value();
}

Result<AuditCheck, MaintenanceError> MaintenanceService::verifyAudit()
{
    if (!d->parts.audit)
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("no audit log")));
    // The terminal's own chain, then the hall's: the first break found is the one reported.
    AuditCheck total;
    const std::pair<AuditLog *, QString> logs[] = {{d->parts.audit, QStringLiteral("this terminal's")},
                                                   {d->parts.hallAudit, QStringLiteral("the hall's")}};
    for (const auto &[log, whose] : logs) {
        if (!log)
            continue;
        auto checked = log->verify();
        if (!checked)
            return fail(error(MaintenanceError::Kind::Failed, QStringLiteral("%1 audit log: %2").arg(whose, checked.error().detail)));
        total.rows += checked->rows;
        if (!checked->intact() && total.intact()) {
            total.firstBadSeq = checked->firstBadSeq;
            total.problem = QStringLiteral("%1 audit log: %2").arg(whose, checked->problem);
            qCCritical(lcMaintenance).noquote() << "the audit chain is broken at row" << *checked->firstBadSeq << ":" << total.problem;
        }
    }
    return total;
}

std::vector<DiagnosticsFile> MaintenanceService::diagnosticsFiles() const
{
    std::vector<DiagnosticsFile> files;
    const auto json = [](const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Indented); };
    const MaintenanceSystem sys = system();
    QJsonObject about{{QStringLiteral("version"), sys.version},
                      {QStringLiteral("terminal"), sys.terminal},
                      {QStringLiteral("started_at"), sys.startedAt.toString(Qt::ISODate)},
                      {QStringLiteral("uptime_s"), sys.uptimeS},
                      {QStringLiteral("engine"), sys.engine},
                      {QStringLiteral("schema_version"), sys.schemaVersion},
                      {QStringLiteral("disk_free_bytes"), sys.diskFreeBytes},
                      {QStringLiteral("disk_total_bytes"), sys.diskTotalBytes},
                      {QStringLiteral("written_at"), d->parts.clock->now().toString(Qt::ISODate)}};
    if (sys.clockOffsetS)
        about.insert(QStringLiteral("clock_offset_s"), *sys.clockOffsetS);
    files.push_back({QStringLiteral("system.json"), json(about)});
    if (d->parts.healthJson)
        files.push_back({QStringLiteral("health.json"), json(d->parts.healthJson())});
    if (d->parts.redactedConfig)
        files.push_back({QStringLiteral("config.json"), json(d->parts.redactedConfig())});
    files.push_back({QStringLiteral("devices.json"), json(maintenanceDevicesJson(devices()))});
    for (const auto &[role, trace] : d->parts.traces) {
        if (!trace)
            continue;
        QByteArray text;
        for (const DeviceFrame &frame : trace->frames()) {
            text += frame.at.toString(Qt::ISODateWithMs).toUtf8() + (frame.dir == DeviceFrame::Dir::Tx ? " tx " : " rx ") +
                    QByteArray::number(frame.size) + ' ' + hex(frame.bytes).toLatin1() + '\n';
        }
        files.push_back({QStringLiteral("frames/%1.txt").arg(role), text});
    }
    const MaintenanceSync syncPage = sync();
    QJsonArray parked;
    for (const ParkedEvent &e : syncPage.parked)
        parked.append(QJsonObject{{QStringLiteral("id"), e.id}, {QStringLiteral("type"), e.type}, {QStringLiteral("reason"), e.reason}});
    files.push_back({QStringLiteral("sync.json"),
                     json(QJsonObject{{QStringLiteral("pending"), syncPage.outbox.pending},
                                      {QStringLiteral("parked"), parked},
                                      {QStringLiteral("last_error"), syncPage.health.lastError}})});
    if (d->parts.logLines)
        files.push_back({QStringLiteral("logs/hallkiosk.log"), d->parts.logLines().join(QLatin1Char('\n')).toUtf8() + '\n'});
    return files;
}

QByteArray MaintenanceService::diagnosticsBundle() const
{
    return d->parts.pack ? d->parts.pack(diagnosticsFiles()) : QByteArray();
}

QStringList MaintenanceService::removableMedia() const
{
    // A mounted stick: a folder under a media root that is a mount point of its own (the desktop's
    // /media/USER/LABEL too), or any folder when the root is not /media (a test's or a lab's).
    QStringList media;
    const QList<QStorageInfo> mounted = QStorageInfo::mountedVolumes();
    for (const QString &root : std::as_const(d->parts.mediaRoots)) {
        const QDir dir(root);
        if (!dir.exists())
            continue;
        const bool system = QDir::cleanPath(root) == QLatin1String("/media");
        QStringList candidates;
        for (const QFileInfo &entry : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            candidates << entry.absoluteFilePath();
            if (system) {
                for (const QFileInfo &inner : QDir(entry.absoluteFilePath()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
                    candidates << inner.absoluteFilePath();
            }
        }
        for (const QString &candidate : std::as_const(candidates)) {
            const bool mountPoint = std::any_of(mounted.cbegin(), mounted.cend(),
                                                [&](const QStorageInfo &v) { return QDir::cleanPath(v.rootPath()) == candidate; });
            if ((!system || mountPoint) && QFileInfo(candidate).isWritable())
                media << candidate;
        }
    }
    return media;
}

Result<QString, MaintenanceError> MaintenanceService::exportTo(const QString &folder, const QString &actor)
{
    if (!QFileInfo(folder).isDir())
        return fail(error(MaintenanceError::Kind::NotFound, QStringLiteral("%1 is not a folder (is the stick in?)").arg(folder)));
    const QByteArray bundle = diagnosticsBundle();
    if (bundle.isEmpty())
        return fail(error(MaintenanceError::Kind::Unavailable, QStringLiteral("the bundle could not be made")));
    const QString name = QStringLiteral("hallkiosk-%1-%2.tar.gz")
                             .arg(d->parts.terminal, d->parts.clock->now().toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QString path = QDir(folder).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(error(MaintenanceError::Kind::Failed, QStringLiteral("cannot write %1: %2").arg(path, file.errorString())));
    if (file.write(bundle) != bundle.size() || !file.flush()) {
        const QString why = file.errorString();
        file.close();
        file.remove();
        return fail(error(MaintenanceError::Kind::Failed, QStringLiteral("cannot write %1 (is the stick full?): %2").arg(path, why)));
    }
    file.close();
    d->audit(actor, QStringLiteral("diagnostics_exported"), name, QJsonObject{{QStringLiteral("bytes"), qint64(bundle.size())}});
    qCInfo(lcMaintenance).noquote() << "diagnostics bundle written to" << path << "by" << actor;
    return path;
}

// 系统 ---------------------------------------------------------------------------------------------

MaintenanceSystem MaintenanceService::system() const
{
    MaintenanceSystem sys;
    sys.version = d->parts.version;
    sys.terminal = d->parts.terminal;
    sys.startedAt = d->parts.startedAt;
    sys.uptimeS = d->parts.startedAt.isValid() ? d->parts.startedAt.secsTo(d->parts.clock->now()) : 0;
    sys.stateDirectory = d->parts.stateDirectory;
    if (!d->parts.stateDirectory.isEmpty()) {
        const QStorageInfo disk(d->parts.stateDirectory);
        if (disk.isValid()) {
            sys.diskFreeBytes = disk.bytesAvailable();
            sys.diskTotalBytes = disk.bytesTotal();
        }
    }
    if (SyncService *sync = d->sync())
        sys.clockOffsetS = sync->health().clockOffsetS;
    sys.engine = d->parts.engine;
    sys.schemaVersion = d->parts.schemaVersion;
    return sys;
}

void MaintenanceService::restart(const QString &actor)
{
    d->audit(actor, QStringLiteral("application_restarted"), QStringLiteral("terminal"));
    qCWarning(lcMaintenance).noquote() << "restart asked by" << actor;
    if (d->parts.restart)
        QTimer::singleShot(0, this, d->parts.restart);
}

} // namespace hk
