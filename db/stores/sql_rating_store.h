#pragma once

#include "app/ports/stores/rating_store.h"
#include "db/database.h"

namespace hk {

// Ratings: the rating row and its `rating` outbox event in one transaction.
// The table's triggers make it append-only; its UNIQUE ticket makes a second rating impossible
// even past this code.
class SqlRatingStore final : public RatingStore {
public:
    explicit SqlRatingStore(Database &database);

    Result<RatingRecord, RatingError> record(const RatingRequest &request) override;
    Result<std::optional<RatingRecord>, StoreError> ratingOf(const QString &ticketId) override;
    Result<std::optional<RatableTicket>, StoreError> awaitingRating(int window, const QDateTime &since) override;
    Result<std::optional<RatableTicket>, StoreError> lastFinished(int window) override;

private:
    Database &m_database;
};

} // namespace hk
