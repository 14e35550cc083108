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
        {2,
         "windows, bookings, service days; a ticket's times, place and booking",
         {
             // queue_key: place in arrival order, Unix seconds of issue (a re-queue moves it).
             // priority_key: Unix seconds from which a booked ticket has priority (C4).
             QStringLiteral("ALTER TABLE tickets ADD COLUMN queue_key REAL NOT NULL DEFAULT 0"),
             QStringLiteral("UPDATE tickets SET queue_key = CAST(strftime('%s', issued_at) AS REAL)"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN priority_key INTEGER"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN booking_id TEXT"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN matter TEXT"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN complexity TEXT CHECK (complexity IN ('general', 'complex', 'special'))"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN slot_start TEXT"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN window_number INTEGER"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN called_at TEXT"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN started_at TEXT"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN finished_at TEXT"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN passed_at TEXT"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN recalls INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("CREATE INDEX tickets_by_arrival ON tickets (service_date, state, queue_key, seq)"),
             QStringLiteral("CREATE INDEX tickets_by_priority ON tickets (service_date, state, priority_key, seq)"),
             QStringLiteral(R"sql(
CREATE TABLE windows (
    number         INTEGER PRIMARY KEY,
    mode           TEXT NOT NULL DEFAULT 'normal' CHECK (mode IN ('normal', 'booking', 'paused')),
    pending_mode   TEXT CHECK (pending_mode IN ('normal', 'booking', 'paused')),
    resume_mode    TEXT CHECK (resume_mode IN ('normal', 'booking')),
    current_ticket TEXT REFERENCES tickets (id),
    booked_streak  INTEGER NOT NULL DEFAULT 0
))sql"),
             QStringLiteral(R"sql(
CREATE TABLE bookings (
    id           TEXT PRIMARY KEY,
    version      INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked_in', 'served', 'no_show', 'forfeited')),
    matter       TEXT NOT NULL,
    group_code   TEXT NOT NULL DEFAULT '',
    slot_start   TEXT NOT NULL,
    slot_start_s INTEGER NOT NULL,
    slot_end     TEXT,
    service_date TEXT NOT NULL,
    channel      TEXT NOT NULL DEFAULT '',
    name_masked  TEXT NOT NULL DEFAULT '',
    id_digest    TEXT NOT NULL DEFAULT '',
    id_masked    TEXT NOT NULL DEFAULT '',
    phone_masked TEXT NOT NULL DEFAULT '',
    ticket_id    TEXT REFERENCES tickets (id)
))sql"),
             QStringLiteral("CREATE INDEX bookings_by_digest ON bookings (id_digest, service_date)"),
             QStringLiteral("CREATE INDEX bookings_by_status ON bookings (status, slot_start_s)"),
             // A day is open from its first ticket or booking until it is closed (DESIGN §3).
             QStringLiteral("CREATE TABLE service_days (service_date TEXT PRIMARY KEY, closed_at TEXT) WITHOUT ROWID"),
             QStringLiteral("INSERT OR IGNORE INTO service_days (service_date) SELECT DISTINCT service_date FROM tickets"),
         }},
        {3,
         "audit log with a hash chain; a ticket's reprints by the citizen",
         {
             // DESIGN §5: maintenance and staff actions, append-only. `hash` is hex SHA-256 over
             // prev_hash and the row's fields (db/audit_chain.cpp); seq runs 1, 2, 3 … without gaps.
             QStringLiteral(R"sql(
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY CHECK (seq > 0),
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
))sql"),
             QStringLiteral(R"sql(
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END)sql"),
             QStringLiteral(R"sql(
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END)sql"),
             QStringLiteral("CREATE INDEX audit_log_by_subject ON audit_log (subject, seq)"),
             // The citizen may reprint a failed ticket once at the terminal; staff any time.
             QStringLiteral("ALTER TABLE tickets ADD COLUMN citizen_reprints INTEGER NOT NULL DEFAULT 0 CHECK (citizen_reprints >= 0)"),
         }},
        {4,
         "ratings, staff sign-in state, hallbus device numbers",
         {
             // 好差评: one rating per ticket, never changed or removed (seed 004; DESIGN §3).
             QStringLiteral(R"sql(
CREATE TABLE ratings (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    ticket_id     TEXT NOT NULL UNIQUE REFERENCES tickets (id),
    window_number INTEGER NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    reason        TEXT NOT NULL DEFAULT '',
    follow_up     INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
    channel       TEXT NOT NULL CHECK (channel IN ('evaluator', 'console', 'ticket_qr')),
    at            TEXT NOT NULL
))sql"),
             QStringLiteral("CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings "
                            "BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END"),
             QStringLiteral("CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings "
                            "BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END"),
             QStringLiteral("CREATE INDEX tickets_by_window_finish ON tickets (window_number, finished_at)"),
             // Wrong PINs in a row and the lock they earned: a restart must not reset them (§7).
             QStringLiteral(R"sql(
CREATE TABLE staff_signin (
    staff_id     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until TEXT
) WITHOUT ROWID)sql"),
             // Only a digest of each token: a copy of the file signs nobody in.
             QStringLiteral(R"sql(
CREATE TABLE staff_sessions (
    token_digest  BLOB PRIMARY KEY,
    staff_id      TEXT NOT NULL,
    window_number INTEGER NOT NULL,
    expires_at    TEXT NOT NULL
) WITHOUT ROWID)sql"),
             // Per bus address: the last event number acted on, and the ticket of the last RATE.
             QStringLiteral(R"sql(
CREATE TABLE hallbus_devices (
    address     INTEGER PRIMARY KEY CHECK (address BETWEEN 1 AND 247),
    last_acted  INTEGER NOT NULL DEFAULT 0 CHECK (last_acted BETWEEN 0 AND 255),
    rate_ticket TEXT
))sql"),
         }},
        {5,
         "platform sync: booking cursor, pulled catalog; the outbox by state",
         {
             // Small named values the sync keeps between runs: the booking pull's cursor, the
             // catalog the platform last sent (its version and JSON).
             QStringLiteral("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"),
             // The sender reads pending events oldest first however many are parked.
             QStringLiteral("CREATE INDEX outbox_by_state ON outbox (state, seq)"),
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
