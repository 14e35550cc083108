#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"
#include "db/sql_values.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <type_traits>

namespace hk {

struct HallConnection;

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
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Engine engine() const { return m_engine; }
    QSqlDatabase connection() const;
    // The SQLite file, or the hall database as user@hosts/database (never the password).
    QString path() const { return m_path; }
    // SQLite: PRAGMA user_version. PostgreSQL: the hall schema's minor version (of kHallMajor).
    int schemaVersion() const;
    // SQLite: PRAGMA integrity_check; the first problem it reports, if any. PostgreSQL keeps its
    // own pages: nothing to check from here.
    Result<void, StoreError> checkIntegrity() const;

    // Runs `fn` (returning a Result) and runs it again when it failed only because another writer
    // got there first — a serialization failure or deadlock on PostgreSQL, SQLITE_BUSY or LOCKED on
    // SQLite — after a short randomised pause, up to kMaxTries times in all. `fn` holds the whole
    // operation, its transaction included, so each try starts afresh. Nested in another retry (a
    // store operation made of others), `fn` runs once: the outermost retry runs the whole again.
    template <typename Fn>
    std::invoke_result_t<Fn &> retry(Fn &&fn)
    {
        if (sql::inRetry())
            return fn();
        struct Scope {
            Scope() { sql::enterRetry(); }
            ~Scope() { sql::leaveRetry(); }
        } const scope;
        for (int attempt = 1;; ++attempt) {
            sql::clearConflict();
            auto result = fn();
            if (result.ok() || !sql::takeConflict())
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
    Database(Engine engine, QString path, QString connectionName);
    static void pauseBeforeRetry(int attempt);
    void noteGivenUp() const;

    Engine m_engine;
    QString m_path;
    QString m_connectionName;
    qint64 m_retries = 0;
};

StoreError storeError(const QString &what, const class QSqlError &error);

} // namespace hk
