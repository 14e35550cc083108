#pragma once

#include "app/ports/stores/booking_store.h"
#include "db/hall/hall_session.h"
#include "db/stores/sql_booking_store.h"

namespace hk {

// The bookings of a hall terminal (DESIGN §11): the hall's copy on PostgreSQL — a booking checks
// in once in the hall and lapses once — and the terminal's cache in its SQLite file, for check-in
// while the hall is out of reach.
// - upsert / upsertMany (the platform's pulls): into the cache always, and into the hall while it
//   is online; a failure in the hall is logged, the cache's write stands (the next pull brings it);
// - find / findByDigest: the hall's while online (a read the outage interrupts falls back), the
//   cache's while offline;
// - markNoShows / forfeit: the hall's, while online, mirrored into the cache without events; while
//   offline they fail (Unavailable) — the day's sweep runs again when the hall is back, so a
//   booking lapses once, in the hall.
class HallBookingStore final : public BookingStore {
public:
    HallBookingStore(HallSession &session, Database &local);

    Result<bool, StoreError> upsert(const BookingRecord &booking) override;
    Result<int, StoreError> upsertMany(const std::vector<BookingRecord> &bookings) override;
    Result<std::optional<BookingRecord>, StoreError> find(const QString &bookingId) override;
    Result<std::vector<BookingRecord>, StoreError> findByDigest(const QString &idDigest, const CivilDate &serviceDate) override;
    Result<int, StoreError> markNoShows(const QDateTime &lapsedBefore, const QDateTime &at) override;
    Result<bool, StoreError> forfeit(const QString &bookingId, const QDateTime &at) override;

    SqlBookingStore &hallStore() { return m_hall; }
    SqlBookingStore &localStore() { return m_local; }

private:
    StoreError offline() const;

    HallSession &m_session;
    SqlBookingStore m_hall;
    SqlBookingStore m_local;
};

} // namespace hk
