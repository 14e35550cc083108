#include "db/stores/sql_booking_store.h"

#include "db/sql_values.h"
#include "db/stores/sql_outbox_store.h"
#include "db/transaction.h"

#include <QJsonObject>
#include <QSqlError>

namespace hk {

using sql::run;

namespace {

const QString kColumns = QStringLiteral(
    "id, version, status, matter, group_code, slot_start, slot_end, channel, name_masked, id_digest, id_masked, "
    "phone_masked, ticket_id, emergency");

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
    b.ticketId = q.value(12).toString();
    b.emergency = q.value(13).toInt() != 0;
    return b;
}

OutboxEvent bookingEvent(const QString &type, const QString &bookingId, const QDateTime &at)
{
    return {sql::newId(), type, at, QJsonObject{{QStringLiteral("booking_id"), bookingId}}};
}

} // namespace

SqlBookingStore::SqlBookingStore(Database &database)
    : m_database(database)
{
}

Result<bool, StoreError> SqlBookingStore::upsert(const BookingRecord &b)
{
    return m_database.retry([&]() -> Result<bool, StoreError> {
        QSqlQuery q(m_database.connection());
        QSqlQuery days(m_database.connection());
        QSet<QString> opened;
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        auto stored = upsertOne(q, days, opened, b);
        if (!stored)
            return fail(stored.error());
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return stored.value();
    });
}

Result<int, StoreError> SqlBookingStore::upsertMany(const std::vector<BookingRecord> &bookings)
{
    return m_database.retry([&]() -> Result<int, StoreError> {
        // One statement for the page's rows and one for their days, each prepared once (sql::run).
        QSqlQuery q(m_database.connection());
        QSqlQuery days(m_database.connection());
        QSet<QString> opened;
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        int count = 0;
        for (const BookingRecord &b : bookings) {
            auto stored = upsertOne(q, days, opened, b);
            if (!stored)
                return fail(stored.error());
            count += stored.value() ? 1 : 0;
        }
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return count;
    });
}

Result<bool, StoreError> SqlBookingStore::upsertOne(QSqlQuery &q, QSqlQuery &days, QSet<QString> &opened, const BookingRecord &b)
{
    // The service date is the slot's civil date in the center's zone: the slot carries its offset
    // (BookingRecord: the services write it with the center's, whatever offset the platform wrote).
    const QString date = b.slotStart.date().toString(Qt::ISODate);
    // A status the terminal decided (checked_in, no_show, forfeited, and served after it) is kept
    // over the platform's booked or cancelled: the platform hears of it through the outbox.
    if (!run(q, QStringLiteral("INSERT INTO bookings (id, version, status, matter, group_code, slot_start, slot_start_s, slot_end, "
                               "service_date, channel, name_masked, id_digest, id_masked, phone_masked, ticket_id, emergency) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (id) DO UPDATE SET version = excluded.version, emergency = excluded.emergency, "
                               "status = CASE WHEN bookings.status IN ('checked_in', 'served', 'no_show', 'forfeited') "
                               "AND excluded.status IN ('booked', 'cancelled') THEN bookings.status ELSE excluded.status END, "
                               "matter = excluded.matter, group_code = excluded.group_code, slot_start = excluded.slot_start, "
                               "slot_start_s = excluded.slot_start_s, slot_end = excluded.slot_end, service_date = excluded.service_date, "
                               "channel = excluded.channel, name_masked = excluded.name_masked, id_digest = excluded.id_digest, "
                               "id_masked = excluded.id_masked, phone_masked = excluded.phone_masked "
                               "WHERE excluded.version > bookings.version"),
             {b.id, b.version, sql::text(nameOf(b.status)), b.matterCode, b.groupCode, b.slotStart.toString(Qt::ISODate),
              b.slotStart.toSecsSinceEpoch(), b.slotEnd.isValid() ? QVariant(b.slotEnd.toString(Qt::ISODate)) : QVariant(),
              date, b.channel, b.nameMasked, b.idDigest, b.idMasked, b.phoneMasked,
              b.ticketId.isEmpty() ? QVariant() : QVariant(b.ticketId), b.emergency ? 1 : 0}))
        return fail(storeError(QStringLiteral("upsert booking %1").arg(b.id), q.lastError()));
    const bool stored = q.numRowsAffected() == 1;
    if (stored && !opened.contains(date)) {
        if (!run(days, QStringLiteral("INSERT INTO service_days (service_date) VALUES (?) ON CONFLICT (service_date) DO NOTHING"), {date}))
            return fail(storeError(QStringLiteral("open day"), days.lastError()));
        opened.insert(date);
    }
    return stored;
}

