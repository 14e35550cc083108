#include "app/services/health_service.h"

#include "app/services/logging.h"

namespace hk {

HealthService::HealthService(QString version, QString terminalId, OutboxStore &outbox,
                             HelpService &help, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_version(std::move(version))
    , m_terminalId(std::move(terminalId))
    , m_outbox(outbox)
    , m_help(help)
    , m_clock(clock)
{
}

void HealthService::setDeviceHealth(const QString &device, const DeviceHealth &health)
{
    const auto previous = m_devices.constFind(device);
    if (previous != m_devices.constEnd() && *previous == health)
        return;
    m_devices.insert(device, health);
    if (health.state == DeviceHealth::State::Ok || health.state == DeviceHealth::State::Absent)
        qCInfo(lcHealth).noquote() << device << nameOf(health.state) << health.detail;
    else
        qCWarning(lcHealth).noquote() << device << nameOf(health.state) << health.detail;
    Q_EMIT deviceHealthChanged(device, health);
}

void HealthService::setSyncHealth(const SyncHealth &sync)
{
    m_sync = sync;
}

void HealthService::setWindowDevices(const QList<WindowDeviceState> &devices)
{
    m_windowDevices = devices;
}

void HealthService::setHallHealth(const HallHealth &hall)
{
    const bool turned = hall.connected != m_hall.connected;
    m_hall = hall;
    if (turned)
        Q_EMIT hallHealthChanged(m_hall);
}

DeviceHealth HealthService::deviceHealth(const QString &device) const
{
    return m_devices.value(device);
}

HealthSnapshot HealthService::snapshot() const
{
    HealthSnapshot s;
    s.version = m_version;
    s.terminal = m_terminalId;
    s.devices = m_devices;
    s.sync = m_sync;
    s.help = m_help.pending();
    s.windowDevices = m_windowDevices;
    s.hall = m_hall;
    if (m_audit)
        s.audit = m_audit->health();
    s.at = m_clock.now();
    if (auto counts = m_outbox.counts()) {
        s.outboxDepth = counts->pending;
        if (counts->oldestPendingAt)
            s.oldestPendingAgeS = std::max<qint64>(0, counts->oldestPendingAt->secsTo(s.at));
    } else {
        qCWarning(lcHealth) << "outbox unreadable:" << counts.error().detail;
    }
    return s;
}

} // namespace hk
