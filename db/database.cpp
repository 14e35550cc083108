#include "db/database.h"

#include "db/hall/pg_connection.h"
#include "db/logging.h"
#include "db/migrations.h"

#include <QDir>
#include <QFileInfo>
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
    return {StoreError::Kind::Unavailable, QStringLiteral("%1: %2").arg(what, error.text())};
}

Database::Database(Engine engine, QString path, QString connectionName)
    : m_engine(engine)
    , m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
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
        QString check;
        if (!exec(db, QStringLiteral("PRAGMA quick_check"), &check))
            return fail(storeError(QStringLiteral("%1 is not a readable database").arg(path), db.lastError()));
        if (check != QLatin1String("ok"))
            return fail(StoreError{StoreError::Kind::Corrupt, QStringLiteral("%1 is damaged: %2").arg(path, check)});
        if (auto migrated = Migrations::apply(db); !migrated)
            return fail(migrated.error());
    }
    qCInfo(lcDb).noquote() << "database" << database->path() << "schema" << database->schemaVersion();
    return database;
}

Result<std::unique_ptr<Database>, StoreError> Database::openHall(const HallConnection &hall, const QString &centerId)
{
    const QString name = nextConnectionName();
    const QString where = QStringLiteral("%1@%2/%3").arg(hall.user, hall.hosts.join(QLatin1Char(',')), hall.database);
    std::optional<StoreError> unreachable;
    {
        auto opened = openHallConnection(hall, name); // its handle must be gone before the connection is removed
        if (!opened)
            unreachable = opened.error();
    }
    if (unreachable) {
        QSqlDatabase::removeDatabase(name);
        return fail(*unreachable);
    }
    // From here the Database owns the connection and removes it on every way out.
    std::unique_ptr<Database> database(new Database(Engine::Postgres, where, name));
    {
        QSqlDatabase db = database->connection();
        auto schema = Migrations::applyHall(db, centerId);
        if (!schema)
            return fail(schema.error()); // the handle goes before the Database removes the connection
        // No terminal waits on another for long, and none holds locks for long: a session left in
        // a transaction (a terminal frozen or cut off mid-operation) is ended by the server.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SET lock_timeout = '5s'")) ||
            !q.exec(QStringLiteral("SET idle_in_transaction_session_timeout = '15s'")))
            return fail(storeError(QStringLiteral("hall session settings"), q.lastError()));
        qCInfo(lcDb).noquote() << "hall database" << where << "schema" << schema->text() << "center" << centerId;
    }
    return database;
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

} // namespace hk
