#include "app/root/service_notifier.h"

#include "app/root/logging.h"

#include <systemd/sd-daemon.h>

#include <unistd.h>

#include <cstdint>

namespace hk {

ServiceNotifier::ServiceNotifier(QObject *parent)
    : QObject(parent)
    , m_managed(!qEnvironmentVariableIsEmpty("NOTIFY_SOCKET"))
{
    // Under the kiosk unit systemd's main process is cage and its WATCHDOG_PID names cage, which
    // would make sd_watchdog_enabled say "not for you"; the pings are this process's (NotifyAccess=all).
    if (m_managed && qgetenv("WATCHDOG_PID").toLongLong() == static_cast<long long>(::getppid()))
        qputenv("WATCHDOG_PID", QByteArray::number(static_cast<long long>(::getpid())));
    std::uint64_t usec = 0;
    // 0: do not unset the variables — the kiosk unit's cage passes them on to this process alone,
    // and a restart through execv (the maintenance menu's 重启 outside systemd) needs them again.
    if (m_managed && sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        m_interval = std::chrono::microseconds(usec);
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(m_interval / 2));
        connect(&m_timer, &QTimer::timeout, this, &ServiceNotifier::ping);
        m_timer.start();
        qCInfo(lcRoot).noquote() << QStringLiteral("systemd watchdog: every %1 ms, pinged every %2 ms")
                                        .arg(usec / 1000)
                                        .arg(m_timer.interval());
    }
}

void ServiceNotifier::notifyReady(const QString &status)
{
    if (!m_managed)
        return;
    const QByteArray message = "READY=1\nSTATUS=" + status.toUtf8();
    if (sd_notify(0, message.constData()) < 0)
        qCWarning(lcRoot) << "cannot tell systemd the terminal is ready (sd_notify)";
    ping(); // the first ping with the readiness, so the interval starts from here
}

void ServiceNotifier::notifyStopping()
{
    if (m_managed)
        sd_notify(0, "STOPPING=1");
}

void ServiceNotifier::ping()
{
    if (m_interval.count() > 0)
        sd_notify(0, "WATCHDOG=1");
}

} // namespace hk
