// The maintenance menu's service (DESIGN §12), built by the composition root: Terminal::buildMaintenance.
#include "app/root/terminal.h"

#include "app/config/local_override_file.h"
#include "app/config/redacted_config.h"
#include "app/ports/devices/code_scanner.h"
#include "app/ports/devices/device_trace.h"
#include "app/ports/devices/identity_reader.h"
#include "app/ports/devices/ticket_printer.h"
#include "app/ports/devices/voice_output.h"
#include "app/services/hall/shared_voice.h"
#include "app/ports/devices/window_bus.h"
#include "app/process/log_ring.h"
#include "app/process/tar_gz.h"
#include "app/root/device_relinker.h"
#include "app/root/logging.h"
#include "app/services/catalog_service.h"
#include "app/services/center_time.h"
#include "app/services/day_service.h"
#include "app/services/health_service.h"
#include "app/services/maintenance/maintenance_parts.h"
#include "app/services/sync/sync_service.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "app/services/ticket/ticket_composer.h"
#include "db/database.h"
#include "db/hall/hall_session.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_outbox_store.h"
#include "drivers/devices/hallbus_master.h"
#include "drivers/devices/keyboard_wedge_scanner.h"
#include "drivers/devices/queued_ticket_printer.h"
#include "drivers/devices/sam_idcard_reader.h"
#include "drivers/devices/serial_line_scanner.h"
#include "drivers/transports/relinkable_transport.h"
#include "drivers/transports/system_serial_port_catalog.h"
#include "hallkiosk_version.h"
#include "ui/web/health_json.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>

