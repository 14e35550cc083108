#include "platform/sim/sim_store.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>

namespace hk {
namespace {

const QStringList kSchema{
    QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"),
    QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS bookings (
    id           TEXT PRIMARY KEY,
    version      INTEGER NOT NULL,
    status       TEXT NOT NULL,
    matter       TEXT NOT NULL,
    group_code   TEXT NOT NULL,
    slot_start   TEXT NOT NULL,
    slot_start_s INTEGER NOT NULL,
    slot_end     TEXT NOT NULL,
    service_date TEXT NOT NULL,
    channel      TEXT NOT NULL,
    name_masked  TEXT NOT NULL,
    id_digest    TEXT NOT NULL,
    id_masked    TEXT NOT NULL,
    phone_masked TEXT NOT NULL,
    change_seq   INTEGER NOT NULL UNIQUE
))sql"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS bookings_by_digest ON bookings (id_digest)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS bookings_by_slot ON bookings (group_code, slot_start_s, status)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS bookings_by_day ON bookings (service_date)"),
    QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    at          TEXT NOT NULL,
    terminal    TEXT NOT NULL,
    data        TEXT NOT NULL,
    received_at TEXT NOT NULL
))sql"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS ticket_bookings (ticket TEXT PRIMARY KEY, booking_id TEXT NOT NULL) WITHOUT ROWID"),
    // DESIGN §6: a booking request's request_id and the booking it made, so a repeat books nothing.
    QStringLiteral("CREATE TABLE IF NOT EXISTS booking_requests (request_id TEXT PRIMARY KEY, booking_id TEXT NOT NULL) WITHOUT ROWID"),
};

const QString kBookingColumns = QStringLiteral(
    "id, version, status, matter, group_code, slot_start, slot_end, channel, name_masked, id_digest, id_masked, phone_masked");

bool run(QSqlQuery &q, const QString &sql, const QVariantList &values = {})
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
    return q.exec();
}

QString errorOf(const QString &what, const QSqlQuery &q)
{
    return QStringLiteral("%1: %2").arg(what, q.lastError().text());
}

BookingRecord bookingFrom(const QSqlQuery &q)
{
    BookingRecord b;
    b.id = q.value(0).toString();
    b.version = q.value(1).toLongLong();
    b.status = bookingStateFromString(q.value(2).toString().toStdString()).value_or(BookingState::Booked);
    b.matterCode = q.value(3).toString();
    b.groupCode = q.value(4).toString();
    b.slotStart = QDateTime::fromString(q.value(5).toString(), Qt::ISODate);
    b.slotEnd = QDateTime::fromString(q.value(6).toString(), Qt::ISODate);
    b.channel = q.value(7).toString();
    b.nameMasked = q.value(8).toString();
    b.idDigest = q.value(9).toString();
    b.idMasked = q.value(10).toString();
    b.phoneMasked = q.value(11).toString();
    return b;
}

QString statusText(BookingState state)
{
    const std::string_view name = nameOf(state);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

} // namespace

SimStore::SimStore(QString connectionName)
    : m_connection(std::move(connectionName))
{
}

SimStore::~SimStore()
{
    {
        QSqlDatabase d = db();
        if (d.isOpen())
            d.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase SimStore::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

Result<std::unique_ptr<SimStore>, QString> SimStore::open(const QString &path)
{
    static std::atomic<int> counter{0};
    std::unique_ptr<SimStore> store(new SimStore(QStringLiteral("platform-sim-%1").arg(++counter)));
    QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store->m_connection);
    d.setDatabaseName(path);
    d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!d.open())
        return fail(QStringLiteral("cannot open %1: %2").arg(path, d.lastError().text()));
    QSqlQuery q(d);
    // The platform answers only after its commit is on disk: an event it said it took is kept,
    // even if the platform is killed the next instant.
    for (const QString &pragma : {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL")}) {
        if (!q.exec(pragma))
            return fail(errorOf(pragma, q));
    }
    for (const QString &sql : kSchema) {
        if (!q.exec(sql))
            return fail(errorOf(QStringLiteral("schema"), q));
    }
    return store;
}

Result<void, QString> SimStore::begin()
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(errorOf(QStringLiteral("begin"), q));
    return Ok{};
}

Result<void, QString> SimStore::commit()
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(errorOf(QStringLiteral("commit"), q));
    return Ok{};
}

void SimStore::rollback()
{
    QSqlQuery q(db());
    q.exec(QStringLiteral("ROLLBACK"));
}

std::optional<QString> SimStore::meta(const QString &key)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key}) || !q.next())
        return std::nullopt;
    return q.value(0).toString();
}

Result<void, QString> SimStore::setMeta(const QString &key, const QString &value)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
             {key, value}))
        return fail(errorOf(QStringLiteral("meta"), q));
    return Ok{};
}

qint64 SimStore::counter(const QString &key)
{
    return meta(key).value_or(QStringLiteral("0")).toLongLong();
}

Result<void, QString> SimStore::addToCounter(const QString &key, qint64 amount)
{
    if (amount == 0)
        return Ok{};
    return setMeta(key, QString::number(counter(key) + amount));
}

qint64 SimStore::nextChangeSeq()
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(change_seq), 0) + 1 FROM bookings")) || !q.next())
        return 1;
    return q.value(0).toLongLong();
}

Result<void, QString> SimStore::insertBooking(const BookingRecord &b)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("INSERT INTO bookings (id, version, status, matter, group_code, slot_start, slot_start_s, slot_end, "
                               "service_date, channel, name_masked, id_digest, id_masked, phone_masked, change_seq) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             {b.id, b.version > 0 ? b.version : 1, statusText(b.status), b.matterCode, b.groupCode, b.slotStart.toString(Qt::ISODate),
              b.slotStart.toSecsSinceEpoch(), b.slotEnd.toString(Qt::ISODate), b.slotStart.date().toString(Qt::ISODate), b.channel,
              b.nameMasked, b.idDigest, b.idMasked, b.phoneMasked, nextChangeSeq()}))
        return fail(errorOf(QStringLiteral("insert booking"), q));
    return Ok{};
}

