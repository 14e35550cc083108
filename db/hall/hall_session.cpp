#include "db/hall/hall_session.h"

#include "db/logging.h"

#include <chrono>

namespace hk {

namespace {

HallConnectivity::Settings monitorSettings(const HallSession::Settings &s)
{
    return {s.connection, s.terminalId, s.terminalName, s.probeIntervalMs, s.watchdogMs};
}

} // namespace

Result<std::unique_ptr<HallSession>, StoreError> HallSession::open(Settings settings)
{
    auto database = Database::openHall(settings.connection, settings.centerId);
    if (!database)
        return fail(database.error());
    return std::unique_ptr<HallSession>(new HallSession(std::move(settings), std::move(database).value()));
}

std::unique_ptr<HallSession> HallSession::openOffline(Settings settings, const QString &why)
{
    auto database = Database::openHallOffline(settings.connection, settings.centerId, why);
    std::unique_ptr<HallSession> session(new HallSession(std::move(settings), std::move(database)));
    session->m_toldOffline = true; // it starts so: online() says it, no signal needed
    return session;
}

HallSession::HallSession(Settings settings, std::unique_ptr<Database> database)
    : m_settings(std::move(settings))
    , m_database(std::move(database))
    , m_monitor(monitorSettings(m_settings))
{
    m_database->setWatchdog(std::chrono::milliseconds(m_settings.watchdogMs));
    m_database->setConnectionLostHandler([this](const QString &why) { onConnectionLost(why); });
    connect(&m_monitor, &HallConnectivity::changed, this, &HallSession::onReachabilityChanged);
    connect(&m_monitor, &HallConnectivity::probed, this, &HallSession::onProbed);
}

HallSession::~HallSession()
{
    m_database->setConnectionLostHandler({});
}

void HallSession::start()
{
    m_started = true;
    m_monitor.start();
}

void HallSession::onConnectionLost(const QString &why)
{
    // Called from inside the operation that found it: only note it, tell listeners from the loop.
    m_offlineSinceMs = HallConnectivity::steadyNowMs();
    QMetaObject::invokeMethod(
        this,
        [this, why] {
            if (m_toldOffline || online())
                return;
            m_toldOffline = true;
            Q_EMIT wentOffline(why);
        },
        Qt::QueuedConnection);
}

void HallSession::onReachabilityChanged(bool reachable, const QString &detail)
{
    if (reachable || !online())
        return;
    // The monitor lost the database before any operation did: offline now, so the next ticket
    // is an offline one rather than a wait for the watchdog.
    m_database->goOffline(detail);
}

void HallSession::onProbed(bool reachable, qint64 startedMs)
{
    // A probe begun before the outage proves nothing about now (it may have been answered just
    // before the cable went); reconnecting on it could block this thread for a connect timeout.
    if (reachable && !online() && startedMs >= m_offlineSinceMs)
        reconnect();
}

void HallSession::reconnect()
{
    const QString why = m_database->offlineReason();
    if (auto connected = m_database->reconnect(); !connected) {
        // The monitor reaches it and this connection does not: wait for the next probe.
        m_offlineSinceMs = HallConnectivity::steadyNowMs();
        if (connected.error().detail != m_lastReconnectError)
            qCWarning(lcDb).noquote() << "the hall database answers the monitor but not this terminal:" << connected.error().detail;
        m_lastReconnectError = connected.error().detail;
        return;
    }
    m_lastReconnectError.clear();
    if (!m_toldOffline)
        Q_EMIT wentOffline(why); // its queued notice has not run yet
    m_toldOffline = false;
    qCInfo(lcDb) << "the hall database is back";
    Q_EMIT cameBack();
}

} // namespace hk
