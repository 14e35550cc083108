#pragma once

#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/domain/time/working_calendar.h"
#include "app/ports/clock.h"
#include "app/ports/platform_client.h"
#include "app/services/center_time.h"
#include "platform/sim/platform_keys.h"
#include "platform/sim/sim_store.h"

#include <QJsonObject>
#include <QUrlQuery>

#include <optional>

namespace hk {

// An answer of the platform API: status and JSON body (errors as {"error", "message"}).
struct ApiReply {
    int status = 200;
    QJsonObject body;
    static ApiReply error(int status, const QString &code, const QString &message);
};

struct NewBookingRequest {
    QString matterCode;
    QDateTime slotStart;
    QString channel = QStringLiteral("terminal"); // onsite | phone | online | terminal | web | app | mini_program
    Applicant applicant;
    bool emergency = false; // B7, staff only
};

// What the unified booking platform does with each call of DESIGN §6, over its own store: it
// books and cancels through the domain's rules (B1–B7, the same code the terminal runs), signs
// the booking QR codes with its Ed25519 key, serves bookings by change cursor and takes each
// event once by id, applying what it reports to the bookings. No HTTP here: PlatformServer
// puts it on the wire, the demo data generator and the tests call it directly.
class ReferencePlatform {
public:
    ReferencePlatform(SimStore &store, PlatformKeys &keys, const Clock &clock);

    // The catalog in force: the one stored, else `fallbackJson` (then stored).
    Result<void, QString> loadCatalog(const QByteArray &fallbackJson);
    // A new catalog (a new version for the terminals to pull).
    Result<void, QString> setCatalog(const QByteArray &json);
    const Catalog &catalog() const { return m_catalog; }
    const WorkingCalendar &calendar() const { return m_calendar; }
    const CenterTime &centerTime() const { return m_time; }
    SimStore &store() { return m_store; }
    PlatformKeys &keys() { return m_keys; }

    ApiReply catalogReply(const QString &center) const;
    ApiReply bookingsReply(const QString &center, const QUrlQuery &query);
    ApiReply slotsReply(const QString &center, const QUrlQuery &query);
    ApiReply createReply(const QString &center, const QByteArray &body);
    ApiReply cancelReply(const QString &bookingId);
    ApiReply eventsReply(const QString &center, const QString &terminalId, const QByteArray &body);

    Result<PlacedBooking, ApiReply> place(const NewBookingRequest &request, const QDateTime &now);
    Result<BookingRecord, ApiReply> cancel(const QString &bookingId, const QDateTime &now);
    QString tokenFor(const BookingRecord &booking) const;
    QJsonObject bookingJson(const BookingRecord &booking) const;

    static constexpr int kMaxPage = 1000;
    static constexpr int kMaxEventBatch = 500;

private:
    std::optional<ApiReply> wrongCenter(const QString &center) const;
    QString validateEvent(const QString &type, const QJsonObject &data) const;
    Result<void, QString> applyEvent(const QString &type, const QJsonObject &data);

    SimStore &m_store;
    PlatformKeys &m_keys;
    const Clock &m_clock;
    Catalog m_catalog;
    QJsonObject m_catalogJson;
    WorkingCalendar m_calendar;
    CenterTime m_time;
};

} // namespace hk