Result<BookingRecord, QString> SimStore::setStatus(const QString &bookingId, BookingState status)
{
    QSqlQuery q(db());
    const qint64 seq = nextChangeSeq();
    if (!run(q, QStringLiteral("UPDATE bookings SET status = ?, version = version + 1, change_seq = ? WHERE id = ?"),
             {statusText(status), seq, bookingId}))
        return fail(errorOf(QStringLiteral("booking status"), q));
    auto b = booking(bookingId);
    if (!b)
        return fail(QStringLiteral("no booking %1").arg(bookingId));
    return *b;
}

std::optional<BookingRecord> SimStore::booking(const QString &bookingId)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("SELECT %1 FROM bookings WHERE id = ?").arg(kBookingColumns), {bookingId}) || !q.next())
        return std::nullopt;
    return bookingFrom(q);
}

std::vector<BookingRecord> SimStore::bookingsOf(const QString &idDigest)
{
    std::vector<BookingRecord> found;
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("SELECT %1 FROM bookings WHERE id_digest = ? ORDER BY slot_start_s").arg(kBookingColumns), {idDigest}))
        return found;
    while (q.next())
        found.push_back(bookingFrom(q));
    return found;
}

int SimStore::activeBookings(const QString &groupCode, qint64 slotStartUnix)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("SELECT COUNT(*) FROM bookings WHERE group_code = ? AND slot_start_s = ? AND status <> 'cancelled'"),
             {groupCode, slotStartUnix}) ||
        !q.next())
        return 0;
    return q.value(0).toInt();
}

int SimStore::bookingCount(const QString &serviceDate)
{
    QSqlQuery q(db());
    const bool ok = serviceDate.isEmpty() ? q.exec(QStringLiteral("SELECT COUNT(*) FROM bookings"))
                                          : run(q, QStringLiteral("SELECT COUNT(*) FROM bookings WHERE service_date = ?"), {serviceDate});
    return ok && q.next() ? q.value(0).toInt() : 0;
}

QJsonObject SimStore::countByStatus()
{
    QJsonObject counts;
    QSqlQuery q(db());
    if (q.exec(QStringLiteral("SELECT status, COUNT(*) FROM bookings GROUP BY status"))) {
        while (q.next())
            counts.insert(q.value(0).toString(), q.value(1).toInt());
    }
    return counts;
}

SimStore::Page SimStore::changesSince(qint64 seq, int limit)
{
    Page page;
    page.lastSeq = seq;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!run(q, QStringLiteral("SELECT %1, change_seq FROM bookings WHERE change_seq > ? ORDER BY change_seq LIMIT ?").arg(kBookingColumns),
             {seq, limit + 1}))
        return page;
    while (q.next()) {
        if (int(page.bookings.size()) == limit) {
            page.more = true;
            break;
        }
        page.bookings.push_back(bookingFrom(q));
        page.lastSeq = q.value(12).toLongLong();
    }
    return page;
}

bool SimStore::hasEvent(const QString &id)
{
    QSqlQuery q(db());
    return run(q, QStringLiteral("SELECT 1 FROM events WHERE id = ?"), {id}) && q.next();
}

Result<void, QString> SimStore::insertEvent(const ReceivedEvent &e)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("INSERT INTO events (id, type, at, terminal, data, received_at) VALUES (?, ?, ?, ?, ?, ?)"),
             {e.id, e.type, e.at, e.terminal, QString::fromUtf8(QJsonDocument(e.data).toJson(QJsonDocument::Compact)), e.receivedAt}))
        return fail(errorOf(QStringLiteral("insert event"), q));
    return Ok{};
}

std::vector<ReceivedEvent> SimStore::eventsAfter(qint64 seq, int limit)
{
    std::vector<ReceivedEvent> events;
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("SELECT seq, id, type, at, terminal, data, received_at FROM events WHERE seq > ? ORDER BY seq LIMIT ?"),
             {seq, limit}))
        return events;
    while (q.next()) {
        events.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                          q.value(4).toString(), QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object(),
                          q.value(6).toString()});
    }
    return events;
}

int SimStore::eventCount()
{
    QSqlQuery q(db());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM events")) && q.next() ? q.value(0).toInt() : 0;
}

Result<void, QString> SimStore::linkTicket(const QString &ticketId, const QString &bookingId)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("INSERT OR REPLACE INTO ticket_bookings (ticket, booking_id) VALUES (?, ?)"), {ticketId, bookingId}))
        return fail(errorOf(QStringLiteral("link ticket"), q));
    return Ok{};
}

std::optional<QString> SimStore::bookingOfTicket(const QString &ticketId)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("SELECT booking_id FROM ticket_bookings WHERE ticket = ?"), {ticketId}) || !q.next())
        return std::nullopt;
    return q.value(0).toString();
}

Result<void, QString> SimStore::linkRequest(const QString &requestId, const QString &bookingId)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("INSERT INTO booking_requests (request_id, booking_id) VALUES (?, ?)"), {requestId, bookingId}))
        return fail(errorOf(QStringLiteral("link request"), q));
    return Ok{};
}

std::optional<QString> SimStore::bookingOfRequest(const QString &requestId)
{
    QSqlQuery q(db());
    if (!run(q, QStringLiteral("SELECT booking_id FROM booking_requests WHERE request_id = ?"), {requestId}) || !q.next())
        return std::nullopt;
    return q.value(0).toString();
}

} // namespace hk
