#include "db/migrations.h"

#include "db/database.h"
#include "db/logging.h"
#include "db/sql_values.h"

#include <QSqlError>
#include <QSqlQuery>

namespace hk {

const std::vector<Migration> &Migrations::sqlite()
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
        {6,
         "help requests",
         {
             // 帮办: pending until a clerk takes it, on every console of the hall.
             QStringLiteral(R"sql(
CREATE TABLE help_requests (
    id            TEXT PRIMARY KEY,
    terminal_id   TEXT NOT NULL,
    terminal_name TEXT NOT NULL,
    at            TEXT NOT NULL,
    taken_at      TEXT,
    taken_by      TEXT
))sql"),
             QStringLiteral("CREATE INDEX help_requests_pending ON help_requests (taken_at, at)"),
         }},
        {7,
         "offline tickets: merged into the hall",
         {
             // A hall terminal's offline tickets (series "A2-" …) stay here until they are merged
             // into the hall's database (db/hall/offline_merge.h); then this says when. Rows of a
             // terminal alone never have it: their series has no hyphen.
             QStringLiteral("ALTER TABLE tickets ADD COLUMN merged_at TEXT"),
             QStringLiteral("CREATE INDEX tickets_unmerged ON tickets (merged_at, issued_at)"),
         }},
        {8,
         "the waiting tickets of a group in queue order, for the people ahead",
         {
             // "前面还有 N 人" counts the waiting tickets of the group ahead of the new one: with these
             // the count reads only those index entries, never the ticket rows.
             QStringLiteral("CREATE INDEX tickets_waiting_by_group ON tickets (service_date, group_code, queue_key) WHERE state = 'waiting'"),
             QStringLiteral("CREATE INDEX tickets_waiting_booked_by_group ON tickets (service_date, group_code, priority_key) "
                            "WHERE state = 'waiting' AND kind = 'booked'"),
         }},
        {9,
         "emergency bookings; tickets finished by day close",
         {
             // B7: a booking staff flagged as an emergency (`"emergency": true` from the platform).
             QStringLiteral("ALTER TABLE bookings ADD COLUMN emergency INTEGER NOT NULL DEFAULT 0"),
             // DESIGN §3, Tickets: a ticket still at a window when its day closed, finished then.
             QStringLiteral("ALTER TABLE tickets ADD COLUMN closed_by_day_close INTEGER NOT NULL DEFAULT 0"),
         }},
        {10,
         "好差评: the matter's level; 差评 cases and their steps",
         {
             // Seed 004 §四: a rating may rate the matter handled beside the hall's service.
             QStringLiteral("ALTER TABLE ratings ADD COLUMN matter_level INTEGER CHECK (matter_level BETWEEN 1 AND 5)"),
             // DESIGN §13, "1、5、15": one case per 差评, opened with its rating. Dues are the last
             // day each step is on time; closed_at is set by the close step (the steps are the record).
             QStringLiteral(R"sql(
CREATE TABLE complaints (
    id          TEXT PRIMARY KEY,
    rating_id   TEXT NOT NULL UNIQUE REFERENCES ratings (id),
    ticket_id   TEXT NOT NULL REFERENCES tickets (id),
    opened_at   TEXT NOT NULL,
    rated_on    TEXT NOT NULL,
    due_contact TEXT NOT NULL,
    due_rectify TEXT NOT NULL,
    due_close   TEXT NOT NULL,
    closed_at   TEXT
))sql"),
             QStringLiteral("CREATE INDEX complaints_by_state ON complaints (closed_at, opened_at)"),
             QStringLiteral("CREATE INDEX complaints_by_day ON complaints (rated_on)"),
             // Each step once per case; never changed or removed.
             QStringLiteral(R"sql(
CREATE TABLE complaint_steps (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    step         TEXT NOT NULL CHECK (step IN ('contacted', 'rectified', 'closed')),
    at           TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    by_staff     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    outcome      TEXT CHECK (outcome IN ('on_the_spot', 'no_problem', 'resolved')),
    UNIQUE (complaint_id, step)
))sql"),
             QStringLiteral("CREATE TRIGGER complaint_steps_no_update BEFORE UPDATE ON complaint_steps "
                            "BEGIN SELECT RAISE(ABORT, 'complaint steps are append-only'); END"),
             QStringLiteral("CREATE TRIGGER complaint_steps_no_delete BEFORE DELETE ON complaint_steps "
                            "BEGIN SELECT RAISE(ABORT, 'complaint steps are append-only'); END"),
         }},
        {11,
         "the audit chain's format per row",
         {
             // DESIGN §16: fields length-prefixed in the hash (format 2). The rows written before
             // keep format 1 (newline-joined) and verify as they were hashed: history is never
             // rehashed. Only AuditChain writes rows, each with the current format; the default
             // is what the rows already there were, and what an older binary would still write.
             QStringLiteral("ALTER TABLE audit_log ADD COLUMN chain_format INTEGER NOT NULL DEFAULT 1 CHECK (chain_format >= 1)"),
         }},
        {12,
         "rating-scope tokens, the rate page's channel",
         {
             // DESIGN §16: a token of scope `rating` (the /rate tablet) rates and does nothing else.
             QStringLiteral("ALTER TABLE staff_sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'rating'))"),
             // A rating taken by the rate page carries the channel `rate_page`. SQLite cannot alter a
             // CHECK, and rebuilding the append-only table would fight its triggers and the
             // complaints' foreign key; widening the CHECK keeps every stored row valid, the case
             // sqlite.org/lang_altertable.html (§ "other kinds of schema changes") allows to edit
             // in sqlite_schema. RESET reloads the schema in this connection and bumps its cookie
             // for the others.
             QStringLiteral("PRAGMA writable_schema = ON"),
             QStringLiteral("UPDATE sqlite_schema SET sql = replace(sql, '''console'', ''ticket_qr'')', "
                            "'''console'', ''ticket_qr'', ''rate_page'')') WHERE type = 'table' AND name = 'ratings'"),
             QStringLiteral("PRAGMA writable_schema = RESET"),
         }},
    };
    return kMigrations;
}

