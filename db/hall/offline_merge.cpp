#include "db/hall/offline_merge.h"

#include "db/failpoint.h"
#include "db/logging.h"
#include "db/sql_values.h"
#include "db/stores/sql_outbox_store.h"
#include "db/transaction.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace hk {

using sql::run;

namespace {

// Every column of a ticket but its queue key, which the merge sets to the issue time.
const QString kTicketColumns = QStringLiteral(
    "id, service_date, series, seq, number, kind, group_code, state, issued_at, terminal, print_state, reprints, priority_key, "
    "booking_id, matter, complexity, slot_start, window_number, called_at, started_at, finished_at, passed_at, recalls, "
    "citizen_reprints");
constexpr int kTicketColumnCount = 24;
enum TicketColumn { kId = 0, kServiceDate = 1, kNumber = 4, kKind = 5, kIssuedAt = 8, kBookingId = 13 };

const QString kBookingColumns = QStringLiteral(
    "id, version, status, matter, group_code, slot_start, slot_start_s, slot_end, service_date, channel, name_masked, id_digest, "
    "id_masked, phone_masked, ticket_id");
constexpr int kBookingColumnCount = 15;
enum BookingColumn { kBookingStatus = 2, kBookingServiceDate = 8, kBookingTicket = 14 };

const QString kDuplicateCheckIn = QStringLiteral("duplicate_check_in");

QString placeholders(int n)
{
    QStringList marks;
    for (int i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

// A NULL read from SQLite comes as a null QVariant of the column's type; sql::run binds a null
// QString as '' — only QVariant() is NULL.
QVariant nullable(const QVariant &value)
{
    return value.isNull() ? QVariant() : value;
}

// The outbox rows that report something of a ticket: every event's data names it as "ticket"
// (compact JSON, as insertOutboxEvent writes it; a UUID holds none of LIKE's wildcards).
QString namingTicket(const QString &ticketId)
{
    return QStringLiteral("%\"ticket\":\"%1\"%").arg(ticketId);
}

struct LocalEvent {
    QString id;
    QString type;
    QString at;
    QString data;
};

Result<std::vector<LocalEvent>, StoreError> readEvents(QSqlQuery &q, const QString &where, const QVariantList &values)
{
    if (!run(q, QStringLiteral("SELECT id, type, at, data FROM outbox %1 ORDER BY seq").arg(where), values))
        return fail(storeError(QStringLiteral("read the offline outbox"), q.lastError()));
    std::vector<LocalEvent> events;
    while (q.next())
        events.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    return events;
}

// Returns whether the hall did not have it yet.
Result<bool, StoreError> copyEvent(QSqlQuery &q, const LocalEvent &e)
{
    // As written offline: the same id, and the instant with the offset it was given in.
    if (!run(q, QStringLiteral("INSERT INTO outbox (id, type, at, data) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"),
             {e.id, e.type, e.at, e.data}))
        return fail(storeError(QStringLiteral("move event %1").arg(e.type), q.lastError()));
    return q.numRowsAffected() == 1;
}

Result<void, StoreError> cancelledEvent(QSqlQuery &q, const QString &ticketId, const QString &number, const QDateTime &at)
{
    return insertOutboxEvent(q, {sql::newId(), QStringLiteral("ticket_cancelled"), at,
                                 QJsonObject{{QStringLiteral("ticket"), ticketId},
                                             {QStringLiteral("number"), number},
                                             {QStringLiteral("reason"), kDuplicateCheckIn}}});
}

} // namespace

struct OfflineMerge::Offline {
    QString id;
    QString number;
    QString bookingId; // booked tickets
    QString issuedAt;  // UTC ISO text
    QVariantList row;  // kTicketColumns
    std::optional<QVariantList> booking; // kBookingColumns, from the terminal's cache
    std::vector<LocalEvent> events;
    int offsetS = 0; // of its issue event: the center's
};

struct OfflineMerge::HallOutcome {
    bool inserted = false;
    QString state; // the ticket's in the hall afterwards
    int events = 0;
    std::optional<DuplicateCheckIn> duplicate;
};

OfflineMerge::OfflineMerge(Database &hall, Database &local)
    : m_hall(hall)
    , m_local(local)
{
}

Result<int, StoreError> OfflineMerge::pending()
{
    return m_local.retry([&]() -> Result<int, StoreError> {
        QSqlQuery q(m_local.connection());
        if (!run(q, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE merged_at IS NULL AND series LIKE '%-'")) || !q.next())
            return fail(storeError(QStringLiteral("count offline tickets"), q.lastError()));
        return q.value(0).toInt();
    });
}

Result<OfflineMerge::Offline, StoreError> OfflineMerge::readLocal(const QString &ticketId)
{
    return m_local.retry([&]() -> Result<Offline, StoreError> {
        QSqlDatabase db = m_local.connection();
        QSqlQuery q(db);
        Transaction tx(db, Transaction::Mode::Read);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        if (!run(q, QStringLiteral("SELECT %1 FROM tickets WHERE id = ?").arg(kTicketColumns), {ticketId}))
            return fail(storeError(QStringLiteral("read offline ticket"), q.lastError()));
        if (!q.next())
            return fail(StoreError{StoreError::Kind::NotFound, QStringLiteral("no offline ticket %1").arg(ticketId)});
        Offline t;
        for (int i = 0; i < kTicketColumnCount; ++i)
            t.row << nullable(q.value(i));
        t.id = t.row.at(kId).toString();
        t.number = t.row.at(kNumber).toString();
        t.issuedAt = t.row.at(kIssuedAt).toString();
        if (t.row.at(kKind).toString() == QLatin1String("booked"))
            t.bookingId = t.row.at(kBookingId).toString();
        if (!t.bookingId.isEmpty()) {
            if (!run(q, QStringLiteral("SELECT %1 FROM bookings WHERE id = ?").arg(kBookingColumns), {t.bookingId}))
                return fail(storeError(QStringLiteral("read offline booking"), q.lastError()));
            if (q.next()) {
                QVariantList booking;
                for (int i = 0; i < kBookingColumnCount; ++i)
                    booking << nullable(q.value(i));
                t.booking = booking;
            }
        }
        auto events = readEvents(q, QStringLiteral("WHERE data LIKE ?"), {namingTicket(t.id)});
        if (!events)
            return fail(events.error());
        t.events = std::move(events).value();
        for (const LocalEvent &e : t.events) {
            if (e.type == QLatin1String("ticket_issued")) {
                const QDateTime issued = QDateTime::fromString(e.at, Qt::ISODate);
                if (issued.isValid())
                    t.offsetS = issued.offsetFromUtc();
            }
        }
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return t;
    });
}

Result<OfflineMerge::HallOutcome, StoreError> OfflineMerge::writeHall(const Offline &t, const QDateTime &at)
{
    return m_hall.retry([&]() -> Result<HallOutcome, StoreError> {
        QSqlDatabase db = m_hall.connection();
        QSqlQuery q(db);
        // The issues' turn: a check-in in the hall and this merge decide on the same booking.
        Transaction tx(db, Transaction::Mode::Write, Transaction::Turn::Numbers);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        const auto failed = [&q](const QString &what) { return fail(storeError(what, q.lastError())); };
        HallOutcome out;

        // Its place in the hall's queue is its issue time, among the hall's own tickets.
        const std::optional<QDateTime> issued = sql::instantOrNull(t.issuedAt);
        QVariantList values = t.row;
        values << (issued ? sql::unixSeconds(*issued) : 0.0);
        if (!run(q, QStringLiteral("INSERT INTO tickets (%1, queue_key) VALUES (%2) ON CONFLICT (id) DO NOTHING")
                        .arg(kTicketColumns, placeholders(kTicketColumnCount + 1)),
                 values))
            return failed(QStringLiteral("merge ticket %1").arg(t.number));
        out.inserted = q.numRowsAffected() == 1;

        if (out.inserted) {
            // Merged before and killed before its mark: the hall has it all, nothing more is written.
            const QString day = t.row.at(kServiceDate).toString();
            if (!run(q, QStringLiteral("INSERT INTO service_days (service_date) VALUES (?) ON CONFLICT (service_date) DO NOTHING"), {day}) ||
                !run(q, QStringLiteral("SELECT closed_at FROM service_days WHERE service_date = ?"), {day}) || !q.next())
                return failed(QStringLiteral("merge: the ticket's day"));
            const bool dayClosed = !q.value(0).isNull() && !q.value(0).toString().isEmpty();

            bool cancelOurs = false;
            if (!t.bookingId.isEmpty()) {
                if (!run(q, QStringLiteral("SELECT status, ticket_id FROM bookings WHERE id = ?"), {t.bookingId}))
                    return failed(QStringLiteral("merge: booking"));
                const bool known = q.next();
                const QString status = known ? q.value(0).toString() : QString();
                const QString holder = known ? q.value(1).toString() : QString();
                const bool held = status == QLatin1String("checked_in") || status == QLatin1String("served");
                if (!known) {
                    // The hall never heard of it: the terminal's cache (or the ticket) tells it all.
                    QVariantList booking = t.booking.value_or(QVariantList{});
                    if (booking.size() != kBookingColumnCount) {
                        const std::optional<QDateTime> slot = sql::instantOrNull(t.row.at(16));
                        booking = {t.bookingId, 0, QString(), t.row.at(14), t.row.at(6), t.row.at(16),
                                   slot ? slot->toSecsSinceEpoch() : qint64(0), QVariant(), day, QStringLiteral("online"),
                                   QString(), QString(), QString(), QString(), QString()};
                    }
                    booking[kBookingStatus] = QStringLiteral("checked_in");
                    booking[kBookingTicket] = t.id;
                    if (!run(q, QStringLiteral("INSERT INTO bookings (%1) VALUES (%2) ON CONFLICT (id) DO NOTHING")
                                    .arg(kBookingColumns, placeholders(kBookingColumnCount)),
                             booking) ||
                        !run(q, QStringLiteral("INSERT INTO service_days (service_date) VALUES (?) ON CONFLICT (service_date) DO NOTHING"),
                             {booking.at(kBookingServiceDate)}))
                        return failed(QStringLiteral("merge: insert booking"));
                } else if (held && !holder.isEmpty() && holder != t.id) {
                    // Checked in twice: the earlier check-in keeps it.
                    if (!run(q, QStringLiteral("SELECT number, issued_at, state FROM tickets WHERE id = ?"), {holder}))
                        return failed(QStringLiteral("merge: the booking's other ticket"));
                    if (q.next()) {
                        const QString otherNumber = q.value(0).toString();
                        const std::optional<QDateTime> otherIssued = sql::instantOrNull(q.value(1));
                        const bool otherWaiting = q.value(2).toString() == QLatin1String("waiting");
                        const bool oursEarlier = issued && otherIssued &&
                                                 (*issued < *otherIssued || (*issued == *otherIssued && t.id < holder));
                        if (oursEarlier && otherWaiting) {
                            // Only while it still waits: a window calls without the issues' turn
                            // (READ COMMITTED, row locks). One that called it after this snapshot
                            // makes the update fail (SERIALIZABLE) — or, guarded, change nothing —
                            // and the merge decides again on what the window left.
                            if (!run(q, QStringLiteral("UPDATE tickets SET state = 'cancelled' WHERE id = ? AND state = 'waiting'"), {holder}))
                                return failed(QStringLiteral("merge: cancel the later ticket"));
                            if (q.numRowsAffected() != 1) {
                                sql::noteConflict();
                                return fail(StoreError{StoreError::Kind::Unavailable,
                                                       QStringLiteral("merge: ticket %1 was called meanwhile").arg(otherNumber)});
                            }
                            if (auto e = cancelledEvent(q, holder, otherNumber, at); !e)
                                return fail(e.error());
                            // Its check-in never reaches the platform if it has not yet.
                            if (!run(q, QStringLiteral("DELETE FROM outbox WHERE type = 'booking_checked_in' AND data LIKE ?"),
                                     {namingTicket(holder)}) ||
                                !run(q, QStringLiteral("UPDATE bookings SET ticket_id = ? WHERE id = ?"), {t.id, t.bookingId}))
                                return failed(QStringLiteral("merge: move the booking"));
                            out.duplicate = DuplicateCheckIn{t.bookingId, t.number, otherNumber, holder};
                        } else {
                            cancelOurs = true;
                            out.duplicate = DuplicateCheckIn{t.bookingId, otherNumber, t.number, t.id};
                        }
                    } else if (!run(q, QStringLiteral("UPDATE bookings SET ticket_id = ? WHERE id = ?"), {t.id, t.bookingId})) {
                        return failed(QStringLiteral("merge: check the booking in"));
                    }
                } else if (status != QLatin1String("cancelled") && !(held && holder == t.id)) {
                    // Booked, or lapsed in the hall meanwhile (no-show, forfeit): the citizen checked
                    // in before that, here, and holds the ticket.
                    if (!run(q, QStringLiteral("UPDATE bookings SET status = CASE WHEN status = 'served' THEN status ELSE 'checked_in' END, "
                                               "ticket_id = ? WHERE id = ?"),
                             {t.id, t.bookingId}))
                        return failed(QStringLiteral("merge: check the booking in"));
                }
            }

            for (const LocalEvent &e : t.events) {
                if (cancelOurs && e.type == QLatin1String("booking_checked_in"))
                    continue; // the later check-in is not reported
                auto copied = copyEvent(q, e);
                if (!copied)
                    return fail(copied.error());
                out.events += copied.value() ? 1 : 0;
            }
            if (cancelOurs) {
                if (!run(q, QStringLiteral("UPDATE tickets SET state = 'cancelled' WHERE id = ?"), {t.id}))
                    return failed(QStringLiteral("merge: cancel the later ticket"));
                if (auto e = cancelledEvent(q, t.id, t.number, at); !e)
                    return fail(e.error());
            } else if (dayClosed) {
                // Day close has passed it by: it expires as day close would have left it.
                if (!run(q, QStringLiteral("UPDATE tickets SET state = 'expired' WHERE id = ? AND state = 'waiting'"), {t.id}))
                    return failed(QStringLiteral("merge: expire"));
                if (auto e = insertOutboxEvent(q, {sql::newId(), QStringLiteral("ticket_expired"), at,
                                                   QJsonObject{{QStringLiteral("ticket"), t.id}, {QStringLiteral("number"), t.number}}});
                    !e)
                    return fail(e.error());
            }
        }
        if (!run(q, QStringLiteral("SELECT state FROM tickets WHERE id = ?"), {t.id}) || !q.next())
            return failed(QStringLiteral("merge: read back"));
        out.state = q.value(0).toString();
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return out;
    });
}

Result<void, StoreError> OfflineMerge::markLocal(const Offline &t, const HallOutcome &outcome, const QDateTime &at)
{
    return m_local.retry([&]() -> Result<void, StoreError> {
        QSqlDatabase db = m_local.connection();
        QSqlQuery q(db);
        Transaction tx(db);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        // The hall's word from now on; the state kept here too, for a reader of this file alone.
        if (!run(q, QStringLiteral("UPDATE tickets SET merged_at = ?, state = ? WHERE id = ?"), {sql::utcText(at), outcome.state, t.id}))
            return fail(storeError(QStringLiteral("mark merged"), q.lastError()));
        for (const LocalEvent &e : t.events) {
            if (!run(q, QStringLiteral("DELETE FROM outbox WHERE id = ?"), {e.id}))
                return fail(storeError(QStringLiteral("mark merged: outbox"), q.lastError()));
        }
        // A booking its later ticket lost: the cache names no ticket of its own for it any more.
        if (!t.bookingId.isEmpty() && outcome.state == QLatin1String("cancelled") &&
            !run(q, QStringLiteral("UPDATE bookings SET ticket_id = NULL WHERE id = ? AND ticket_id = ?"), {t.bookingId, t.id}))
            return fail(storeError(QStringLiteral("mark merged: booking"), q.lastError()));
        return tx.commit();
    });
}

Result<int, StoreError> OfflineMerge::moveOtherEvents()
{
    // What is left in the terminal's outbox names no offline ticket still to merge: events of its
    // own (a forfeit while offline …) or written before it joined the hall. The hall sends them.
    auto events = m_local.retry([&]() -> Result<std::vector<LocalEvent>, StoreError> {
        QSqlQuery q(m_local.connection());
        return readEvents(q, QString(), {});
    });
    if (!events)
        return fail(events.error());
    if (events->empty())
        return 0;
    auto moved = m_hall.retry([&]() -> Result<int, StoreError> {
        QSqlDatabase db = m_hall.connection();
        QSqlQuery q(db);
        Transaction tx(db);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        int count = 0;
        for (const LocalEvent &e : events.value()) {
            auto copied = copyEvent(q, e);
            if (!copied)
                return fail(copied.error());
            count += copied.value() ? 1 : 0;
        }
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return count;
    });
    if (!moved)
        return moved;
    failpoint("merge.after_hall_commit");
    auto removed = m_local.retry([&]() -> Result<void, StoreError> {
        QSqlDatabase db = m_local.connection();
        QSqlQuery q(db);
        Transaction tx(db);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        for (const LocalEvent &e : events.value()) {
            if (!run(q, QStringLiteral("DELETE FROM outbox WHERE id = ?"), {e.id}))
                return fail(storeError(QStringLiteral("outbox moved"), q.lastError()));
        }
        return tx.commit();
    });
    if (!removed)
        return fail(removed.error());
    failpoint("merge.after_local_mark");
    return moved;
}

Result<MergeSummary, StoreError> OfflineMerge::mergeAll(const QDateTime &at)
{
    auto ids = m_local.retry([&]() -> Result<QStringList, StoreError> {
        QSqlQuery q(m_local.connection());
        // Issue-time order: each joins the hall behind the ones issued before it.
        if (!run(q, QStringLiteral("SELECT id FROM tickets WHERE merged_at IS NULL AND series LIKE '%-' ORDER BY issued_at, id")))
            return fail(storeError(QStringLiteral("offline tickets"), q.lastError()));
        QStringList found;
        while (q.next())
            found << q.value(0).toString();
        return found;
    });
    if (!ids)
        return fail(ids.error());
    MergeSummary summary;
    for (const QString &id : ids.value()) {
        auto ticket = readLocal(id);
        if (!ticket)
            return fail(ticket.error());
        const QDateTime when = at.isValid() ? at : QDateTime::currentDateTimeUtc().toOffsetFromUtc(ticket->offsetS);
        auto outcome = writeHall(ticket.value(), when);
        if (!outcome)
            return fail(outcome.error());
        failpoint("merge.after_hall_commit");
        if (auto marked = markLocal(ticket.value(), outcome.value(), when); !marked)
            return fail(marked.error());
        failpoint("merge.after_local_mark");
        if (!outcome->inserted)
            continue;
        ++summary.tickets;
        summary.events += outcome->events;
        if (outcome->duplicate) {
            const DuplicateCheckIn &d = *outcome->duplicate;
            qCWarning(lcDb).noquote() << "booking" << d.bookingId << "was checked in twice while the hall was offline:" << d.keptNumber
                                      << "keeps it," << d.cancelledNumber << "cancelled";
            summary.cancelled.push_back(d);
        }
    }
    auto moved = moveOtherEvents();
    if (!moved)
        return fail(moved.error());
    summary.events += moved.value();
    if (summary.tickets > 0 || summary.events > 0)
        qCInfo(lcDb).noquote() << "merged" << summary.tickets << "offline ticket(s) and" << summary.events << "event(s) into the hall";
    return summary;
}

} // namespace hk
