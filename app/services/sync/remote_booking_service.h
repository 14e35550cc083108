#pragma once

#include "app/ports/platform_client.h"
#include "app/ports/stores/booking_store.h"
#include "app/services/catalog_service.h"

#include <QObject>

namespace hk {

// Booking at the terminal for a later day (DESIGN §1: book a slot, cancel a booking): the
// platform decides (B1–B7), the terminal asks. A booking made or cancelled here is put in the cache
// at once, so it checks in — or stops checking in — before the next pull.
class RemoteBookingService : public QObject {
    Q_OBJECT
public:
    RemoteBookingService(PlatformClient &platform, BookingStore &bookings, CatalogService &catalog, QObject *parent = nullptr);

    void slots(const CivilDate &date, const QString &matterCode, PlatformClient::Callback<std::vector<SlotAvailability>> done);
    void book(const BookingOrder &order, PlatformClient::Callback<PlacedBooking> done);
    void cancel(const QString &bookingId, PlatformClient::Callback<BookingRecord> done);

private:
    void cache(BookingRecord booking);

    PlatformClient &m_platform;
    BookingStore &m_bookings;
    CatalogService &m_catalog;
};

} // namespace hk