int Migrations::latestVersion()
{
    return sqlite().back().version;
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
    // Every pending migration in one transaction: all or none, as one at a time gave each, and one
    // commit (one fsync of the journal, synchronous=FULL) instead of one per migration — a first
    // start made twelve (tests/bench/README.md, cold start).
    std::vector<const Migration *> applied;
    for (const Migration &m : sqlite()) {
        if (m.version <= current)
            continue;
        if (applied.empty() && !query.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return fail(storeError(QStringLiteral("migration %1").arg(m.version), query.lastError()));
        for (const QString &sql : m.statements) {
            if (!query.exec(sql)) {
                const StoreError error = storeError(QStringLiteral("migration %1 (%2)").arg(m.version).arg(QString::fromUtf8(m.name)),
                                                    query.lastError());
                query.exec(QStringLiteral("ROLLBACK"));
                return fail(error);
            }
        }
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version))) {
            const StoreError error = storeError(QStringLiteral("migration %1").arg(m.version), query.lastError());
            query.exec(QStringLiteral("ROLLBACK"));
            return fail(error);
        }
        applied.push_back(&m);
    }
    if (applied.empty())
        return Ok{};
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const StoreError error = storeError(QStringLiteral("migration %1").arg(applied.back()->version), query.lastError());
        query.exec(QStringLiteral("ROLLBACK"));
        return fail(error);
    }
    for (const Migration *m : applied)
        qCInfo(lcDb) << "applied migration" << m->version << m->name;
    return Ok{};
}

// ---- the hall's PostgreSQL ------------------------------------------------------------------

