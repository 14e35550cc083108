#include "db/database.h"

#include "db/hall/connection_watchdog.h"
#include "db/hall/pg_connection.h"
#include "db/logging.h"
#include "db/migrations.h"
#include "db/wal_checkpointer.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace hk {
namespace {

constexpr int kWalBackstopPages = 10000;
constexpr int kCheckpointIntervalMs = 1000;

QString nextConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("hallkiosk-%1").arg(++counter);
}

// Creates the file with mode 0600 before SQLite sees it (SQLite gives the -wal and -shm files the
// same mode), and tightens an existing file that is readable by others.
Result<void, StoreError> prepareFile(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(StoreError{StoreError::Kind::Unavailable, QStringLiteral("cannot create folder %1").arg(info.absolutePath())});
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(StoreError{StoreError::Kind::Unavailable,
                               QStringLiteral("cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)))});
    struct stat st{};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 0077) != 0) {
        qCWarning(lcDb).noquote() << path << "was readable by others; setting mode 0600";
        ::fchmod(fd, 0600);
    }
    ::close(fd);
    return Ok{};
}

bool exec(QSqlDatabase &db, const QString &sql, QString *value = nullptr)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return false;
    if (value && query.next())
        *value = query.value(0).toString();
    return true;
}

} // namespace

StoreError storeError(const QString &what, const QSqlError &error)
{
    return {StoreError::Kind::Unavailable, QStringLiteral("%1: %2").arg(what, sql::failureText(error))};
}

// What a Database on the hall's PostgreSQL keeps beside its connection: how to reach it again, the
// watchdog over its operations, and the watch sql::run reports its statements and failures to.
class Database::HallLink final : public sql::ConnectionWatch {
public:
    HallLink(Database &database, const HallConnection &connection, QString center)
        : m_database(database)
        , hall(connection)
        , centerId(std::move(center))
    {
    }

    // While reconnect() runs, its own statements (the migrations, the settings) go through.
    bool offline() const override { return m_database.m_offline && !connecting; }
    void statementStarted() override
    {
        if (m_depth++ == 0 && watchdog)
            m_guard.emplace(*watchdog, m_database.connection().driver());
    }
    void statementEnded() override
    {
        if (m_depth > 0 && --m_depth == 0)
            m_guard.reset();
    }
    void connectionLost(const QString &why) override { m_database.loseConnection(why); }

    Database &m_database;
    HallConnection hall;
    QString centerId;
    bool migrated = false;
    bool connectedBefore = false;
    bool connecting = false;
    std::unique_ptr<ConnectionWatchdog> watchdog;
    std::function<void(const QString &)> onLost;
    const QSqlDriver *driver = nullptr; // registered with sql::watchConnection

private:
    int m_depth = 0;
    std::optional<ConnectionWatchdog::Guard> m_guard;
};

Database::Database(Engine engine, QString path, QString connectionName)
    : m_engine(engine)
    , m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    m_checkpointer.reset(); // its connection closed before the main one
    if (m_link && m_link->driver)
        sql::watchConnection(m_link->driver, nullptr);
    m_link.reset(); // its watchdog's guard, if any, before the connection goes
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

const HallConnection *Database::hallConnection() const
{
    return m_link ? &m_link->hall : nullptr;
}

Result<std::unique_ptr<Database>, StoreError> Database::open(const QString &path)
{
    const bool inMemory = path == kInMemory;
    if (!inMemory) {
        if (auto prepared = prepareFile(path); !prepared)
            return fail(prepared.error());
    }
    const QString name = nextConnectionName();
    std::unique_ptr<Database> database(new Database(Engine::Sqlite, inMemory ? path : QFileInfo(path).absoluteFilePath(), name));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            return fail(storeError(QStringLiteral("open %1").arg(path), db.lastError()));
        QString mode;
        if (!inMemory && (!exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), &mode) || mode.toLower() != QLatin1String("wal")))
            return fail(StoreError{StoreError::Kind::Unavailable,
                                   QStringLiteral("%1: cannot switch to WAL (journal mode %2)").arg(path, mode)});
        // Every ticket and event write must survive power loss (DESIGN §5, §10).
        if (!exec(db, QStringLiteral("PRAGMA synchronous=FULL")) || !exec(db, QStringLiteral("PRAGMA foreign_keys=ON")))
            return fail(storeError(path, db.lastError()));
        // Reads of a month (the supervisors' reports) walk some 30 MB of tickets: mapped, they are
        // read from the page cache without a system call a page; a file shorter than this maps whole.
        exec(db, QStringLiteral("PRAGMA mmap_size=268435456"));
        QString check;
        if (!exec(db, QStringLiteral("PRAGMA quick_check"), &check))
            return fail(storeError(QStringLiteral("%1 is not a readable database").arg(path), db.lastError()));
        if (check != QLatin1String("ok"))
            return fail(StoreError{StoreError::Kind::Corrupt, QStringLiteral("%1 is damaged: %2").arg(path, check)});
        if (auto migrated = Migrations::apply(db); !migrated)
            return fail(migrated.error());
        if (!inMemory) {
            // The WAL is copied back into the file by a checkpointer of its own, off the writes'
            // path (wal_checkpointer.h); the writes' own autocheckpoint stays as a backstop, at
            // 10,000 pages (40 MiB) instead of SQLite's 1,000, for when it cannot keep up.
            exec(db, QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kWalBackstopPages));
            database->m_checkpointer = std::make_unique<WalCheckpointer>(database->path(), kCheckpointIntervalMs);
        }
    }
    qCInfo(lcDb).noquote() << "database" << database->path() << "schema" << database->schemaVersion();
    return database;
}

