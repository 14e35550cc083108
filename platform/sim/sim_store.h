#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/booking_store.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace hk {

// One event the platform took in, as it keeps it.
struct ReceivedEvent {
    qint64 seq = 0; // the order it arrived in
    QString id;
    QString type;
    QString at;
    QString terminal;
    QJsonObject data;
    QString receivedAt;
};

// The reference platform's own SQLite store (DESIGN §2: the terminal's db is not linked here).
// Bookings carry a change sequence, the cursor of the booking pull; events are kept by id, so
// each is applied once however often it is sent.
class SimStore {
public:
    static Result<std::unique_ptr<SimStore>, QString> open(const QString &path); // ":memory:" for tests
    ~SimStore();
    SimStore(const SimStore &) = delete;
    SimStore &operator=(const SimStore &) = delete;

    Result<void, QString> begin();
    Result<void, QString> commit();
    void rollback();

    std::optional<QString> meta(const QString &key);
    Result<void, QString> setMeta(const QString &key, const QString &value);
    qint64 counter(const QString &key);
    Result<void, QString> addToCounter(const QString &key, qint64 amount);

    // A new booking, version 1 unless given; takes the next change sequence.
    Result<void, QString> insertBooking(const BookingRecord &booking);
    // version + 1 and a new change sequence, so the next pull carries it.
    Result<BookingRecord, QString> setStatus(const QString &bookingId, BookingState status);
    std::optional<BookingRecord> booking(const QString &bookingId);
    std::vector<BookingRecord> bookingsOf(const QString &idDigest);
    int activeBookings(const QString &groupCode, qint64 slotStartUnix);
    int bookingCount(const QString &serviceDate = {});
    QJsonObject countByStatus();

    struct Page {
        std::vector<BookingRecord> bookings;
        qint64 lastSeq = 0;
        bool more = false;
    };
    Page changesSince(qint64 seq, int limit);

    bool hasEvent(const QString &id);
    Result<void, QString> insertEvent(const ReceivedEvent &event);
    std::vector<ReceivedEvent> eventsAfter(qint64 seq, int limit);
    int eventCount();

    Result<void, QString> linkTicket(const QString &ticketId, const QString &bookingId);
    std::optional<QString> bookingOfTicket(const QString &ticketId);
    // DESIGN §6: the booking a request_id made, so a repeated request returns it.
    Result<void, QString> linkRequest(const QString &requestId, const QString &bookingId);
    std::optional<QString> bookingOfRequest(const QString &requestId);

private:
    SimStore(QString connectionName);
    QSqlDatabase db() const;
    qint64 nextChangeSeq();

    QString m_connection;
};

} // namespace hk
