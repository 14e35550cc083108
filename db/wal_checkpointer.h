#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace hk {

// Copies the terminal's SQLite write-ahead log back into the database file on a thread and a
// connection of its own (`PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs`), so that the copy —
// some hundred pages written and the file fsynced — is not done by whichever write happens to
// cross the WAL's autocheckpoint size, as SQLite does by default: that made one issue in a
// hundred or so wait for it (the p99). A PASSIVE checkpoint takes no writer's lock: the
// terminal's writes go on beside it. It changes nothing of durability — every commit is still
// fsynced into the WAL before it returns (synchronous=FULL), and a WAL not yet copied back is
// replayed by the next open. If it cannot open its connection it logs why and stops; the main
// connection's own autocheckpoint (kept, at a larger size) then does the work as before.
class WalCheckpointer {
public:
    WalCheckpointer(QString path, int intervalMs);
    ~WalCheckpointer(); // stops the thread (a checkpoint under way finishes first)
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

private:
    void run();

    const QString m_path;
    const int m_intervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace hk
