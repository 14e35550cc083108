#include "db/hall/connection_watchdog.h"

#include "db/logging.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <sys/socket.h>

namespace hk {

ConnectionWatchdog::ConnectionWatchdog(std::chrono::milliseconds deadline)
    : m_deadline(deadline)
    , m_thread([this] { run(); })
{
}

ConnectionWatchdog::~ConnectionWatchdog()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

int ConnectionWatchdog::socketOf(const QSqlDatabase &db)
{
    return socketOf(db.driver());
}

int ConnectionWatchdog::socketOf(const QSqlDriver *driver)
{
    if (!driver || !driver->isOpen())
        return -1;
    const QVariant handle = driver->handle();
    // QPSQL hands out its PGconn* under the name of the struct behind libpq's typedef.
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return -1;
    auto *connection = *static_cast<PGconn *const *>(handle.data());
    return connection ? PQsocket(connection) : -1;
}

int ConnectionWatchdog::firings() const
{
    std::lock_guard lock(m_mutex);
    return m_firings;
}

bool ConnectionWatchdog::arm(int socket)
{
    std::lock_guard lock(m_mutex);
    if (m_depth++ > 0)
        return true;
    m_socket = socket;
    m_due = std::chrono::steady_clock::now() + m_deadline;
    m_changed.notify_all();
    return true;
}

void ConnectionWatchdog::disarm()
{
    std::lock_guard lock(m_mutex);
    if (m_depth > 0 && --m_depth == 0) {
        m_socket = -1;
        m_changed.notify_all();
    }
}

void ConnectionWatchdog::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_socket < 0) {
            m_changed.wait(lock);
            continue;
        }
        if (m_changed.wait_until(lock, m_due) == std::cv_status::timeout && m_socket >= 0 &&
            std::chrono::steady_clock::now() >= m_due) {
            // The thread that armed us is still waiting for the server: end its wait.
            ::shutdown(m_socket, SHUT_RDWR);
            ++m_firings;
            qCWarning(lcDb).noquote() << QStringLiteral("the hall database did not answer within %1 ms; connection dropped")
                                             .arg(qint64(m_deadline.count()));
            m_socket = -1;
        }
    }
}

ConnectionWatchdog::Guard::Guard(ConnectionWatchdog &watchdog, const QSqlDatabase &db)
    : m_watchdog(watchdog)
{
    const int socket = socketOf(db);
    if (socket >= 0)
        m_armed = m_watchdog.arm(socket);
}

ConnectionWatchdog::Guard::Guard(ConnectionWatchdog &watchdog, const QSqlDriver *driver)
    : m_watchdog(watchdog)
{
    const int socket = socketOf(driver);
    if (socket >= 0)
        m_armed = m_watchdog.arm(socket);
}

ConnectionWatchdog::Guard::~Guard()
{
    if (m_armed)
        m_watchdog.disarm();
}

} // namespace hk
