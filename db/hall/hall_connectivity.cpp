#include "db/hall/hall_connectivity.h"

#include "db/hall/connection_watchdog.h"
#include "db/logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <chrono>
#include <memory>

namespace hk {
namespace {

// The worker: one connection of its own on the monitor's thread.
class Probe : public QObject {
    Q_OBJECT
public:
    explicit Probe(HallConnectivity::Settings settings)
        : m_settings(std::move(settings))
        , m_watchdog(std::chrono::milliseconds(m_settings.deadlineMs))
        , m_name(QStringLiteral("hallkiosk-connectivity-%1").arg(quintptr(this)))
    {
        m_timer.setInterval(m_settings.intervalMs);
        connect(&m_timer, &QTimer::timeout, this, &Probe::probe);
    }

    ~Probe() override { close(); }

    void start()
    {
        m_timer.start();
        probe();
    }

Q_SIGNALS:
    void probed(bool online, const QString &detail, qint64 startedMs, const QList<hk::SeenTerminal> &terminals);

private:
    void close()
    {
        if (!m_open)
            return;
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
        m_open = false;
    }

    void probe()
    {
        const qint64 started = HallConnectivity::steadyNowMs();
        if (!m_open) {
            auto db = openHallConnection(m_settings.connection, m_name);
            if (!db) {
                QSqlDatabase::removeDatabase(m_name);
                Q_EMIT probed(false, db.error().detail, started, {});
                return;
            }
            m_open = true;
        }
        bool ok = false;
        QString why;
        QList<SeenTerminal> seen;
        {
            // The handle goes before close() removes the connection.
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            ConnectionWatchdog::Guard guard(m_watchdog, db);
            QSqlQuery q(db);
            ok = q.prepare(QStringLiteral(
                     "INSERT INTO terminals (id, name, last_seen) "
                     "VALUES (?, ?, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')) "
                     "ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_seen = excluded.last_seen")) &&
                 (q.addBindValue(m_settings.terminalId), q.addBindValue(m_settings.terminalName), q.exec());
            if (ok)
                ok = q.exec(QStringLiteral("SELECT id, last_seen FROM terminals ORDER BY id"));
            while (ok && q.next())
                seen.append(SeenTerminal{q.value(0).toString(), QDateTime::fromString(q.value(1).toString(), Qt::ISODate)});
            if (!ok)
                why = q.lastError().text().trimmed();
        }
        if (!ok) {
            // Whatever it was, the next turn starts from a fresh connection.
            close();
            Q_EMIT probed(false, QStringLiteral("the hall database does not answer: %1").arg(why), started, {});
            return;
        }
        Q_EMIT probed(true, QString(), started, seen);
    }

    HallConnectivity::Settings m_settings;
    ConnectionWatchdog m_watchdog;
    QString m_name;
    QTimer m_timer{this}; // a child, so it moves to the monitor's thread with its parent
    bool m_open = false;
};

} // namespace

HallConnectivity::HallConnectivity(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    m_thread.setObjectName(QStringLiteral("hall connectivity"));
}

HallConnectivity::~HallConnectivity()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

void HallConnectivity::start()
{
    if (m_thread.isRunning())
        return;
    auto *probe = new Probe(m_settings);
    probe->moveToThread(&m_thread);
    m_worker = probe;
    connect(probe, &Probe::probed, this, &HallConnectivity::onProbed, Qt::QueuedConnection);
    m_thread.start();
    QMetaObject::invokeMethod(probe, &Probe::start, Qt::QueuedConnection);
}

QString HallConnectivity::detail() const
{
    return m_detail;
}

qint64 HallConnectivity::steadyNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void HallConnectivity::onProbed(bool online, const QString &detail, qint64 startedMs, const QList<SeenTerminal> &terminals)
{
    m_detail = detail;
    if (online)
        m_terminals = terminals;
    const bool was = m_online.exchange(online);
    Q_EMIT probed(online, startedMs);
    if (m_reported && was == online)
        return;
    m_reported = true;
    if (online)
        qCInfo(lcDb) << "the hall database is reachable";
    else
        qCWarning(lcDb).noquote() << detail;
    Q_EMIT changed(online, detail);
}

} // namespace hk

#include "hall_connectivity.moc"