std::unique_ptr<Database> Database::hallDatabase(const HallConnection &hall, const QString &centerId, QString *error)
{
    const QString name = nextConnectionName();
    const QString where = QStringLiteral("%1@%2/%3").arg(hall.user, hall.hosts.join(QLatin1Char(',')), hall.database);
    std::unique_ptr<Database> database(new Database(Engine::Postgres, where, name));
    database->m_link = std::make_unique<HallLink>(*database, hall, centerId);
    database->m_offline = true;
    database->m_offlineReason = QStringLiteral("not connected yet");
    auto added = addHallConnection(hall, name); // the Database removes the connection on every way out
    if (!added) {
        database->m_offlineReason = added.error().detail;
        if (error)
            *error = added.error().detail;
        return database;
    }
    database->m_link->driver = added->driver();
    sql::watchConnection(database->m_link->driver, database->m_link.get());
    return database;
}

Result<std::unique_ptr<Database>, StoreError> Database::openHall(const HallConnection &hall, const QString &centerId)
{
    QString error;
    auto database = hallDatabase(hall, centerId, &error);
    if (!error.isEmpty())
        return fail(StoreError{StoreError::Kind::Unavailable, error});
    if (auto connected = database->reconnect(); !connected)
        return fail(connected.error());
    return database;
}

std::unique_ptr<Database> Database::openHallOffline(const HallConnection &hall, const QString &centerId, const QString &why)
{
    auto database = hallDatabase(hall, centerId, nullptr);
    if (database->m_link->driver)
        database->m_offlineReason = why;
    qCWarning(lcDb).noquote() << "hall database" << database->path() << "offline from the start:" << database->m_offlineReason;
    return database;
}

Result<void, StoreError> Database::reconnect()
{
    if (!m_link)
        return Ok{};
    if (!m_link->driver)
        return fail(StoreError{StoreError::Kind::Unavailable, m_offlineReason});
    QSqlDatabase db = connection();
    struct Connecting {
        HallLink &link;
        explicit Connecting(HallLink &l) : link(l) { link.connecting = true; }
        ~Connecting() { link.connecting = false; }
    } const connecting(*m_link);
    if (auto connected = connectHall(db, m_link->hall); !connected) {
        m_offlineReason = connected.error().detail;
        return connected;
    }
    if (!m_link->migrated) {
        // Not under the watchdog: a terminal may wait here for another's migration (at most 60 s).
        auto schema = Migrations::applyHall(db, m_link->centerId);
        if (!schema) {
            db.close();
            m_offlineReason = schema.error().detail;
            return fail(schema.error());
        }
        m_link->migrated = true;
        qCInfo(lcDb).noquote() << "hall database" << m_path << "schema" << schema->text() << "center" << m_link->centerId;
    }
    {
        // No terminal waits on another for long, and none holds locks for long: a session left in
        // a transaction (a terminal frozen or cut off mid-operation) is ended by the server. Under
        // a watchdog, a lock not had in time is its own error, before the watchdog takes the
        // connection for a dead one.
        const qint64 lockMs = m_link->watchdog ? std::clamp<qint64>(m_link->watchdog->deadline().count() * 2 / 3, 200, 5000) : 5000;
        operationStarted();
        QSqlQuery q(db);
        const bool set = q.exec(QStringLiteral("SET lock_timeout = %1").arg(lockMs)) &&
                         q.exec(QStringLiteral("SET idle_in_transaction_session_timeout = '15s'"));
        operationEnded();
        if (!set) {
            const StoreError error = storeError(QStringLiteral("hall session settings"), q.lastError());
            q.finish();
            db.close();
            m_offlineReason = error.detail;
            return fail(error);
        }
    }
    if (std::exchange(m_link->connectedBefore, true))
        qCInfo(lcDb).noquote() << "hall database" << m_path << "reconnected";
    m_offline = false;
    m_offlineReason.clear();
    return Ok{};
}

