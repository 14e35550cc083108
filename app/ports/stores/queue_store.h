#pragma once

#include "app/domain/queue/ticket.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"
#include "app/ports/stores/audit_log.h"
#include "app/ports/stores/queue_types.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hk {

struct WalkInRequest {
    QString groupCode;
    char prefix = 'A';
    CivilDate serviceDate; // the center's civil date the number belongs to
    QDateTime at;
    QString terminalId;
    int dailyCap = 0; // 0: no cap
};

struct IssuedTicket {
    QString id; // UUID, carried in the ticket QR
    QString number;
    TicketKind kind = TicketKind::WalkIn;
    QString groupCode;
    CivilDate serviceDate;
    QDateTime issuedAt;
    int peopleAhead = 0; // waiting tickets of the same group issued before this one
};

// A day close as the services decide it (DESIGN §3, Tickets; B5).
struct DayClose {
    CivilDate serviceDate;
    QDateTime at;           // when it runs, in the center's zone
    QDateTime serviceEnd;   // the end of the day's last open interval: a ticket still called or serving
                            // is finished then (or at `at`, if earlier), never at a later start-up
    QDateTime lapsedBefore; // B5: a booking still booked lapses only if its slot started before this
};

struct DayCloseSummary {
    int expired = 0;
    int served = 0;  // tickets still called or being served at close, finished then
    int noShows = 0; // bookings of the day never checked in
};

// The tickets and windows of the hall. Every call that changes them is one transaction that writes
// the change and the outbox events reporting it together (DESIGN §5, §6), so the platform can be
// told exactly once, whatever instant the power goes. The outbox itself is `OutboxStore`'s.
class QueueStore {
public:
    virtual ~QueueStore() = default;

    // Takes the next number of the group's series for the day. Numbers are never reused.
    virtual Result<IssuedTicket, QueueError> issueWalkIn(const WalkInRequest &request) = 0;
    // A booking checked in (C4): a ticket of the booked series, the booking marked checked in,
    // `booking_checked_in` and `ticket_issued` in one transaction.
    virtual Result<IssuedTicket, QueueError> issueBooked(const BookedRequest &request) = 0;
    virtual Result<void, StoreError> setPrintState(const QString &ticketId, PrintState state) = 0;
    // A reprint (补打) that went to the printer: its print state, one more reprint (and one more by
    // the citizen when `byCitizen`), and its audit row — in one transaction.
    virtual Result<void, StoreError> recordReprint(const QString &ticketId, PrintState state, bool byCitizen,
                                                   const AuditEntry &audit) = 0;
    virtual Result<int, StoreError> waitingCount(const QString &groupCode, const CivilDate &serviceDate) = 0;

    // Window operations (DESIGN §3, Calling; §7 console routes).
    virtual Result<WindowState, QueueError> callNext(const WindowContext &context) = 0;
    virtual Result<WindowState, QueueError> recall(const WindowContext &context, int recallMax) = 0;
    // The called citizen has arrived: their ticket is being served.
    virtual Result<WindowState, QueueError> startServing(const WindowContext &context) = 0;
    virtual Result<WindowState, QueueError> pass(const WindowContext &context) = 0;
    virtual Result<WindowState, QueueError> finish(const WindowContext &context) = 0;
    virtual Result<WindowState, QueueError> setMode(const WindowContext &context, WindowMode mode) = 0;
    virtual Result<WindowState, QueueError> resume(const WindowContext &context) = 0;
    virtual Result<WindowState, QueueError> transfer(const WindowContext &context, const QString &toGroup) = 0;
    virtual Result<WindowState, QueueError> windowState(int window) = 0;
    // Q4: a passed ticket back in the queue, three places behind the head of its group.
    virtual Result<TicketRecord, QueueError> requeue(const QString &ticketId, const QDateTime &at) = 0;

    virtual Result<std::vector<TicketRecord>, StoreError> tickets(const CivilDate &serviceDate) = 0;
    virtual Result<std::optional<TicketRecord>, StoreError> ticket(const QString &ticketId) = 0;

    // Day close (DESIGN §3): tickets still called or serving are finished (`closed_by_day_close`),
    // tickets left waiting or passed expire, bookings never checked in whose slot started before
    // `lapsedBefore` become no-shows (an emergency booking never: B7).
    virtual Result<DayCloseSummary, StoreError> closeDay(const DayClose &close) = 0;
    // Days that have tickets or bookings and have not been closed, oldest first.
    virtual Result<std::vector<CivilDate>, StoreError> unclosedDays() = 0;
};

} // namespace hk
