// The maintenance menu's service (DESIGN §12), built by the composition root: Terminal::buildMaintenance.
#include "app/root/terminal.h"

#include "app/ports/devices/code_scanner.h"
#include "app/ports/devices/device_trace.h"
#include "app/ports/devices/identity_reader.h"
#include "app/ports/devices/ticket_printer.h"
#include "app/ports/devices/voice_output.h"
#include "app/ports/devices/window_bus.h"
#include "app/config/local_override_file.h"
#include "app/config/redacted_config.h"
#include "app/process/log_ring.h"
#include "app/process/tar_gz.h"
#include "app/root/logging.h"
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
#include "hallkiosk_version.h"
#include "ui/web/health_json.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>

namespace hk {

void Terminal::buildTraces()
{
    const Clock *clock = m_clockInUse;
    for (const char *role : {"printer", "idcard", "scanner", "hallbus"})
        m_traces[QLatin1String(role)] = std::make_unique<DeviceTrace>([clock] { return clock->now(); });
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
    parts.bus = m_hallbus.bus.get();
    parts.voice = m_config.voice.enabled ? m_voice.get() : nullptr;
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
