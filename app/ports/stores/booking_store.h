#pragma once

#include "app/domain/booking/booking.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace hk {

// A booking as the terminal caches it (DESIGN §6, bookings). No ID number, ever: only the
// digest and masked forms.
struct BookingRecord {
    QString id;
    qint64 version = 0;
    BookingState status = BookingState::Booked;
    QString matterCode;
    QString groupCode;
    QDateTime slotStart; // with the center's offset: its date is the booking's service date
    QDateTime slotEnd;
    QString channel;     // onsite | phone | online | terminal
    QString nameMasked;
    QString idDigest;
    QString idMasked;
    QString phoneMasked;
    QString ticketId;    // set once checked in
    bool emergency = false; // B7: flagged by staff; checks in outside the issuing hours
};

// The bookings cache: filled by the platform sync, read by check-in, swept by the day's rules.
class BookingStore {
public:
    virtual ~BookingStore() = default;

    // Stores the booking unless the cache already holds the same or a newer version. True if stored.
    // What the terminal itself did to a booking (checked it in, marked it a no-show or forfeit)
    // stays, whatever status a newer version brings from the platform: the platform learns it
    // from the terminal's events, and a pull made before they arrived must not undo it.
    virtual Result<bool, StoreError> upsert(const BookingRecord &booking) = 0;
    // The same for a page of the platform's bookings, in one transaction. Returns how many stored.
    virtual Result<int, StoreError> upsertMany(const std::vector<BookingRecord> &bookings) = 0;
    virtual Result<std::optional<BookingRecord>, StoreError> find(const QString &bookingId) = 0;
    virtual Result<std::vector<BookingRecord>, StoreError> findByDigest(const QString &idDigest,
                                                                        const CivilDate &serviceDate) = 0;
    // B5: every booking still `booked` whose slot started before `lapsedBefore` becomes `no_show`,
    // each with its `booking_no_show` event. Returns how many.
    virtual Result<int, StoreError> markNoShows(const QDateTime &lapsedBefore, const QDateTime &at) = 0;
    // B5: a late scan of a booking still `booked` forfeits it (`booking_forfeited`); false if it
    // was not `booked` any more (never both a no-show and a forfeit).
    virtual Result<bool, StoreError> forfeit(const QString &bookingId, const QDateTime &at) = 0;
};

} // namespace hk
