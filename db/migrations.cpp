#include "db/migrations.h"

#include "db/database.h"
#include "db/logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace hk {

const std::vector<Migration> &Migrations::all()
{
    static const std::vector<Migration> kMigrations{
        {1,
         "tickets, number series, outbox",
         {
             // The last number taken per (day, series): numbers are never reused within a day,
             // even if a ticket row were ever removed.
             QStringLiteral(R"sql(
CREATE TABLE number_series (
    service_date TEXT NOT NULL,
    series       TEXT NOT NULL,
    last_seq     INTEGER NOT NULL CHECK (last_seq > 0),
    PRIMARY KEY (service_date, series)
) WITHOUT ROWID)sql"),
             QStringLiteral(R"sql(
CREATE TABLE tickets (
    id           TEXT PRIMARY KEY,
    service_date TEXT NOT NULL,
    series       TEXT NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    number       TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('walkin', 'booked')),
    group_code   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'waiting'
                 CHECK (state IN ('waiting', 'called', 'serving', 'served', 'passed', 'cancelled', 'expired')),
    issued_at    TEXT NOT NULL,
    terminal     TEXT NOT NULL,
    print_state  TEXT NOT NULL DEFAULT 'pending' CHECK (print_state IN ('pending', 'printed', 'print_failed')),
    reprints     INTEGER NOT NULL DEFAULT 0 CHECK (reprints >= 0),
    UNIQUE (service_date, series, seq)
))sql"),
             QStringLiteral("CREATE INDEX tickets_by_group_state ON tickets (service_date, group_code, state)"),
             QStringLiteral(R"sql(
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    at         TEXT NOT NULL,
    data       TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'parked')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
))sql"),
         }},
    };
    return kMigrations;
}

int Migrations::latestVersion()
{
    return all().back().version;
}

Result<void, StoreError> Migrations::apply(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(storeError(QStringLiteral("read schema version"), query.lastError()));
    const int current = query.value(0).toInt();
    query.finish();
    if (current > latestVersion())
        return fail(StoreError{StoreError::Kind::Conflict,
                               QStringLiteral("database schema %1 is newer than this program knows (%2); "
                                              "install the newer hallkiosk or restore a backup")
                                   .arg(current)
                                   .arg(latestVersion())});
    for (const Migration &m : all()) {
        if (m.version <= current)
            continue;
        if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return fail(storeError(QStringLiteral("migration %1").arg(m.version), query.lastError()));
        for (const QString &sql : m.statements) {
            if (!query.exec(sql)) {
                const StoreError error = storeError(QStringLiteral("migration %1 (%2)").arg(m.version).arg(QString::fromUtf8(m.name)),
                                                    query.lastError());
                query.exec(QStringLiteral("ROLLBACK"));
                return fail(error);
            }
        }
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version)) ||
            !query.exec(QStringLiteral("COMMIT"))) {
            const StoreError error = storeError(QStringLiteral("migration %1").arg(m.version), query.lastError());
            query.exec(QStringLiteral("ROLLBACK"));
            return fail(error);
        }
        qCInfo(lcDb) << "applied migration" << m.version << m.name;
    }
    return Ok{};
}

} // namespace hk