const std::vector<Migration> &Migrations::postgres()
{
    // The same tables and columns as the SQLite schema after its migration 6, so the stores' SQL
    // is shared; the types are PostgreSQL's: identity columns for the outbox and ratings order,
    // BYTEA for token digests, DOUBLE PRECISION for queue keys, BIGINT for Unix seconds, and
    // plpgsql triggers for the append-only tables. Instants stay UTC ISO text, as on SQLite.
    static const std::vector<Migration> kMigrations{
        {0,
         "the hall: every table",
         {
             QStringLiteral(R"sql(
CREATE TABLE schema_info (
    major  INTEGER NOT NULL,
    minor  INTEGER NOT NULL,
    center TEXT
))sql"),
             QStringLiteral("CREATE UNIQUE INDEX schema_info_one_row ON schema_info ((true))"),
             // Turns (db/transaction.h): empty tables locked so that writers of one kind queue
             // rather than abort each other. Issues lock number_turn; window_turn, once locked by
             // window operations, is locked by nothing now (they lock their window's row) and
             // stays because migrations only add.
             QStringLiteral("CREATE TABLE window_turn (unused INTEGER)"),
             QStringLiteral("CREATE TABLE number_turn (unused INTEGER)"),
             // The terminals of the hall and when each was last heard of.
             QStringLiteral("CREATE TABLE terminals (id TEXT PRIMARY KEY, name TEXT, last_seen TEXT)"),
             QStringLiteral(R"sql(
CREATE TABLE number_series (
    service_date TEXT NOT NULL,
    series       TEXT NOT NULL,
    last_seq     INTEGER NOT NULL CHECK (last_seq > 0),
    PRIMARY KEY (service_date, series)
))sql"),
             QStringLiteral(R"sql(
CREATE TABLE tickets (
    id               TEXT PRIMARY KEY,
    service_date     TEXT NOT NULL,
    series           TEXT NOT NULL,
    seq              INTEGER NOT NULL CHECK (seq > 0),
    number           TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('walkin', 'booked')),
    group_code       TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'waiting'
                     CHECK (state IN ('waiting', 'called', 'serving', 'served', 'passed', 'cancelled', 'expired')),
    issued_at        TEXT NOT NULL,
    terminal         TEXT NOT NULL,
    print_state      TEXT NOT NULL DEFAULT 'pending' CHECK (print_state IN ('pending', 'printed', 'print_failed')),
    reprints         INTEGER NOT NULL DEFAULT 0 CHECK (reprints >= 0),
    queue_key        DOUBLE PRECISION NOT NULL DEFAULT 0,
    priority_key     BIGINT,
    booking_id       TEXT,
    matter           TEXT,
    complexity       TEXT CHECK (complexity IN ('general', 'complex', 'special')),
    slot_start       TEXT,
    window_number    INTEGER,
    called_at        TEXT,
    started_at       TEXT,
    finished_at      TEXT,
    passed_at        TEXT,
    recalls          INTEGER NOT NULL DEFAULT 0,
    citizen_reprints INTEGER NOT NULL DEFAULT 0 CHECK (citizen_reprints >= 0),
    UNIQUE (service_date, series, seq)
))sql"),
             QStringLiteral("CREATE INDEX tickets_by_group_state ON tickets (service_date, group_code, state)"),
             QStringLiteral("CREATE INDEX tickets_by_arrival ON tickets (service_date, state, queue_key, seq)"),
             QStringLiteral("CREATE INDEX tickets_by_priority ON tickets (service_date, state, priority_key, seq)"),
             QStringLiteral("CREATE INDEX tickets_by_window_finish ON tickets (window_number, finished_at)"),
             QStringLiteral(R"sql(
CREATE TABLE outbox (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    at         TEXT NOT NULL,
    data       TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'parked')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
))sql"),
             QStringLiteral("CREATE INDEX outbox_by_state ON outbox (state, seq)"),
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
    version      BIGINT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked_in', 'served', 'no_show', 'forfeited')),
    matter       TEXT NOT NULL,
    group_code   TEXT NOT NULL DEFAULT '',
    slot_start   TEXT NOT NULL,
    slot_start_s BIGINT NOT NULL,
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
             QStringLiteral("CREATE TABLE service_days (service_date TEXT PRIMARY KEY, closed_at TEXT)"),
             // One trigger function refuses what the append-only tables must never see; its
             // argument is the message, the same as SQLite's RAISE(ABORT, …).
             QStringLiteral(R"sql(
CREATE FUNCTION hallkiosk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$$)sql"),
             QStringLiteral(R"sql(
CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY CHECK (seq > 0),
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
))sql"),
             QStringLiteral("CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log "
                            "FOR EACH ROW EXECUTE FUNCTION hallkiosk_refuse_change('audit_log is append-only')"),
             QStringLiteral("CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log "
                            "FOR EACH ROW EXECUTE FUNCTION hallkiosk_refuse_change('audit_log is append-only')"),
             QStringLiteral("CREATE TRIGGER audit_log_append_only_truncate BEFORE TRUNCATE ON audit_log "
                            "FOR EACH STATEMENT EXECUTE FUNCTION hallkiosk_refuse_change('audit_log is append-only')"),
             QStringLiteral("CREATE INDEX audit_log_by_subject ON audit_log (subject, seq)"),
             QStringLiteral(R"sql(
CREATE TABLE ratings (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
                            "FOR EACH ROW EXECUTE FUNCTION hallkiosk_refuse_change('ratings are append-only')"),
             QStringLiteral("CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings "
                            "FOR EACH ROW EXECUTE FUNCTION hallkiosk_refuse_change('ratings are append-only')"),
             QStringLiteral("CREATE TRIGGER ratings_no_truncate BEFORE TRUNCATE ON ratings "
                            "FOR EACH STATEMENT EXECUTE FUNCTION hallkiosk_refuse_change('ratings are append-only')"),
             QStringLiteral(R"sql(
CREATE TABLE staff_signin (
    staff_id     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until TEXT
))sql"),
             QStringLiteral(R"sql(
CREATE TABLE staff_sessions (
    token_digest  BYTEA PRIMARY KEY,
    staff_id      TEXT NOT NULL,
    window_number INTEGER NOT NULL,
    expires_at    TEXT NOT NULL
))sql"),
             QStringLiteral(R"sql(
CREATE TABLE hallbus_devices (
    address     INTEGER PRIMARY KEY CHECK (address BETWEEN 1 AND 247),
    last_acted  INTEGER NOT NULL DEFAULT 0 CHECK (last_acted BETWEEN 0 AND 255),
    rate_ticket TEXT
))sql"),
             QStringLiteral("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
             QStringLiteral(R"sql(
CREATE TABLE help_requests (
    id            TEXT PRIMARY KEY,
    terminal_id   TEXT NOT NULL,
    terminal_name TEXT NOT NULL,
    at            TEXT NOT NULL,
    taken_at      TEXT,
    taken_by      TEXT
))sql"),
             QStringLiteral("CREATE INDEX help_requests_pending ON help_requests (taken_at, at)"),
         }},
        {1,
         "the waiting tickets of a group in queue order, for the people ahead",
         {
             // As SQLite's migration 8: an index-only count of the people ahead of a new ticket.
             QStringLiteral("CREATE INDEX tickets_waiting_by_group ON tickets (service_date, group_code, queue_key) WHERE state = 'waiting'"),
             QStringLiteral("CREATE INDEX tickets_waiting_booked_by_group ON tickets (service_date, group_code, priority_key) "
                            "WHERE state = 'waiting' AND kind = 'booked'"),
         }},
        {2,
         "emergency bookings; tickets finished by day close",
         {
             // As SQLite's migration 9.
             QStringLiteral("ALTER TABLE bookings ADD COLUMN emergency INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE tickets ADD COLUMN closed_by_day_close INTEGER NOT NULL DEFAULT 0"),
         }},
        {3,
         "好差评: the matter's level; 差评 cases and their steps",
         {
             // As SQLite's migration 10.
             QStringLiteral("ALTER TABLE ratings ADD COLUMN matter_level INTEGER CHECK (matter_level BETWEEN 1 AND 5)"),
             QStringLiteral(R"sql(
CREATE TABLE complaints (
    id          TEXT PRIMARY KEY,
    rating_id   TEXT NOT NULL UNIQUE REFERENCES ratings (id),
    ticket_id   TEXT NOT NULL REFERENCES tickets (id),
    opened_at   TEXT NOT NULL,
    rated_on    TEXT NOT NULL,
    due_contact TEXT NOT NULL,
    due_rectify TEXT NOT NULL,
    due_close   TEXT NOT NULL,
    closed_at   TEXT
))sql"),
             QStringLiteral("CREATE INDEX complaints_by_state ON complaints (closed_at, opened_at)"),
             QStringLiteral("CREATE INDEX complaints_by_day ON complaints (rated_on)"),
             QStringLiteral(R"sql(
CREATE TABLE complaint_steps (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    step         TEXT NOT NULL CHECK (step IN ('contacted', 'rectified', 'closed')),
    at           TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    by_staff     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    outcome      TEXT CHECK (outcome IN ('on_the_spot', 'no_problem', 'resolved')),
    UNIQUE (complaint_id, step)
))sql"),
             QStringLiteral("CREATE TRIGGER complaint_steps_no_update BEFORE UPDATE ON complaint_steps "
                            "FOR EACH ROW EXECUTE FUNCTION hallkiosk_refuse_change('complaint steps are append-only')"),
             QStringLiteral("CREATE TRIGGER complaint_steps_no_delete BEFORE DELETE ON complaint_steps "
                            "FOR EACH ROW EXECUTE FUNCTION hallkiosk_refuse_change('complaint steps are append-only')"),
             QStringLiteral("CREATE TRIGGER complaint_steps_no_truncate BEFORE TRUNCATE ON complaint_steps "
                            "FOR EACH STATEMENT EXECUTE FUNCTION hallkiosk_refuse_change('complaint steps are append-only')"),
         }},
        {4,
         "the audit chain's format per row",
         {
             // As SQLite's migration 11. A constant default adds the column without rewriting the
             // table (and without firing the append-only triggers).
             QStringLiteral("ALTER TABLE audit_log ADD COLUMN chain_format INTEGER NOT NULL DEFAULT 1 CHECK (chain_format >= 1)"),
         }},
        {5,
         "rating-scope tokens, the rate page's channel",
         {
             QStringLiteral("ALTER TABLE staff_sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'rating'))"),
             QStringLiteral("ALTER TABLE ratings DROP CONSTRAINT ratings_channel_check"),
             QStringLiteral("ALTER TABLE ratings ADD CONSTRAINT ratings_channel_check "
                            "CHECK (channel IN ('evaluator', 'console', 'ticket_qr', 'rate_page'))"),
         }},
    };
    return kMigrations;
}

