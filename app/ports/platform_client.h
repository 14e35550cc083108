#pragma once

#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"
#include "app/ports/outbox_event.h"
#include "app/ports/stores/booking_store.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace hk {

// Why a call to the platform did not give what was asked (DESIGN §6). Every kind is expected in
// the field: the terminal keeps serving and the sync tries again.
struct PlatformError {
    enum class Kind {
        Network,      // no connection, refused, reset, or closed before the whole answer arrived
        Timeout,      // no complete answer within the configured timeout
        Server,       // 5xx
        BadResponse,  // an answer that is not the contract's JSON
        ClockSkew,    // 401 clock_skew: the clocks disagree by more than the platform allows
        Unauthorized, // 401 bad_signature: wrong secret or unknown terminal
        Refused,      // 4xx with an error code: the platform refuses this request (a booking rule …)
        NotFound,     // 404
    };
    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString code;    // the contract's error code when the platform gave one (slot_full, clock_skew …)
    QString message; // for logs and technicians; never personal data
    std::optional<qint64> serverTime; // ClockSkew: the platform's clock, Unix seconds
};

QString nameOf(PlatformError::Kind kind);
QString describe(const PlatformError &error); // one line for the log and the health page

struct PulledCatalog {
    Catalog catalog;
    QByteArray json;     // as sent, for the terminal to keep
    QStringList warnings; // keys this version does not know (the platform may be newer)
};

struct BookingPage {
    std::vector<BookingRecord> bookings;
    QString cursor;    // where the next pull starts
    bool more = false; // the platform holds more right away
    int skipped = 0;   // entries that broke the contract, left out and logged
};

struct EventRejection {
    QString id;
    QString error;
};

struct EventBatchReply {
    QStringList accepted;
    QStringList duplicates;
    std::vector<EventRejection> rejected;
};

struct SlotAvailability {
    QDateTime start;
    QDateTime end;
    int capacity = 0;
    int booked = 0;
};

// Who books. Held only for the request: the terminal never stores the ID number or the name.
struct Applicant {
    QString idNumber;
    QString name;
    QString phone;
};

struct BookingOrder {
    QString matterCode;
    QDateTime slotStart;
    Applicant applicant;
    // DESIGN §6: a UUID made once per booking the citizen confirms; the same order sent again (an
    // answer lost on the way) carries the same id, and the platform books it once. Empty: the
    // client makes one for this request alone (a caller that never asks again).
    QString requestId;
};

struct PlacedBooking {
    BookingRecord booking;
    QString qrToken; // YY1.… signed by the platform
};

// The unified booking platform as the terminal uses it (DESIGN §6). Every call is asynchronous:
// its callback runs exactly once, later, on the caller's thread, within the configured timeout.
class PlatformClient {
public:
    template <typename T> using Callback = std::function<void(Result<T, PlatformError>)>;

    virtual ~PlatformClient() = default;

    virtual void fetchCatalog(Callback<PulledCatalog> done) = 0;
    // The first pull sends no cursor.
    virtual void fetchBookings(const std::optional<QString> &cursor, int limit, Callback<BookingPage> done) = 0;
    virtual void sendEvents(const std::vector<OutboxEvent> &events, Callback<EventBatchReply> done) = 0;
    virtual void fetchSlots(const CivilDate &date, const QString &matterCode, Callback<std::vector<SlotAvailability>> done) = 0;
    virtual void createBooking(const BookingOrder &order, Callback<PlacedBooking> done) = 0;
    virtual void cancelBooking(const QString &bookingId, Callback<BookingRecord> done) = 0;

    // The platform's clock minus the terminal's, in seconds, as measured from its last clock_skew
    // answer; none while the clocks have agreed.
    virtual std::optional<qint64> clockOffsetS() const = 0;
};

} // namespace hk