Result<std::optional<BookingRecord>, StoreError> SqlBookingStore::find(const QString &bookingId)
{
    return m_database.retry([&]() -> Result<std::optional<BookingRecord>, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("SELECT %1 FROM bookings WHERE id = ?").arg(kColumns), {bookingId}))
            return fail(storeError(QStringLiteral("find booking"), q.lastError()));
        if (!q.next())
            return std::optional<BookingRecord>();
        return std::optional<BookingRecord>(bookingFrom(q));
    });
}

Result<std::vector<BookingRecord>, StoreError> SqlBookingStore::findByDigest(const QString &idDigest, const CivilDate &serviceDate)
{
    return m_database.retry([&]() -> Result<std::vector<BookingRecord>, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("SELECT %1 FROM bookings WHERE id_digest = ? AND service_date = ? ORDER BY slot_start_s").arg(kColumns),
                 {idDigest, QString::fromStdString(serviceDate.toString())}))
            return fail(storeError(QStringLiteral("find bookings"), q.lastError()));
        std::vector<BookingRecord> found;
        while (q.next())
            found.push_back(bookingFrom(q));
        return found;
    });
}

Result<void, StoreError> SqlBookingStore::mirrorStatus(const BookingRecord &b)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        // The ticket only if it is one of this file's: the cache's ticket_id refers to its tickets.
        if (!run(q, QStringLiteral("INSERT INTO bookings (id, version, status, matter, group_code, slot_start, slot_start_s, slot_end, "
                                   "service_date, channel, name_masked, id_digest, id_masked, phone_masked, ticket_id, emergency) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM tickets WHERE id = ?), ?) "
                                   "ON CONFLICT (id) DO UPDATE SET status = excluded.status, ticket_id = excluded.ticket_id"),
                 {b.id, b.version, sql::text(nameOf(b.status)), b.matterCode, b.groupCode, b.slotStart.toString(Qt::ISODate),
                  b.slotStart.toSecsSinceEpoch(), b.slotEnd.isValid() ? QVariant(b.slotEnd.toString(Qt::ISODate)) : QVariant(),
                  b.slotStart.date().toString(Qt::ISODate), b.channel, b.nameMasked, b.idDigest, b.idMasked, b.phoneMasked, b.ticketId,
                  b.emergency ? 1 : 0}))
            return fail(storeError(QStringLiteral("mirror booking %1").arg(b.id), q.lastError()));
        return Ok{};
    });
}

Result<int, StoreError> SqlBookingStore::mirrorNoShows(const QDateTime &lapsedBefore)
{
    return m_database.retry([&]() -> Result<int, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("UPDATE bookings SET status = 'no_show' WHERE status = 'booked' AND slot_start_s < ?"),
                 {lapsedBefore.toSecsSinceEpoch()}))
            return fail(storeError(QStringLiteral("mirror no-shows"), q.lastError()));
        return q.numRowsAffected();
    });
}

Result<int, StoreError> SqlBookingStore::markNoShows(const QDateTime &lapsedBefore, const QDateTime &at)
{
    return m_database.retry([&]() -> Result<int, StoreError> {
        QSqlQuery q(m_database.connection());
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        if (!run(q, QStringLiteral("SELECT id FROM bookings WHERE status = 'booked' AND slot_start_s < ?"), {lapsedBefore.toSecsSinceEpoch()}))
            return fail(storeError(QStringLiteral("lapsed bookings"), q.lastError()));
        QStringList lapsed;
        while (q.next())
            lapsed << q.value(0).toString();
        for (const QString &id : std::as_const(lapsed)) {
            if (!run(q, QStringLiteral("UPDATE bookings SET status = 'no_show' WHERE id = ? AND status = 'booked'"), {id}))
                return fail(storeError(QStringLiteral("no-show"), q.lastError()));
            if (auto e = insertOutboxEvent(q, bookingEvent(QStringLiteral("booking_no_show"), id, at)); !e)
                return fail(e.error());
        }
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return int(lapsed.size());
    });
}

Result<bool, StoreError> SqlBookingStore::forfeit(const QString &bookingId, const QDateTime &at)
{
    return m_database.retry([&]() -> Result<bool, StoreError> {
        QSqlQuery q(m_database.connection());
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        if (!run(q, QStringLiteral("UPDATE bookings SET status = 'forfeited' WHERE id = ? AND status = 'booked'"), {bookingId}))
            return fail(storeError(QStringLiteral("forfeit"), q.lastError()));
        if (q.numRowsAffected() != 1)
            return false; // not booked any more: already a no-show, cancelled, or checked in
        if (auto e = insertOutboxEvent(q, bookingEvent(QStringLiteral("booking_forfeited"), bookingId, at)); !e)
            return fail(e.error());
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return true;
    });
}

} // namespace hk
