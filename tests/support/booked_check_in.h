#pragma once

// The "check in →" step of the end-to-end tests: a booking in the terminal's cache checked in on
// the existing booked-ticket path (QueueStore::issueBooked), as the check-in screen will do it.
// Header-only; a test that includes it links hallkiosk::db.

#include "app/services/center_time.h"
#include "db/database.h"
#include "db/sql_booking_store.h"
#include "db/sql_queue_store.h"

#include <QTimeZone>

namespace hk::test {

inline Result<IssuedTicket, QueueError> checkInBooking(Database &db, const QString &bookingId, const QString &group,
                                                       const QString &matter, const QDateTime &now)
{
    const CenterTime time;
    const QDateTime local = time.toLocal(now);
    const QDateTime slotStart = local.addSecs(-5 * 60); // the slot began five minutes ago
    SqlBookingStore bookings(db);
    BookingRecord booking;
    booking.id = bookingId;
    booking.version = 1;
    booking.matterCode = matter;
    booking.groupCode = group;
    booking.slotStart = slotStart;
    booking.slotEnd = slotStart.addSecs(3600);
    booking.channel = QStringLiteral("online");
    if (auto stored = bookings.upsert(booking); !stored)
        return fail(QueueError{QueueError::Kind::Store, stored.error().detail});
    SqlQueueStore store(db);
    return store.issueBooked({bookingId, group, matter, 'Y', time.dateOf(now), local, std::max(local, slotStart.addSecs(-15 * 60)),
                              slotStart, Complexity::General, QStringLiteral("T01")});
}

} // namespace hk::test