int Migrations::hallMinor()
{
    return postgres().back().version;
}

namespace {

Result<HallSchemaVersion, StoreError> migrateHall(QSqlDatabase &db, const QString &centerId)
{
    QSqlQuery q(db);
    const auto failed = [&q](const QString &what) { return fail(storeError(what, q.lastError())); };
    if (!q.exec(QStringLiteral("SELECT to_regclass('schema_info') IS NOT NULL")) || !q.next())
        return failed(QStringLiteral("read the hall schema"));
    const bool exists = q.value(0).toBool();
    const HallSchemaVersion mine = Migrations::hallVersion();
    HallSchemaVersion found{Migrations::kHallMajor, -1};
    QString center;
    if (exists) {
        if (!q.exec(QStringLiteral("SELECT major, minor, center FROM schema_info")))
            return failed(QStringLiteral("read the hall schema version"));
        if (!q.next())
            return fail(StoreError{StoreError::Kind::Corrupt, QStringLiteral("the hall database has no schema_info row")});
        found = {q.value(0).toInt(), q.value(1).toInt()};
        center = q.value(2).toString();
        q.finish();
        if (found.major > mine.major)
            return fail(StoreError{StoreError::Kind::Conflict,
                                   QStringLiteral("hall database schema %1 is newer than this hallkiosk (%2): "
                                                  "install the newer hallkiosk on this terminal")
                                       .arg(found.text(), mine.text())});
        if (found.major < mine.major)
            return fail(StoreError{StoreError::Kind::Conflict,
                                   QStringLiteral("hall database schema %1 is older than this hallkiosk (%2) upgrades by itself: "
                                                  "upgrade the hall database first")
                                       .arg(found.text(), mine.text())});
        if (!center.isEmpty() && center != centerId)
            return fail(StoreError{StoreError::Kind::Conflict,
                                   QStringLiteral("the hall database belongs to center %1; this terminal is of center %2")
                                       .arg(center, centerId)});
    }
    for (const Migration &m : Migrations::postgres()) {
        if (m.version <= found.minor)
            continue;
        const QString what = QStringLiteral("hall migration %1.%2 (%3)").arg(mine.major).arg(m.version).arg(QString::fromUtf8(m.name));
        // DDL is transactional on PostgreSQL: a migration and its version move together.
        if (!q.exec(QStringLiteral("BEGIN")))
            return failed(what);
        for (const QString &sql : m.statements) {
            if (!q.exec(sql)) {
                const StoreError error = storeError(what, q.lastError());
                q.exec(QStringLiteral("ROLLBACK"));
                return fail(error);
            }
        }
        const bool versioned = m.version == 0 ? sql::run(q, QStringLiteral("INSERT INTO schema_info (major, minor, center) VALUES (?, 0, ?)"),
                                                         {mine.major, centerId})
                                              : sql::run(q, QStringLiteral("UPDATE schema_info SET minor = ?"), {m.version});
        if (!versioned || !q.exec(QStringLiteral("COMMIT"))) {
            const StoreError error = storeError(what, q.lastError());
            q.exec(QStringLiteral("ROLLBACK"));
            return fail(error);
        }
        found.minor = m.version;
        center = centerId;
        qCInfo(lcDb).noquote() << "applied" << what;
    }
    // A database made by hand (or before centers were recorded) is claimed by its first terminal.
    if (center.isEmpty() && !sql::run(q, QStringLiteral("UPDATE schema_info SET center = ?"), {centerId}))
        return failed(QStringLiteral("record the hall's center"));
    return found;
}

} // namespace

Result<HallSchemaVersion, StoreError> Migrations::applyHall(QSqlDatabase &db, const QString &centerId)
{
    QSqlQuery q(db);
    // A terminal waits for another's migration, but not for ever: one that hangs holding the lock
    // (its session is still open) is reported rather than waited out.
    if (!q.exec(QStringLiteral("SET lock_timeout = '60s'")) ||
        !q.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kHallSchemaLock)))
        return fail(storeError(QStringLiteral("wait for the hall schema lock (another terminal migrating?)"), q.lastError()));
    q.exec(QStringLiteral("SET lock_timeout = 0"));
    auto result = migrateHall(db, centerId);
    if (!q.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kHallSchemaLock)) && result)
        return fail(storeError(QStringLiteral("release the hall schema lock"), q.lastError()));
    return result;
}

} // namespace hk
