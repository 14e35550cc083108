#pragma once

#include "db/hall/pg_connection.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>

namespace hk {

// Watches the hall database from a thread of its own (DESIGN §11), so that finding it gone, or
// back, never costs the kiosk's event loop a connect timeout: every `intervalMs` it connects if it
// must and records this terminal's heartbeat in `terminals` (id, name, last_seen: the server's
// time), each try bounded by the connection's timeouts and a watchdog. `changed` reports each turn
// between reachable and not, queued to the thread that owns this object.
struct SeenTerminal {
    QString id;
    QDateTime lastSeen; // the database server's time of its last heartbeat
};

class HallConnectivity : public QObject {
    Q_OBJECT
public:
    struct Settings {
        HallConnection connection;
        QString terminalId;
        QString terminalName;
        int intervalMs = 2000;
        int deadlineMs = 3000;
    };

    explicit HallConnectivity(Settings settings, QObject *parent = nullptr);
    ~HallConnectivity() override;

    void start();
    // The last answer of the worker: reachable when its last heartbeat was written.
    bool online() const { return m_online.load(); }
    QString detail() const;
    // The hall's terminals and their last heartbeats, as the last reachable turn read them.
    QList<SeenTerminal> terminals() const { return m_terminals; }

    // The steady clock (std::chrono::steady_clock, in ms) the probes' start times are given in.
    static qint64 steadyNowMs();

Q_SIGNALS:
    void changed(bool online, const QString &detail);
    // After every probe, not only the turns: whether it reached the database, and when it started
    // (steadyNowMs), so that a listener can tell a probe begun after some moment of its own.
    void probed(bool online, qint64 startedMs);

private:
    void onProbed(bool online, const QString &detail, qint64 startedMs, const QList<SeenTerminal> &terminals);

    Settings m_settings;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread
    std::atomic<bool> m_online{false};
    QString m_detail;
    QList<SeenTerminal> m_terminals;
    bool m_reported = false;
};

} // namespace hk