void Database::goOffline(const QString &why)
{
    if (!m_link)
        return;
    loseConnection(why);
    QSqlDatabase db = connection();
    if (db.isOpen())
        db.close();
}

void Database::loseConnection(const QString &why)
{
    if (!m_link || m_offline)
        return;
    m_offline = true;
    m_offlineReason = why;
    qCWarning(lcDb).noquote() << "hall database" << m_path << "offline:" << why;
    if (m_link->onLost)
        m_link->onLost(why);
}

QString Database::offlineMessage() const
{
    return QStringLiteral("the hall database is offline: %1").arg(m_offlineReason);
}

void Database::setWatchdog(std::chrono::milliseconds deadline)
{
    if (!m_link)
        return;
    m_link->watchdog = std::make_unique<ConnectionWatchdog>(deadline);
    QSqlDatabase db = connection();
    if (!m_offline && db.isOpen()) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SET lock_timeout = %1").arg(std::clamp<qint64>(deadline.count() * 2 / 3, 200, 5000)));
    }
}

int Database::watchdogFirings() const
{
    return m_link && m_link->watchdog ? m_link->watchdog->firings() : 0;
}

void Database::setConnectionLostHandler(std::function<void(const QString &)> handler)
{
    if (m_link)
        m_link->onLost = std::move(handler);
}

void Database::operationStarted()
{
    m_link->statementStarted();
}

void Database::operationEnded()
{
    m_link->statementEnded();
}

int Database::schemaVersion() const
{
    QSqlDatabase db = connection();
    QString version;
    if (m_engine == Engine::Postgres)
        exec(db, QStringLiteral("SELECT minor FROM schema_info"), &version);
    else
        exec(db, QStringLiteral("PRAGMA user_version"), &version);
    return version.toInt();
}

void Database::pauseBeforeRetry(int attempt)
{
    qCDebug(lcDb) << "another writer got there first; trying again, try" << attempt + 1;
    // Randomised so that two writers that collided do not collide again in step; growing a little
    // with each try, and never long: the kiosk's screen waits on it.
    thread_local std::minstd_rand random{std::random_device{}()};
    const int ceilingMs = std::min(2 + 3 * attempt, 40);
    std::uniform_int_distribution<int> pick(1, ceilingMs);
    QThread::msleep(unsigned(pick(random)));
}

void Database::noteGivenUp() const
{
    qCWarning(lcDb).noquote() << "gave up after" << kMaxTries << "tries: other writers got there first each time";
}

Result<void, StoreError> Database::checkIntegrity() const
{
    if (m_engine == Engine::Postgres)
        return Ok{};
    QSqlDatabase db = connection();
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
        return fail(storeError(QStringLiteral("integrity_check"), query.lastError()));
    if (!query.next())
        return fail(StoreError{StoreError::Kind::Corrupt, QStringLiteral("integrity_check returned nothing")});
    const QString first = query.value(0).toString();
    if (first != QLatin1String("ok"))
        return fail(StoreError{StoreError::Kind::Corrupt, first});
    return Ok{};
}

namespace {

// The names the hall's migrations give with `CREATE <what> name`, in order, each once.
QStringList hallSchemaNames(const QString &what)
{
    const QRegularExpression pattern(QStringLiteral("CREATE\\s+%1\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)").arg(what),
                                     QRegularExpression::CaseInsensitiveOption);
    QStringList names;
    for (const Migration &m : Migrations::postgres()) {
        for (const QString &statement : m.statements) {
            auto it = pattern.globalMatch(statement);
            while (it.hasNext()) {
                const QString name = it.next().captured(1).toLower();
                if (!names.contains(name))
                    names << name;
            }
        }
    }
    return names;
}

Result<IntegrityReport, StoreError> sqliteIntegrity(QSqlDatabase db)
{
    IntegrityReport report;
    QSqlQuery q(db);
    QString version;
    if (exec(db, QStringLiteral("PRAGMA user_version"), &version))
        report.checked << QStringLiteral("schema %1").arg(version);
    // Reports up to 100 problems by default; a database past that is beyond repair by hand anyway.
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return fail(storeError(QStringLiteral("integrity_check"), q.lastError()));
    report.checked << QStringLiteral("PRAGMA integrity_check");
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            report.problems << line;
    }
    q.finish();
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return fail(storeError(QStringLiteral("foreign_key_check"), q.lastError()));
    report.checked << QStringLiteral("PRAGMA foreign_key_check");
    while (q.next())
        report.problems << QStringLiteral("%1 row %2: its %3 row (foreign key %4) is missing")
                               .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString());
    return report;
}

