#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace hk {

// The terminal's word to systemd (DESIGN §15), through libsystemd's sd_notify on $NOTIFY_SOCKET:
// `READY=1` once the terminal is ready (Type=notify), and `WATCHDOG=1` from the event loop at half
// the interval systemd asks for (sd_watchdog_enabled: $WATCHDOG_USEC, and $WATCHDOG_PID if set), so
// a loop that hangs stops the pings and systemd's watchdog kills and restarts the service. Without
// $NOTIFY_SOCKET (a terminal started by hand, the demo) every call does nothing.
// Pings come from a QTimer on the thread that owns this object: the GUI thread's event loop.
class ServiceNotifier : public QObject {
    Q_OBJECT
public:
    explicit ServiceNotifier(QObject *parent = nullptr);
    // The watchdog interval systemd set (zero: none), and whether a manager listens at all.
    std::chrono::microseconds watchdogInterval() const { return m_interval; }
    bool managed() const { return m_managed; }
    void notifyReady(const QString &status);
    void notifyStopping();

private:
    void ping();

    std::chrono::microseconds m_interval{0};
    bool m_managed = false;
    QTimer m_timer;
};

} // namespace hk
