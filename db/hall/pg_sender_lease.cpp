#include "db/hall/pg_sender_lease.h"

#include "db/logging.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace hk {

// Lives on the lease's thread, with the connection that holds the lock.
class PgSenderLease::Worker : public QObject {
public:
    Worker(HallConnection hall, QString connectionName)
        : m_hall(std::move(hall))
        , m_name(std::move(connectionName))
    {
    }

    struct Answer {
        bool holds = false;
        QString error;
    };

    Answer check()
    {
        if (!m_open) {
            if (auto opened = open(); !opened.isEmpty())
                return {false, opened};
        }
        // Held already (the session still has it), else try for it. CASE evaluates in order, so a
        // holder does not stack another lock on the one it has.
        const QString sql =
            QStringLiteral("SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                           "AND pid = pg_backend_pid() AND classid = %1 AND objid = %2 AND objsubid = 1) "
                           "THEN true ELSE pg_try_advisory_lock(%3) END")
                .arg(quint32(quint64(kLockKey) >> 32))
                .arg(quint32(quint64(kLockKey) & 0xffffffffu))
                .arg(kLockKey);
        QString why;
        {
            QSqlQuery q(QSqlDatabase::database(m_name, false));
            if (q.exec(sql) && q.next())
                return {q.value(0).toBool(), {}};
            why = q.lastError().text().trimmed();
        }
        // Whatever the cause, the session is no longer trusted: a new one next time. Closing it gives
        // up the lock if it was still held.
        close();
        return {false, why.isEmpty() ? QStringLiteral("no answer") : why};
    }

    void close()
    {
        if (!m_open)
            return;
        m_open = false;
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }

private:
    QString open()
    {
        QString why;
        {
            auto db = openHallConnection(m_hall, m_name);
            if (db) {
                QSqlQuery q(db.value());
                // The server's side of the keepalives: a holder whose host goes silent is dropped,
                // and its lock freed, within about 5 + 3 × 2 s instead of the kernel's two hours.
                for (const char *setting : {"SET tcp_keepalives_idle = 5", "SET tcp_keepalives_interval = 2",
                                            "SET tcp_keepalives_count = 3"}) {
                    if (!q.exec(QLatin1String(setting)))
                        qCWarning(lcDb).noquote() << "sender lease:" << setting << "refused:" << q.lastError().text();
                }
                m_open = true;
                return {};
            }
            why = db.error().detail;
        }
        QSqlDatabase::removeDatabase(m_name);
        return why;
    }

    HallConnection m_hall;
    QString m_name;
    bool m_open = false;
};

PgSenderLease::PgSenderLease(HallConnection hall, QString connectionName, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_worker(std::make_unique<Worker>(std::move(hall), std::move(connectionName)))
{
    m_thread.setObjectName(QStringLiteral("sender-lease"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

PgSenderLease::~PgSenderLease()
{
    // The connection is closed where it was opened (the server frees the lock at once), and the
    // worker comes home to be deleted here.
    QThread *home = thread();
    Worker *worker = m_worker.get();
    QMetaObject::invokeMethod(
        worker,
        [worker, home] {
            worker->close();
            worker->moveToThread(home);
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool PgSenderLease::tryHold()
{
    const QDateTime now = m_clock.now();
    // A clock set back (a correction) makes a check due rather than none for as long.
    const bool due = !m_checkedAt || now < *m_checkedAt || m_checkedAt->secsTo(now) >= kRecheckS;
    if (due && !m_checking) {
        m_checkedAt = now;
        m_checking = true;
        Worker *worker = m_worker.get();
        QMetaObject::invokeMethod(worker, [this, worker] {
            const Worker::Answer answer = worker->check();
            QMetaObject::invokeMethod(this, [this, answer] { onChecked(answer.holds, answer.error); }, Qt::QueuedConnection);
        });
    }
    return m_holds;
}

void PgSenderLease::onChecked(bool holds, const QString &error)
{
    m_checking = false;
    // The sync service says so in its log and health; here only what it cannot see.
    if (holds != m_holds)
        qCDebug(lcDb) << "sender lease" << (holds ? "held" : "not held");
    if (!error.isEmpty() && error != m_lastError)
        qCWarning(lcDb).noquote() << "sender lease: cannot ask the hall database:" << error;
    m_holds = holds;
    m_lastError = error;
    Q_EMIT checked(holds);
}

} // namespace hk
