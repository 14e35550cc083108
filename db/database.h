#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"
#include "db/sql_values.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <type_traits>

namespace hk {

struct HallConnection;

// A technician's database check (DESIGN §12, the 数据 page): what was found wrong, and what was
// looked at to find it.
struct IntegrityReport {
    QStringList problems; // empty: sound
    QStringList checked;  // "schema 10", "PRAGMA integrity_check", "tickets: 120 rows", …
    bool ok() const { return problems.isEmpty(); }
    // "ok", or the problems, one a line.
    QString text() const { return ok() ? QStringLiteral("ok") : problems.join(QLatin1Char('\n')); }
};

// The error type of a Result: what Database::retry answers "offline" in.
template <typename R> struct ResultError;
template <typename T, typename E> struct ResultError<Result<T, E>> {
    using type = E;
};

class WalCheckpointer;

// The store's database, on one of two engines (DESIGN §5, §11):
// - SQLite, the terminal's own file: created mode 0600, WAL, synchronous=FULL, foreign keys on,
//   every numbered migration of Migrations::sqlite() applied before anything reads it;
// - PostgreSQL, the hall's database shared by its terminals (QPSQL): connected with the hall's
//   timeouts, its schema version and center checked and Migrations::postgres() applied under an
//   advisory lock by whichever terminal comes first.
// The stores' SQL is the same on both; where the engines differ the code asks engine().
class Database {
public:
    enum class Engine { Sqlite, Postgres };

    // `path` ":memory:" gives a private in-memory database with the same schema, for the day
    // simulator and benchmarks that measure the queue code rather than the disk.
    static Result<std::unique_ptr<Database>, StoreError> open(const QString &path);
    static inline const QString kInMemory = QStringLiteral(":memory:");
    // The hall's PostgreSQL, for a terminal of `centerId`. Refused (StoreError::Kind::Conflict)
    // when its schema is of a newer major version than this program's, or of another center.
    static Result<std::unique_ptr<Database>, StoreError> openHall(const HallConnection &hall, const QString &centerId);
    // The hall's PostgreSQL not reached (yet): its connection configured and not open, offline with
    // `why`, every operation failing at once until reconnect() works (which also migrates, the
    // first time). For a terminal of the hall that starts while the hall database is down.
    static std::unique_ptr<Database> openHallOffline(const HallConnection &hall, const QString &centerId, const QString &why);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Engine engine() const { return m_engine; }
    QSqlDatabase connection() const;
    // The SQLite file, or the hall database as user@hosts/database (never the password).
    QString path() const { return m_path; }
    // How to reach the hall's PostgreSQL (its hosts, user, password, timeouts): for a connection of
    // another thread's own to the same database (QSqlDatabase connections are per thread). Null on
    // SQLite, whose second connection opens path().
    const HallConnection *hallConnection() const;
    // SQLite: PRAGMA user_version. PostgreSQL: the hall schema's minor version (of kHallMajor).
    int schemaVersion() const;
    // SQLite: PRAGMA integrity_check; the first problem it reports, if any. PostgreSQL keeps its
    // own pages: nothing to check from here.
    Result<void, StoreError> checkIntegrity() const;
    // The full check a technician asks for, run on the connection's thread:
    // - SQLite: every problem `PRAGMA integrity_check` reports (pages, b-trees, indexes against
    //   their tables), and the rows `PRAGMA foreign_key_check` finds without their parent;
    // - PostgreSQL (which keeps its own pages, and whose page checks need a superuser): the
    //   `schema_info` row (one, of this program's major, not older than its minor), every table the
    //   hall's migrations create present and readable (its row count listed in `checked`), every
    //   trigger they create present (the append-only tables' guards), no index left invalid.
    // An error only when the check could not run (the hall offline, the connection lost).
    Result<IntegrityReport, StoreError> integrityReport();

