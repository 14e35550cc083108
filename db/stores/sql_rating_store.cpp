#include "db/stores/sql_rating_store.h"

#include "db/sql_values.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/transaction.h"

#include <QJsonObject>
#include <QSqlError>

namespace hk {

using sql::newId;
using sql::run;
using sql::text;
using sql::utcText;

namespace {

RatingRecord ratingFrom(const QSqlQuery &q)
{
    RatingRecord r;
    r.id = q.value(0).toString();
    r.ticketId = q.value(1).toString();
    r.number = q.value(2).toString();
    r.window = q.value(3).toInt();
    r.level = q.value(4).toInt();
    r.reason = q.value(5).toString();
    r.followUp = q.value(6).toInt() != 0;
    r.channel = ratingChannelFromString(q.value(7).toString().toStdString()).value_or(RatingChannel::Console);
    r.at = sql::instantOrNull(q.value(8)).value_or(QDateTime());
    if (!q.value(9).isNull())
        r.matterLevel = q.value(9).toInt();
    r.complaintId = q.value(10).toString();
    return r;
}

const QString kSelect = QStringLiteral("SELECT r.id, r.ticket_id, t.number, r.window_number, r.level, r.reason, r.follow_up, "
                                       "r.channel, r.at, r.matter_level, c.id FROM ratings r JOIN tickets t ON t.id = r.ticket_id "
                                       "LEFT JOIN complaints c ON c.rating_id = r.id");

} // namespace

SqlRatingStore::SqlRatingStore(Database &database)
    : m_database(database)
{
}

Result<RatingRecord, RatingError> SqlRatingStore::record(const RatingRequest &request)
{
    if (!isRatingLevel(request.level))
        return fail(RatingError{RatingError::Kind::BadLevel, QStringLiteral("level %1 is not 1–5").arg(request.level)});
    if (request.matterLevel && !isRatingLevel(*request.matterLevel))
        return fail(RatingError{RatingError::Kind::BadLevel, QStringLiteral("matter_level %1 is not 1–5").arg(*request.matterLevel)});
    return m_database.retry([&]() -> Result<RatingRecord, RatingError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db);
        if (auto begun = tx.begin(); !begun)
            return fail(sql::fromStoreError<RatingError>(begun.error()));
        if (!run(q, QStringLiteral("SELECT id, number, state, window_number FROM tickets WHERE id = ? OR (service_date = ? AND number = ?) "
                                   "ORDER BY id = ? DESC LIMIT 1"),
                 {request.ticket, QString::fromStdString(request.serviceDate.toString()), request.ticket, request.ticket}))
            return fail(sql::queryError<RatingError>(QStringLiteral("load ticket"), q));
        if (!q.next())
            return fail(RatingError{RatingError::Kind::UnknownTicket, QStringLiteral("no ticket %1").arg(request.ticket)});
        RatingRecord r;
        r.ticketId = q.value(0).toString();
        r.number = q.value(1).toString();
        const QString state = q.value(2).toString();
        const QVariant servedWindow = q.value(3);
        if (state != QLatin1String("served"))
            return fail(RatingError{RatingError::Kind::NotServed, QStringLiteral("ticket %1 is %2").arg(r.number, state)});
        if (servedWindow.isNull() || servedWindow.toInt() != request.window)
            return fail(RatingError{RatingError::Kind::NotServed,
                                    QStringLiteral("ticket %1 was served at window %2, not %3").arg(r.number).arg(servedWindow.toInt()).arg(request.window)});
        if (!run(q, QStringLiteral("SELECT 1 FROM ratings WHERE ticket_id = ?"), {r.ticketId}))
            return fail(sql::queryError<RatingError>(QStringLiteral("find rating"), q));
        if (q.next())
            return fail(RatingError{RatingError::Kind::AlreadyRated, QStringLiteral("ticket %1 is rated already").arg(r.number)});

        r.id = newId();
        r.window = request.window;
        r.level = request.level;
        r.reason = request.reason.trimmed();
        r.followUp = request.followUp;
        r.channel = request.channel;
        r.at = request.at;
        r.matterLevel = request.matterLevel;
        if (!run(q, QStringLiteral("INSERT INTO ratings (id, ticket_id, window_number, level, reason, follow_up, channel, at, matter_level) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {r.id, r.ticketId, r.window, r.level, r.reason, r.followUp ? 1 : 0, text(nameOf(r.channel)), utcText(r.at),
                  r.matterLevel ? QVariant(*r.matterLevel) : QVariant()}))
            return fail(sql::queryError<RatingError>(QStringLiteral("insert rating"), q));
        QJsonObject data{{QStringLiteral("ticket"), r.ticketId},
                         {QStringLiteral("number"), r.number},
                         {QStringLiteral("window"), r.window},
                         {QStringLiteral("level"), r.level},
                         {QStringLiteral("follow_up"), r.followUp},
                         {QStringLiteral("channel"), text(nameOf(r.channel))}};
        if (!r.reason.isEmpty())
            data.insert(QStringLiteral("reason"), r.reason);
        // DESIGN §6 lists the fields a rating carries at least; the matter's level rides beside them.
        if (r.matterLevel)
            data.insert(QStringLiteral("matter_level"), *r.matterLevel);
        if (auto e = insertOutboxEvent(q, {newId(), QStringLiteral("rating"), r.at, data}); !e)
            return fail(sql::fromStoreError<RatingError>(e.error()));
        if (request.complaint) {
            auto opened = insertComplaint(q, r.id, r.ticketId, r.number, r.at, *request.complaint);
            if (!opened)
                return fail(sql::fromStoreError<RatingError>(opened.error()));
            r.complaintId = opened.value();
        }
        if (auto committed = tx.commit(); !committed)
            return fail(sql::fromStoreError<RatingError>(committed.error()));
        return r;
    });
}

