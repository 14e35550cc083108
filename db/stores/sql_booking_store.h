#pragma once

#include "app/ports/stores/booking_store.h"
#include "db/database.h"

#include <QSet>
#include <QSqlQuery>

namespace hk {

// The bookings, beside the tickets they turn into.
class SqlBookingStore final : public BookingStore {
public:
    explicit SqlBookingStore(Database &database);

    Result<bool, StoreError> upsert(const BookingRecord &booking) override;
    Result<int, StoreError> upsertMany(const std::vector<BookingRecord> &bookings) override;
    Result<std::optional<BookingRecord>, StoreError> find(const QString &bookingId) override;
    Result<std::vector<BookingRecord>, StoreError> findByDigest(const QString &idDigest, const CivilDate &serviceDate) override;
    Result<int, StoreError> markNoShows(const QDateTime &lapsedBefore, const QDateTime &at) override;
    Result<bool, StoreError> forfeit(const QString &bookingId, const QDateTime &at) override;

    // A hall terminal's cache following the hall (db/hall/hall_booking_store.h), never with an
    // outbox event — the hall reported the change already. The booking's status as the hall has
    // it: the row inserted if the cache lacks it, else only its status (and its ticket, when that
    // ticket is in this file; the hall's own tickets are not) changed.
    Result<void, StoreError> mirrorStatus(const BookingRecord &booking);
    // What the hall's markNoShows did: every cached booking still `booked` whose slot started before.
    Result<int, StoreError> mirrorNoShows(const QDateTime &lapsedBefore);

private:
    // `days` opens the booking's service day (once per day a page: `opened` holds those done).
    Result<bool, StoreError> upsertOne(QSqlQuery &query, QSqlQuery &days, QSet<QString> &opened, const BookingRecord &booking);

    Database &m_database;
};

} // namespace hk
