#pragma once

#include "app/domain/rating.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"
#include "app/ports/stores/complaint_store.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hk {

struct RatingRequest {
    QString ticket;         // the ticket's id (UUID) or, for that service date, its number ("Y003")
    CivilDate serviceDate;  // the day a number belongs to
    int window = 0;
    int level = 0;
    QString reason;
    bool followUp = false;
    RatingChannel channel = RatingChannel::Console;
    QDateTime at; // center zone
    std::optional<int> matterLevel; // seed 004 §四: the matter handled, beside the hall's service
    // Set for a 差评 (either level 1–2): the case it opens in the rating's transaction.
    std::optional<ComplaintOpening> complaint;
};

struct RatingRecord {
    QString id;
    QString ticketId;
    QString number;
    int window = 0;
    int level = 0;
    QString reason;
    bool followUp = false;
    RatingChannel channel = RatingChannel::Console;
    QDateTime at;
    std::optional<int> matterLevel;
    QString complaintId; // the case the rating opened, if it did
};

struct RatingError {
    enum class Kind {
        UnknownTicket,
        NotServed,      // not served (yet), or served at another window
        AlreadyRated,   // one rating per ticket (seed 004)
        NotLastTicket,  // staff-entered or the rate page: only the ticket the window finished last (DESIGN §16)
        TooLate,        // …and only within 10 minutes of its finish
        ReasonRequired, // 差评 through a channel that can take a reason, without one
        BadLevel,
        Store,
    };
    Kind kind = Kind::Store;
    QString detail;
};

struct RatableTicket {
    QString ticketId;
    QString number;
    QDateTime servedAt;
    bool rated = false; // lastFinished only: someone has rated it already
};

// The ratings (好差评), append-only. Recording one writes the rating and its `rating` outbox event
// in one transaction, and for a 差评 its case with the case's `complaint_updated` (step `opened`); the schema itself refuses a second rating for a ticket and any change to one.
class RatingStore {
public:
    virtual ~RatingStore() = default;
    virtual Result<RatingRecord, RatingError> record(const RatingRequest &request) = 0;
    virtual Result<std::optional<RatingRecord>, StoreError> ratingOf(const QString &ticketId) = 0;
    // The last ticket served at the window since `since`, if nobody has rated it.
    virtual Result<std::optional<RatableTicket>, StoreError> awaitingRating(int window, const QDateTime &since) = 0;
    // The last ticket the window finished (served), rated or not.
    virtual Result<std::optional<RatableTicket>, StoreError> lastFinished(int window) = 0;
};

} // namespace hk
