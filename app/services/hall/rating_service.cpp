#include "app/services/hall/rating_service.h"

#include "app/services/logging.h"

namespace hk {

RatingService::RatingService(RatingStore &store, const CatalogService &catalog, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_catalog(catalog)
    , m_clock(clock)
{
}

Result<RatingRecord, RatingError> RatingService::rate(int window, const QString &ticket, int level, const QString &reason,
                                                      RatingChannel channel, std::optional<int> matterLevel, const QString &enteredBy)
{
    if (!isRatingLevel(level))
        return fail(RatingError{RatingError::Kind::BadLevel, QStringLiteral("level must be 1–5, not %1").arg(level)});
    if (matterLevel && !isRatingLevel(*matterLevel))
        return fail(RatingError{RatingError::Kind::BadLevel, QStringLiteral("matter_level must be 1–5, not %1").arg(*matterLevel)});
    const QString why = reason.trimmed().left(kMaxReasonLength);
    const bool poor = opensComplaint(level, matterLevel);
    if (poor && why.isEmpty() && channel != RatingChannel::Evaluator)
        return fail(RatingError{RatingError::Kind::ReasonRequired, QStringLiteral("a rating of %1 needs a reason").arg(level)});
    const QDateTime now = m_clock.now();
    RatingRequest request;
    request.ticket = ticket;
    if (channel == RatingChannel::Console || channel == RatingChannel::RatePage) {
        // DESIGN §16: a rating someone enters at a screen is for the citizen just served, now —
        // not a clerk rating an old ticket of their own. The evaluator is bound to its ticket by
        // the bus (the ticket put to it).
        auto last = m_store.lastFinished(window);
        if (!last)
            return fail(RatingError{RatingError::Kind::Store, last.error().detail});
        if (!last.value() || (ticket != (*last)->ticketId && ticket != (*last)->number))
            return fail(RatingError{RatingError::Kind::NotLastTicket,
                                    last.value() ? QStringLiteral("window %1 finished %2 last; only that ticket can be rated").arg(window).arg((*last)->number)
                                                 : QStringLiteral("window %1 has finished no ticket to rate").arg(window)});
        if ((*last)->rated)
            return fail(RatingError{RatingError::Kind::AlreadyRated, QStringLiteral("ticket %1 is rated already").arg((*last)->number)});
        if ((*last)->servedAt.secsTo(now) > qint64(kAwaitingMinutes) * 60)
            return fail(RatingError{RatingError::Kind::TooLate, QStringLiteral("ticket %1 was finished more than %2 minutes ago")
                                                                     .arg((*last)->number)
                                                                     .arg(kAwaitingMinutes)});
        request.ticket = (*last)->ticketId;
    }
    request.serviceDate = m_catalog.centerTime().dateOf(now);
    request.window = window;
    request.level = level;
    request.reason = why;
    request.followUp = poor && why.isEmpty(); // only an evaluator gets here without a reason
    request.channel = channel;
    request.at = m_catalog.centerTime().toLocal(now);
    request.matterLevel = matterLevel;
    if (poor)
        request.complaint = ComplaintOpening{request.serviceDate, ComplaintDue::after(request.serviceDate, m_catalog.calendar())};
    auto recorded = m_store.record(request);
    if (!recorded) {
        qCInfo(lcRating).noquote() << "rating refused:" << recorded.error().detail;
        return recorded;
    }
    const std::string_view via = nameOf(channel);
    qCInfo(lcRating).noquote() << "ticket" << recorded->number << "at window" << window << "rated" << level << "via"
                               << QString::fromLatin1(via.data(), qsizetype(via.size())) << (recorded->followUp ? "(follow-up)" : "");
    if (m_audit && !enteredBy.isEmpty()) {
        QJsonObject detail{{QStringLiteral("window"), window},
                           {QStringLiteral("number"), recorded->number},
                           {QStringLiteral("level"), level},
                           {QStringLiteral("channel"), QString::fromLatin1(via.data(), qsizetype(via.size()))}};
        if (matterLevel)
            detail.insert(QStringLiteral("matter_level"), *matterLevel);
        if (!recorded->complaintId.isEmpty())
            detail.insert(QStringLiteral("complaint"), recorded->complaintId);
        m_audit->record(QStringLiteral("staff:") + enteredBy, QStringLiteral("rating_entered"), recorded->ticketId, detail);
    }
    Q_EMIT ratingRecorded(recorded.value());
    if (!recorded->complaintId.isEmpty())
        Q_EMIT complaintOpened(recorded->complaintId);
    return recorded;
}

std::optional<RatableTicket> RatingService::awaitingRating(int window) const
{
    auto awaiting = m_store.awaitingRating(window, m_clock.now().addSecs(-qint64(kAwaitingMinutes) * 60));
    if (!awaiting) {
        qCWarning(lcRating) << "cannot read the ticket awaiting a rating:" << awaiting.error().detail;
        return std::nullopt;
    }
    return awaiting.value();
}

} // namespace hk
