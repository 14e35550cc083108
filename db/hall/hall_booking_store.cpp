#include "db/hall/hall_booking_store.h"

#include "db/logging.h"
#include "db/sql_values.h"

namespace hk {

HallBookingStore::HallBookingStore(HallSession &session, Database &local)
    : m_session(session)
    , m_hall(session.database())
    , m_local(local)
{
}

StoreError HallBookingStore::offline() const
{
    return sql::offlineError<StoreError>(QStringLiteral("the hall database is offline: %1").arg(m_session.offlineReason()));
}

Result<bool, StoreError> HallBookingStore::upsert(const BookingRecord &booking)
{
    auto cached = m_local.upsert(booking);
    if (m_session.online()) {
        if (auto stored = m_hall.upsert(booking); !stored)
            qCWarning(lcDb).noquote() << "booking" << booking.id << "cached, not in the hall:" << stored.error().detail;
    }
    return cached;
}

Result<int, StoreError> HallBookingStore::upsertMany(const std::vector<BookingRecord> &bookings)
{
    auto cached = m_local.upsertMany(bookings);
    if (m_session.online()) {
        if (auto stored = m_hall.upsertMany(bookings); !stored)
            qCWarning(lcDb).noquote() << bookings.size() << "booking(s) cached, not in the hall:" << stored.error().detail;
    }
    return cached;
}

Result<std::optional<BookingRecord>, StoreError> HallBookingStore::find(const QString &bookingId)
{
    if (m_session.online()) {
        auto found = m_hall.find(bookingId);
        if (found || m_session.online())
            return found;
    }
    return m_local.find(bookingId);
}

Result<std::vector<BookingRecord>, StoreError> HallBookingStore::findByDigest(const QString &idDigest, const CivilDate &serviceDate)
{
    if (m_session.online()) {
        auto found = m_hall.findByDigest(idDigest, serviceDate);
        if (found || m_session.online())
            return found;
    }
    return m_local.findByDigest(idDigest, serviceDate);
}

Result<int, StoreError> HallBookingStore::markNoShows(const QDateTime &lapsedBefore, const QDateTime &at)
{
    if (!m_session.online())
        return fail(offline());
    auto marked = m_hall.markNoShows(lapsedBefore, at);
    if (!marked)
        return marked;
    if (auto mirrored = m_local.mirrorNoShows(lapsedBefore); !mirrored)
        qCWarning(lcDb).noquote() << "no-shows marked in the hall, not in the local cache:" << mirrored.error().detail;
    return marked;
}

Result<bool, StoreError> HallBookingStore::forfeit(const QString &bookingId, const QDateTime &at)
{
    if (!m_session.online())
        return fail(offline());
    auto forfeited = m_hall.forfeit(bookingId, at);
    if (!forfeited)
        return forfeited;
    // The cache follows the hall's word, whatever it was (forfeited now, or checked in elsewhere).
    if (auto hall = m_hall.find(bookingId); hall && hall.value()) {
        if (auto mirrored = m_local.mirrorStatus(**hall); !mirrored)
            qCWarning(lcDb).noquote() << "booking" << bookingId << "forfeited in the hall, not in the local cache:" << mirrored.error().detail;
    }
    return forfeited;
}

} // namespace hk