Result<std::optional<RatingRecord>, StoreError> SqlRatingStore::ratingOf(const QString &ticketId)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, kSelect + QStringLiteral(" WHERE r.ticket_id = ?"), {ticketId}))
        return fail(storeError(QStringLiteral("rating"), q.lastError()));
    if (!q.next())
        return std::optional<RatingRecord>();
    return std::optional<RatingRecord>(ratingFrom(q));
}

Result<std::optional<RatableTicket>, StoreError> SqlRatingStore::awaitingRating(int window, const QDateTime &since)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT t.id, t.number, t.finished_at, r.id FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id "
                               "WHERE t.window_number = ? AND t.state = 'served' AND t.finished_at >= ? "
                               "ORDER BY t.finished_at DESC LIMIT 1"),
             {window, utcText(since)}))
        return fail(storeError(QStringLiteral("awaiting rating"), q.lastError()));
    if (!q.next() || !q.value(3).isNull())
        return std::optional<RatableTicket>();
    return std::optional<RatableTicket>(
        RatableTicket{q.value(0).toString(), q.value(1).toString(), sql::instantOrNull(q.value(2)).value_or(QDateTime())});
}

Result<std::optional<RatableTicket>, StoreError> SqlRatingStore::lastFinished(int window)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT t.id, t.number, t.finished_at, r.id FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id "
                               "WHERE t.window_number = ? AND t.state = 'served' AND t.finished_at IS NOT NULL "
                               "ORDER BY t.finished_at DESC LIMIT 1"),
             {window}))
        return fail(storeError(QStringLiteral("last finished ticket"), q.lastError()));
    if (!q.next())
        return std::optional<RatableTicket>();
    return std::optional<RatableTicket>(RatableTicket{q.value(0).toString(), q.value(1).toString(),
                                                      sql::instantOrNull(q.value(2)).value_or(QDateTime()), !q.value(3).isNull()});
}

} // namespace hk
