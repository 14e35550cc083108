#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"
#include "db/database.h"
#include "db/hall/hall_connectivity.h"
#include "db/hall/pg_connection.h"

#include <QObject>
#include <QString>

#include <memory>

namespace hk {

// A hall terminal's hold on the hall's PostgreSQL (DESIGN §11): the main connection every hall
// store is built on (database()), whether it is reachable, and the way back when it was not.
//
// Online, every operation on database() is bounded by `watchdogMs` (a ConnectionWatchdog shuts the
// socket of an operation that passes it). Offline — an operation found the connection lost, or the
// connectivity monitor (its own connection on its own thread, a heartbeat every `probeIntervalMs`)
// found the database gone — every operation on database() fails at once with the offline error of
// its port, without touching the network; the terminal issues tickets in its offline series
// (HallQueueStore). When a probe begun after the outage reaches the database again, the main
// connection is reopened on the owning thread (bounded by connect_timeout) and cameBack() told, so
// listeners LISTEN again and merge the offline tickets.
class HallSession : public QObject {
    Q_OBJECT
public:
    struct Settings {
        HallConnection connection;
        QString centerId;
        QString terminalId;
        QString terminalName;
        int watchdogMs = 3000;
        int probeIntervalMs = 2000;
    };

    // Connects on the calling thread (bounded by connect_timeout) and migrates (Database::openHall):
    // an online session, or why not (the database unreachable, a schema of a newer major version,
    // another center's database …).
    static Result<std::unique_ptr<HallSession>, StoreError> open(Settings settings);
    // A session that starts offline for `why`: a terminal that belongs to the hall but cannot reach
    // it at start-up. database() is a Database whose connection is configured but not open, every
    // operation failing as offline; it connects (and migrates, if it must) when the monitor, once
    // started, first reaches the database.
    static std::unique_ptr<HallSession> openOffline(Settings settings, const QString &why);
    ~HallSession() override;

    Database &database() { return *m_database; }
    const Settings &settings() const { return m_settings; }
    bool online() const { return !m_database->offline(); }
    QString offlineReason() const { return m_database->offlineReason(); }
    // The connectivity monitor (its `terminals` heartbeat): started here, not before, so that a
    // session can be made and wired first.
    void start();
    bool started() const { return m_started; }
    // The hall's terminals and their last heartbeats, as the monitor last read them.
    QList<SeenTerminal> terminals() const { return m_monitor.terminals(); }

Q_SIGNALS:
    // Once per outage. Queued when an operation found the connection lost: never emitted from
    // inside a store call.
    void wentOffline(const QString &why);
    // The main connection has been reopened on the owning thread; online() is true again.
    void cameBack();

private:
    HallSession(Settings settings, std::unique_ptr<Database> database);
    void onConnectionLost(const QString &why);
    void onReachabilityChanged(bool reachable, const QString &detail);
    void onProbed(bool reachable, qint64 startedMs);
    void reconnect();

    Settings m_settings;
    std::unique_ptr<Database> m_database;
    HallConnectivity m_monitor;
    qint64 m_offlineSinceMs = 0; // steady ms: only a probe begun after it may bring the session back
    bool m_toldOffline = false;  // wentOffline emitted for the current outage
    bool m_started = false;
    QString m_lastReconnectError;
};

} // namespace hk
