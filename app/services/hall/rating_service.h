#pragma once

#include "app/ports/clock.h"
#include "app/ports/stores/rating_store.h"
#include "app/services/audit_trail_service.h"
#include "app/services/catalog_service.h"

#include <QMetaType>
#include <QObject>

namespace hk {

// 好差评 (DESIGN §3, Ratings): one rating per served ticket, through the window's evaluator, the
// console's citizen-facing page or the ticket QR. A 差评 (levels 2 and 1) needs a reason where one
// can be given; an evaluator that cannot take one records the level with follow_up.
class RatingService : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxReasonLength = 500;

    RatingService(RatingStore &store, const CatalogService &catalog, const Clock &clock, QObject *parent = nullptr);

    // `ticket`: the ticket's id or today's number. Through the console or the rate page only the
    // ticket the window finished last, within `kAwaitingMinutes` of its finish (NotLastTicket,
    // TooLate, DESIGN §16); the evaluator rates the ticket the bus put to it. `matterLevel`: the matter handled (seed 004 §四),
    // where the channel asks for it. A 差评 of either level needs the reason, and opens a case due
    // by the hall's working calendar (1、5、15) in the rating's transaction.
    Result<RatingRecord, RatingError> rate(int window, const QString &ticket, int level, const QString &reason,
                                           RatingChannel channel, std::optional<int> matterLevel = std::nullopt,
                                           const QString &enteredBy = {});
    // Where a rating entered by staff (`enteredBy`, a staff id) is written (DESIGN §16).
    void setAuditTrail(AuditTrailService *trail) { m_audit = trail; }
    // The ticket the window's citizen-facing page should ask about: served there in the last
    // `kAwaitingMinutes`, not rated yet.
    std::optional<RatableTicket> awaitingRating(int window) const;

    static constexpr int kAwaitingMinutes = 10;

Q_SIGNALS:
    void ratingRecorded(const hk::RatingRecord &rating);
    void complaintOpened(const QString &complaintId);

private:
    RatingStore &m_store;
    const CatalogService &m_catalog;
    const Clock &m_clock;
    AuditTrailService *m_audit = nullptr;
};

} // namespace hk

Q_DECLARE_METATYPE(hk::RatingRecord)