Result<IntegrityReport, StoreError> hallIntegrity(QSqlDatabase db)
{
    IntegrityReport report;
    QSqlQuery q(db);
    const auto failed = [&q](const QString &what) { return fail(storeError(what, q.lastError())); };

    if (!sql::run(q, QStringLiteral("SELECT major, minor, center FROM schema_info")))
        return failed(QStringLiteral("read the hall schema version"));
    int rows = 0;
    while (q.next()) {
        ++rows;
        const HallSchemaVersion found{q.value(0).toInt(), q.value(1).toInt()};
        report.checked << QStringLiteral("schema %1 of center %2").arg(found.text(), q.value(2).toString());
        if (found.major != Migrations::kHallMajor)
            report.problems << QStringLiteral("schema_info: major version %1, this hallkiosk knows %2").arg(found.major).arg(Migrations::kHallMajor);
        else if (found.minor < Migrations::hallMinor())
            report.problems << QStringLiteral("schema_info: version %1 is older than this hallkiosk's %2").arg(found.text(), Migrations::hallVersion().text());
    }
    q.finish();
    if (rows != 1)
        report.problems << QStringLiteral("schema_info: %1 rows, must be one").arg(rows);

    // Every table, present and readable to the end (a count reads every row's visibility).
    for (const QString &table : hallSchemaNames(QStringLiteral("TABLE"))) {
        if (!sql::run(q, QStringLiteral("SELECT to_regclass(?) IS NOT NULL"), {table}) || !q.next())
            return failed(QStringLiteral("look up table %1").arg(table));
        const bool present = q.value(0).toBool();
        q.finish();
        if (!present) {
            report.problems << QStringLiteral("table %1 is missing").arg(table);
            continue;
        }
        if (!sql::run(q, QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !q.next()) {
            if (isConnectionError(q.lastError(), db)) // the check could not run: not a finding
                return failed(QStringLiteral("read table %1").arg(table));
            report.problems << QStringLiteral("table %1 cannot be read: %2").arg(table, q.lastError().text());
            continue;
        }
        report.checked << QStringLiteral("%1: %2 rows").arg(table, q.value(0).toString());
        q.finish();
    }

    // The guards of the append-only tables (audit_log, ratings, complaint_steps).
    const QStringList triggers = hallSchemaNames(QStringLiteral("TRIGGER"));
    QStringList present;
    if (!sql::run(q, QStringLiteral("SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                               "WHERE NOT t.tgisinternal AND c.relnamespace = to_regnamespace(current_schema())")))
        return failed(QStringLiteral("read the triggers"));
    while (q.next())
        present << q.value(0).toString();
    q.finish();
    for (const QString &trigger : triggers) {
        if (!present.contains(trigger))
            report.problems << QStringLiteral("trigger %1 is missing").arg(trigger);
    }
    report.checked << QStringLiteral("%1 triggers").arg(triggers.size());

    // An index a failed CREATE INDEX CONCURRENTLY (or a crash in a REINDEX) left unusable.
    if (!sql::run(q, QStringLiteral("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                               "WHERE NOT (i.indisvalid AND i.indisready) AND c.relnamespace = to_regnamespace(current_schema())")))
        return failed(QStringLiteral("read the indexes"));
    while (q.next())
        report.problems << QStringLiteral("index %1 is invalid (REINDEX it)").arg(q.value(0).toString());
    report.checked << QStringLiteral("indexes valid");
    return report;
}

} // namespace

Result<IntegrityReport, StoreError> Database::integrityReport()
{
    return retry([this]() -> Result<IntegrityReport, StoreError> {
        return m_engine == Engine::Postgres ? hallIntegrity(connection()) : sqliteIntegrity(connection());
    });
}

} // namespace hk
