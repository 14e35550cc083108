#include "db/wal_checkpointer.h"

#include "db/logging.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <chrono>

namespace hk {

WalCheckpointer::WalCheckpointer(QString path, int intervalMs)
    : m_path(std::move(path))
    , m_intervalMs(intervalMs)
    , m_thread([this] { run(); })
{
}

WalCheckpointer::~WalCheckpointer()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::run()
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("hallkiosk-checkpoint-%1").arg(++counter);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        QSqlQuery q(db);
        // The copy's fsync of the database file is what makes the WAL's frames safe to reuse.
        if (!db.open() || !q.exec(QStringLiteral("PRAGMA synchronous=FULL"))) {
            qCWarning(lcDb).noquote() << "WAL checkpoints stay with the writes:" << m_path << (db.isOpen() ? q.lastError() : db.lastError()).text();
        } else {
            std::unique_lock lock(m_mutex);
            while (!m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs), [this] { return m_stop; })) {
                lock.unlock();
                // Busy (another checkpoint, a writer restarting the WAL) is no failure: next time.
                if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")))
                    qCDebug(lcDb).noquote() << "WAL checkpoint:" << q.lastError().text();
                q.finish();
                lock.lock();
            }
        }
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace hk