    // ---- the hall's connection (PostgreSQL; a SQLite database is never offline) ----------------
    //
    // Offline: every operation through retry() fails at once with the offline error of its Result
    // (sql::offlineError: StoreError Unavailable, QueueError Offline, RatingError Store) without
    // touching the network. A statement that fails with a connection error (isConnectionError)
    // takes the database offline at once; reconnect() brings it back.
    bool offline() const { return m_offline; }
    QString offlineReason() const { return m_offlineReason; }
    // Opens the connection again (closing it first), migrating the schema if this Database never
    // did, and applies the session's settings. Bounded by connect_timeout. Online again on success.
    Result<void, StoreError> reconnect();
    // Offline now, for `why` (the connectivity monitor lost the database): the connection is closed,
    // so statements run outside retry() fail at once too. Call it from the event loop, never from
    // inside an operation.
    void goOffline(const QString &why);
    // Arms a ConnectionWatchdog of `deadline` around every operation (retry) and every statement run
    // outside one: past it the connection's socket is shut down, the call returns with a connection
    // error and the database is offline. The server's lock_timeout is set below the deadline, so
    // waiting for another terminal's lock is an error of its own rather than a lost connection.
    void setWatchdog(std::chrono::milliseconds deadline);
    int watchdogFirings() const;
    // Told, once per outage, when a statement found the connection lost (from inside the operation
    // that found it: a handler should only note it, or queue its work).
    void setConnectionLostHandler(std::function<void(const QString &why)> handler);

    // Runs `fn` (returning a Result) and runs it again when it failed only because another writer
    // got there first — a serialization failure or deadlock on PostgreSQL, SQLITE_BUSY or LOCKED on
    // SQLite — after a short randomised pause, up to kMaxTries times in all. `fn` holds the whole
    // operation, its transaction included, so each try starts afresh. Nested in another retry (a
    // store operation made of others), `fn` runs once: the outermost retry runs the whole again.
    // On the hall's database: offline, it fails at once; under a watchdog, the whole operation is
    // bounded by its deadline; a connection lost on the way answers the offline error.
    template <typename Fn>
    std::invoke_result_t<Fn &> retry(Fn &&fn)
    {
        using Error = typename ResultError<std::invoke_result_t<Fn &>>::type;
        if (m_offline)
            return fail(sql::offlineError<Error>(offlineMessage()));
        if (sql::inRetry())
            return fn();
        struct Scope {
            Database &db;
            explicit Scope(Database &d)
                : db(d)
            {
                sql::enterRetry();
                if (db.m_link)
                    db.operationStarted();
            }
            ~Scope()
            {
                if (db.m_link)
                    db.operationEnded();
                sql::leaveRetry();
            }
        } const scope(*this);
        for (int attempt = 1;; ++attempt) {
            sql::clearConflict();
            sql::clearConnectionLost();
            auto result = fn();
            if (result.ok())
                return result;
            if (QString why; sql::takeConnectionLost(&why) && m_link)
                loseConnection(why);
            if (m_offline)
                return fail(sql::offlineError<Error>(offlineMessage()));
            if (!sql::takeConflict())
                return result;
            if (attempt >= kMaxTries) {
                noteGivenUp();
                return result;
            }
            ++m_retries;
            pauseBeforeRetry(attempt);
        }
    }
    static constexpr int kMaxTries = 20;
    // Tries run again on this connection since it was opened (for benchmarks and logs).
    qint64 retries() const { return m_retries; }

private:
    class HallLink;

    Database(Engine engine, QString path, QString connectionName);
    static std::unique_ptr<Database> hallDatabase(const HallConnection &hall, const QString &centerId, QString *error);
    static void pauseBeforeRetry(int attempt);
    void noteGivenUp() const;
    QString offlineMessage() const;
    void operationStarted();
    void operationEnded();
    void loseConnection(const QString &why);

    Engine m_engine;
    QString m_path;
    QString m_connectionName;
    qint64 m_retries = 0;
    bool m_offline = false;
    QString m_offlineReason;
    std::unique_ptr<HallLink> m_link; // the hall's PostgreSQL only
    std::unique_ptr<WalCheckpointer> m_checkpointer; // a SQLite file only
};

StoreError storeError(const QString &what, const class QSqlError &error);

} // namespace hk