namespace hk {

void Terminal::buildTraces()
{
    // One for each device configured that has a wire to log.
    const Clock *clock = m_clockInUse;
    const std::pair<const char *, bool> roles[] = {{"printer", bool(m_config.devices.printer)},
                                                   {"idcard", bool(m_config.devices.idcard)},
                                                   {"scanner", bool(m_config.devices.scanner)},
                                                   {"scanner_keyboard", bool(m_config.devices.scannerKeyboard)},
                                                   {"hallbus", bool(m_config.devices.hallbus)}};
    for (const auto &[role, configured] : roles) {
        if (configured)
            m_traces[QLatin1String(role)] = std::make_unique<DeviceTrace>([clock] { return clock->now(); });
    }
}

void Terminal::attachTraces()
{
    const auto trace = [this](const char *role) {
        auto it = m_traces.find(QLatin1String(role));
        return it == m_traces.end() ? nullptr : it->second.get();
    };
    if (auto *printer = dynamic_cast<QueuedTicketPrinter *>(m_printer.printer.get()))
        printer->setTrace(trace("printer"));
    if (auto *reader = dynamic_cast<SamIdCardReader *>(m_idCard.reader.get()))
        reader->setTrace(trace("idcard"));
    for (const std::unique_ptr<CodeScanner> &scanner : m_scanners.scanners) {
        if (auto *line = dynamic_cast<SerialLineScanner *>(scanner.get()))
            line->setTrace(trace("scanner"));
        else if (auto *wedge = dynamic_cast<KeyboardWedgeScanner *>(scanner.get()))
            wedge->setTrace(trace("scanner_keyboard"));
    }
    if (auto *bus = dynamic_cast<HallbusMaster *>(m_hallbus.bus.get()))
        bus->setTrace(trace("hallbus"));
}

std::unique_ptr<DeviceRelinker> Terminal::buildRelinker()
{
    // What each role's setup opens its serial port with besides the path (and the baud the URI may
    // give): the same defaults, so a port moved from the menu runs as one set in the config.
    std::map<QString, DeviceRelinker::Link> links;
    const auto add = [&links](const char *role, ByteTransport *transport, SerialSettings defaults) {
        if (auto *relinkable = dynamic_cast<RelinkableTransport *>(transport))
            links[QLatin1String(role)] = DeviceRelinker::Link{relinkable, defaults};
    };
    add("printer", m_printer.transport.get(), SerialSettings{});
    SerialSettings card;
    card.baud = 115200;
    card.logReceivedBytes = false; // a card's text is personal data
    add("idcard", m_idCard.transport.get(), card);
    if (m_config.devices.scanner && !m_scanners.transports.empty())
        add("scanner", m_scanners.transports.front().get(), SerialSettings{});
    add("hallbus", m_hallbus.transport.get(), SerialSettings{});
    return std::make_unique<DeviceRelinker>(
        std::move(links), dynamic_cast<QueuedTicketPrinter *>(m_printer.printer.get()), PrinterSetup::kProfileDir,
        [this](const QString &role, const QString &uri) { m_runningUris[role] = uri; },
        [this](const QString &profile) { m_config.devices.printerProfile = profile; });
}

QString Terminal::runningUri(const QString &role) const
{
    const auto text = [](const std::optional<DeviceUri> &uri) { return uri ? uri->text : QString(); };
    if (auto it = m_runningUris.find(role); it != m_runningUris.end())
        return it->second;
    if (role == QLatin1String("printer"))
        return text(m_config.devices.printer);
    if (role == QLatin1String("idcard"))
        return text(m_config.devices.idcard);
    if (role == QLatin1String("scanner"))
        return text(m_config.devices.scanner);
    if (role == QLatin1String("scanner_keyboard"))
        return text(m_config.devices.scannerKeyboard);
    if (role == QLatin1String("hallbus"))
        return text(m_config.devices.hallbus);
    if (role == QLatin1String("camera"))
        return m_config.devices.camera.value_or(QString());
    if (role == QLatin1String("voice"))
        return m_config.voice.enabled ? m_config.voice.command : QString();
    return {};
}

void Terminal::buildMaintenance()
{
    MaintenanceService::Parts parts;
    parts.version = QStringLiteral(HALLKIOSK_VERSION);
    parts.terminal = m_config.terminal.id;
    parts.startedAt = m_clockInUse->now();
    parts.clock = m_clockInUse;
    parts.health = m_health.get();
    for (const auto &[role, trace] : m_traces)
        parts.traces[role] = trace.get();
    parts.uriOf = [this](const QString &role) { return runningUri(role); };
    parts.printer = m_printer.printer.get();
    parts.issue = m_issue.get();
    parts.composer = m_composer.get();
    parts.catalog = m_catalogService.get();
    parts.bus = m_hallbus.bus.get();
    parts.voice = m_config.voice.enabled ? m_sharedVoice.get() : nullptr; // a test waits its turn like a call
    parts.idcard = m_idCard.reader.get();
    for (const std::unique_ptr<CodeScanner> &scanner : m_scanners.scanners)
        parts.scanners << scanner.get();
    parts.sync = [this] { return m_sync.get(); };
    parts.outbox = m_stores.outbox.get();
    parts.day = m_day.get();
    parts.audit = m_stores.localAudit.get();
    parts.hallAudit = m_stores.hallAudit.get();
    parts.engine = m_stores.hall ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    parts.schemaVersion = m_stores.hall ? QString::number(m_stores.hall->database().schemaVersion())
                                        : QString::number(m_stores.local->schemaVersion());
    parts.integrityCheck = [this]() -> Result<QString, QString> {
        Database &database = m_stores.hall ? m_stores.hall->database() : *m_stores.local;
        auto report = database.integrityReport();
        if (!report)
            return fail(report.error().detail);
        return report->text();
    };
    m_localSettings = std::make_unique<LocalOverrideFile>(m_config);
    parts.local = m_localSettings.get();
    parts.printerProfile = [this] { return m_config.devices.printerProfile; };
    attachTraces();
    m_relinker = buildRelinker();
    parts.devices = m_relinker.get();
    m_portCatalog = std::make_unique<SystemSerialPortCatalog>(m_options.serialLinkFolders);
    parts.ports = m_portCatalog.get();
    parts.previewPng = [this]() -> QByteArray {
        // A ticket as the printer would print it with the profile in force now: its own bytes, drawn.
        TicketSlip slip;
        slip.number = QStringLiteral("A001");
        slip.groupName = QStringLiteral("样票 · 示例业务");
        slip.matterName = QStringLiteral("示例事项");
        slip.peopleAhead = 3;
        slip.issuedAt = m_clockInUse->now();
        slip.issuedAtText = m_catalogService->centerTime().toLocal(slip.issuedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        slip.qrPayload = QStringLiteral("HALLKIOSK-PREVIEW");
        auto preview = PrinterSetup::preview(m_config, QString::fromStdString(m_catalog.center.name), slip);
        if (!preview || preview->paper.isNull())
            return {};
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        preview->paper.save(&buffer, "PNG");
        return png;
    };
    parts.pack = [this](const std::vector<DiagnosticsFile> &files) {
        std::vector<std::pair<QString, QByteArray>> entries;
        for (const DiagnosticsFile &f : files)
            entries.emplace_back(QStringLiteral("hallkiosk-diagnostics/") + f.name, f.bytes);
        return tarGz(entries, m_clockInUse->now());
    };
    if (const LogRing *ring = m_options.logRing)
        parts.logLines = [ring] { return ring->lines(); };
    parts.redactedConfig = [this] { return QJsonDocument::fromJson(redactedConfigJson(m_config)).object(); };
    parts.mediaRoots = m_options.mediaRoots;
    parts.healthJson = [this] { return toJson(m_health->snapshot()); };
    parts.stateDirectory = QFileInfo(m_config.database).absolutePath();
    // Under systemd (Restart=always) the service manager brings it back; elsewhere main() starts it
    // again once everything is torn down (kRestartStatus).
    parts.restart = [] { QCoreApplication::exit(kRestartStatus); };
    m_maintenance = std::make_unique<MaintenanceService>(std::move(parts));
}

} // namespace hk
