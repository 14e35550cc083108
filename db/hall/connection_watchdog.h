#pragma once

#include <QSqlDatabase>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace hk {

// Bounds how long one database operation may hold the thread that runs it (DESIGN §11: the
// database never freezes the screen). libpq waits for a server's answer without a deadline of its
// own: a server that accepted the statement and then went silent — a pulled cable, a hung host —
// holds the kiosk's event loop until TCP gives up, minutes later. The watchdog's thread shuts the
// connection's socket down when an armed operation passes its deadline; the blocked call then
// returns at once with a lost-connection error, and the hall goes offline instead of the screen
// freezing. One watchdog serves one connection; arm and disarm from the thread that uses it.
class ConnectionWatchdog {
public:
    explicit ConnectionWatchdog(std::chrono::milliseconds deadline);
    ~ConnectionWatchdog();
    ConnectionWatchdog(const ConnectionWatchdog &) = delete;
    ConnectionWatchdog &operator=(const ConnectionWatchdog &) = delete;

    // While a Guard lives, the connection's socket is shut down if the guard outlives the deadline.
    // Guards nest: only the outermost one arms.
    class Guard {
    public:
        Guard(ConnectionWatchdog &watchdog, const QSqlDatabase &db);
        Guard(ConnectionWatchdog &watchdog, const QSqlDriver *driver);
        ~Guard();
        Guard(const Guard &) = delete;
        Guard &operator=(const Guard &) = delete;

    private:
        ConnectionWatchdog &m_watchdog;
        bool m_armed = false;
    };

    // How many times the deadline passed (the socket was shut down).
    int firings() const;
    std::chrono::milliseconds deadline() const { return m_deadline; }

    // The socket of a QPSQL connection, or -1 (not QPSQL, not open).
    static int socketOf(const QSqlDatabase &db);
    static int socketOf(const QSqlDriver *driver);

private:
    bool arm(int socket);
    void disarm();
    void run();

    const std::chrono::milliseconds m_deadline;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_socket = -1;
    int m_depth = 0;
    std::chrono::steady_clock::time_point m_due;
    int m_firings = 0;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace hk
