#include "app/services/sync/remote_booking_service.h"

#include "app/services/logging.h"

#include <QPointer>

namespace hk {

RemoteBookingService::RemoteBookingService(PlatformClient &platform, BookingStore &bookings, CatalogService &catalog,
                                           QObject *parent)
    : QObject(parent)
    , m_platform(platform)
    , m_bookings(bookings)
    , m_catalog(catalog)
{
}

void RemoteBookingService::cache(BookingRecord booking)
{
    booking.groupCode = m_catalog.groupOfMatter(booking.matterCode).value_or(booking.groupCode);
    // Its service date is its slot start's date in the center's zone, whatever offset the
    // platform wrote (DESIGN §3, B7): the cache files it under the date its slot carries.
    booking.slotStart = m_catalog.centerTime().toLocal(booking.slotStart);
    if (booking.slotEnd.isValid())
        booking.slotEnd = m_catalog.centerTime().toLocal(booking.slotEnd);
    if (auto stored = m_bookings.upsert(booking); !stored)
        qCCritical(lcSync).noquote() << "cannot cache booking" << booking.id << ":" << stored.error().detail;
}

void RemoteBookingService::slots(const CivilDate &date, const QString &matterCode,
                                 PlatformClient::Callback<std::vector<SlotAvailability>> done)
{
    m_platform.fetchSlots(date, matterCode, std::move(done));
}

void RemoteBookingService::book(const BookingOrder &order, PlatformClient::Callback<PlacedBooking> done)
{
    QPointer<RemoteBookingService> self(this);
    m_platform.createBooking(order, [self, done = std::move(done)](Result<PlacedBooking, PlatformError> placed) {
        if (self && placed) {
            self->cache(placed->booking);
            qCInfo(lcSync).noquote() << "booking" << placed->booking.id << "made at the terminal for" << placed->booking.matterCode;
        }
        done(std::move(placed));
    });
}

void RemoteBookingService::cancel(const QString &bookingId, PlatformClient::Callback<BookingRecord> done)
{
    QPointer<RemoteBookingService> self(this);
    m_platform.cancelBooking(bookingId, [self, done = std::move(done)](Result<BookingRecord, PlatformError> cancelled) {
        if (self && cancelled) {
            self->cache(cancelled.value());
            qCInfo(lcSync).noquote() << "booking" << cancelled->id << "cancelled at the terminal";
        }
        done(std::move(cancelled));
    });
}

} // namespace hk
