#pragma once

#include "app/ports/clock.h"
#include "app/ports/devices/device_health.h"
#include "app/ports/devices/window_bus.h"
#include "app/ports/stores/outbox_store.h"
#include "app/ports/sync_health.h"
#include "app/services/audit_trail_service.h"
#include "app/services/help_service.h"

#include <QDateTime>
#include <QMap>
#include <QObject>

#include <optional>

namespace hk {

// The hall's database as this terminal sees it (DESIGN §11): a terminal alone is on its SQLite file
// and always connected.
struct HallTerminalSeen {
    QString id;
    QDateTime lastSeen; // its last heartbeat, the database server's time
};
struct HallHealth {
    QString engine = QStringLiteral("sqlite"); // "sqlite" | "postgresql"
    bool connected = true;
    QString detail;         // why not, while not connected
    int offlineTickets = 0; // issued in this terminal's offline series and not yet in the hall's queue
    QList<HallTerminalSeen> terminals;
};

struct HealthSnapshot {
    QString version;
    QString terminal;
    QMap<QString, DeviceHealth> devices; // printer, idcard, scanner, hallbus …
    SyncHealth sync;
    int outboxDepth = 0;
    std::optional<qint64> oldestPendingAgeS;
    QList<HelpRequest> help;
    QList<WindowDeviceState> windowDevices; // each board, caller and evaluator on the window bus
    HallHealth hall;
    std::optional<AuditHealth> audit; // none where no audit trail is wired (tools, tests)
    QDateTime at;
};

// Collects what every part reports about itself, for GET /api/v1/health, the log and (later) the
// maintenance menu. Parts push their state here; nobody polls them.
class HealthService : public QObject {
    Q_OBJECT
public:
    HealthService(QString version, QString terminalId, OutboxStore &outbox, HelpService &help,
                  const Clock &clock, QObject *parent = nullptr);

    void setDeviceHealth(const QString &device, const DeviceHealth &health);
    void setSyncHealth(const SyncHealth &sync);
    void setWindowDevices(const QList<WindowDeviceState> &devices);
    void setHallHealth(const HallHealth &hall);
    // The audit chains' check (DESIGN §16), brought up to date at each snapshot.
    void setAuditTrail(AuditTrailService *trail) { m_audit = trail; }
    DeviceHealth deviceHealth(const QString &device) const;
    HealthSnapshot snapshot() const;

Q_SIGNALS:
    void deviceHealthChanged(const QString &device, const hk::DeviceHealth &health);
    void hallHealthChanged(const hk::HallHealth &hall);

private:
    QString m_version;
    QString m_terminalId;
    OutboxStore &m_outbox;
    HelpService &m_help;
    const Clock &m_clock;
    QMap<QString, DeviceHealth> m_devices;
    SyncHealth m_sync;
    QList<WindowDeviceState> m_windowDevices;
    HallHealth m_hall;
    AuditTrailService *m_audit = nullptr;
};

} // namespace hk
