#pragma once

#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"
#include "app/ports/devices/device_health.h"
#include "app/ports/devices/device_trace.h"
#include "app/ports/devices/identity_reader.h"
#include "app/ports/maintenance/serial_port_catalog.h"
#include "app/ports/stores/audit_log.h"
#include "app/ports/stores/outbox_store.h"
#include "app/ports/stores/queue_store.h"
#include "app/ports/sync_health.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace hk {

// One device on the 设备 page and in GET /api/v1/maintenance/devices (DESIGN §12).
struct MaintenanceDevice {
    QString role; // printer, idcard, scanner, scanner_keyboard, camera, hallbus, voice
    QString uri;  // as running now (the config, or the local override); empty when absent
    DeviceHealth health;
    DeviceCounters counters; // zero for a device without a trace (voice, camera)
    bool traced = false;     // has a frame log
};

// A serial port on the 端口 page, and the device role it is assigned to, if any.
struct MaintenancePort {
    SerialPortEntry port;
    QString assignedTo; // "printer", … or empty
    int baud = 0;       // the assigned device's baud, 0 when unassigned
};

// The 同步 page.
struct MaintenanceSync {
    bool configured = false; // a platform URL is set (or the demo's platform runs)
    SyncHealth health;
    OutboxCounts outbox;
    std::vector<ParkedEvent> parked;
};

// The 系统 page.
struct MaintenanceSystem {
    QString version;
    QString terminal;
    QDateTime startedAt;
    qint64 uptimeS = 0;
    QString stateDirectory;
    qint64 diskFreeBytes = -1;
    qint64 diskTotalBytes = -1;
    std::optional<qint64> clockOffsetS; // the platform's clock minus ours, when known
    QString engine;                     // "sqlite" | "postgresql"
    QString schemaVersion;
};

// A file of the diagnostics bundle (DESIGN §12): never personal data, secrets or PIN hashes.
struct DiagnosticsFile {
    QString name; // "health.json", "config.json", "frames/printer.txt", "logs/hallkiosk.log", …
    QByteArray bytes;
};

// Why a maintenance action did not happen, in words for the technician (Chinese on the screen
// comes from the UI; this is the English detail shown beside it and returned over HTTP).
struct MaintenanceError {
    enum class Kind {
        NotFound,    // no such device, window, event, port
        Invalid,     // a bad value (a profile that does not load, a baud out of range)
        Unavailable, // the device or the platform is absent or busy
        Failed,      // it was tried and failed (the port did not open, the write failed)
    };
    Kind kind = Kind::Failed;
    QString message;
};

// What a field technician does (DESIGN §12), for the kiosk's maintenance menu and the remote routes
// alike: each device's state, counters and frames; device tests; the printer's profile and the
// ports; the platform sync; the day close, database and audit checks, exports; the system. Every
// change is applied where the device allows it, written to the local override file and recorded in
// the audit log under `actor` ("technician:T01").
class MaintenanceService : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Result<void, MaintenanceError>)>;

    struct Parts; // the ports it drives, given by the composition root (maintenance_parts.h)
    explicit MaintenanceService(Parts parts, QObject *parent = nullptr);
    ~MaintenanceService() override;

    // The menu on the kiosk's screen (DESIGN §12): while it is open, citizens' cards and scans reach
    // no citizen flow; the menu's own device tests still get theirs.
    void setMenuOpen(bool open);
    bool menuOpen() const;
    bool holdsInput() const; // the menu is open or a device test is armed
    // The composition root offers each card, card failure and scan here first: true when maintenance
    // took it (a test was armed, or the menu is open and it is dropped), and no check-in may see it.
    bool offerCard(const IdentityDocument &card);
    bool offerCardFailure(const CardReadFailure &failure);
    bool offerCode(const QString &text);

    // 设备
    QList<MaintenanceDevice> devices() const;
    Result<std::vector<DeviceFrame>, MaintenanceError> frames(const QString &role, int limit) const;

    // 测试
    // A sample ticket ("测试票", the time, the terminal; never a queue number), in the printer's turn.
    void testPrinter(const QString &actor, Done done);
    Result<void, MaintenanceError> testBoard(int window, const QString &text, const QString &actor);
    Result<void, MaintenanceError> testEvaluator(int window, const QString &actor);
    void testVoice(const QString &text, const QString &actor, Done done);
    // While armed, the next card or scan goes to cardTested / scanTested and not to a citizen's
    // flow; disarmed when read, on disarm, or after 60 s.
    void armCardTest();
    void armScanTest();
    void disarmTests();
    bool cardTestArmed() const;
    bool scanTestArmed() const;

    // 打印机
    QString printerProfile() const;
    QStringList shippedPrinterProfiles() const;
    Result<void, MaintenanceError> setPrinterProfile(const QString &profile, const QString &actor);
    // A sample ticket as the printer would print it now, drawn from its bytes: a PNG (empty without
    // a QGuiApplication). The services stay QtCore; the composition root draws it.
    QByteArray ticketPreviewPng() const;

    // 端口
    QList<MaintenancePort> ports() const;
    // Assigns a serial port to a device role at a baud; applied at once, kept in the local file.
    void assignPort(const QString &role, const QString &path, int baud, const QString &actor, Done done);

    // 同步
    MaintenanceSync sync() const;
    Result<void, MaintenanceError> pullNow(const QString &actor);
    Result<void, MaintenanceError> pushNow(const QString &actor);
    Result<void, MaintenanceError> resendParked(const QString &eventId, const QString &actor);

    // 数据
    Result<DayCloseSummary, MaintenanceError> closeDay(const CivilDate &date, const QString &actor);
    Result<QString, MaintenanceError> integrityCheck(); // "ok", or what the database reports
    Result<AuditCheck, MaintenanceError> verifyAudit();
    std::vector<DiagnosticsFile> diagnosticsFiles() const;
    QByteArray diagnosticsBundle() const; // the files as a .tar.gz
    // Folders a stick is mounted at (under /media, or the configured export root).
    QStringList removableMedia() const;
    // Writes the bundle into `folder` as hallkiosk-<terminal>-<yyyyMMdd-HHmmss>.tar.gz; its path.
    Result<QString, MaintenanceError> exportTo(const QString &folder, const QString &actor);

    // 系统
    MaintenanceSystem system() const;
    // Restarts the application (the service manager, or the demo's wrapper, brings it back).
    void restart(const QString &actor);

Q_SIGNALS:
    // A card read while the card test was armed: the masked name and number only ("张*", "1101**********1234").
    void cardTested(const QString &maskedName, const QString &maskedNumber);
    void cardTestFailed(const QString &why);
    void scanTested(const QString &text);
    void devicesChanged();
    void menuOpenChanged(bool open);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace hk
