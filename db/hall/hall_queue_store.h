#pragma once

#include "app/ports/stores/queue_store.h"
#include "db/hall/hall_session.h"
#include "db/hall/offline_merge.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_queue_store.h"

namespace hk {

// The queue of a hall terminal (DESIGN §11): the hall's queue on PostgreSQL while the hall database
// is reachable, the terminal's own file while it is not.
//
// Online everything is the hall's (a SqlQueueStore on the session's database). Offline:
// - walk-in and booked tickets are issued from the terminal's SQLite file in its offline series
//   ("A2-001", "Y2-001"; SqlQueueStore with `offlineIndex`), a booked one checking the booking in
//   in the file's bookings cache; their people ahead are unknown (-1): the hall's queue is not here;
// - window operations, re-queues and day close fail with the offline error of their result
//   (QueueError::Kind::Offline, "the hall database is offline: …"; StoreError Unavailable);
// - reads: a ticket is looked up in the file (a reprint of an offline ticket works); the day's
//   tickets and the waiting counts are the hall's to tell, and fail as offline.
// Online, a ticket not (yet) in the hall is looked up in the file, so an offline ticket reads the
// same before and after its merge; a check-in made in the hall is mirrored into the file's cache,
// so that a later outage still knows the booking was checked in.
//
// An issue that found the hall gone before its COMMIT was sent goes to the file at once, so a tap in
// the first seconds of an outage still prints (nothing of it is in the hall). One that lost the
// connection at COMMIT answers Offline and the next goes to the file: that commit may have reached
// the hall before the answer was lost (a ticket nobody holds, called once and passed), and a second
// ticket for the same tap would be worse. mergeOffline() brings the offline tickets into the hall (OfflineMerge) once it is
// back — the composition root calls it on HallSession::cameBack.
class HallQueueStore final : public QueueStore {
public:
    // `local` is the terminal's SQLite file; `offlineIndex` its `hall.index` (1–9).
    HallQueueStore(HallSession &session, Database &local, int offlineIndex);

    Result<IssuedTicket, QueueError> issueWalkIn(const WalkInRequest &request) override;
    Result<IssuedTicket, QueueError> issueBooked(const BookedRequest &request) override;
    Result<void, StoreError> setPrintState(const QString &ticketId, PrintState state) override;
    Result<void, StoreError> recordReprint(const QString &ticketId, PrintState state, bool byCitizen,
                                           const AuditEntry &audit) override;
    Result<int, StoreError> waitingCount(const QString &groupCode, const CivilDate &serviceDate) override;

    Result<WindowState, QueueError> callNext(const WindowContext &context) override;
    Result<WindowState, QueueError> recall(const WindowContext &context, int recallMax) override;
    Result<WindowState, QueueError> startServing(const WindowContext &context) override;
    Result<WindowState, QueueError> pass(const WindowContext &context) override;
    Result<WindowState, QueueError> finish(const WindowContext &context) override;
    Result<WindowState, QueueError> setMode(const WindowContext &context, WindowMode mode) override;
    Result<WindowState, QueueError> resume(const WindowContext &context) override;
    Result<WindowState, QueueError> transfer(const WindowContext &context, const QString &toGroup) override;
    Result<WindowState, QueueError> windowState(int window) override;
    Result<TicketRecord, QueueError> requeue(const QString &ticketId, const QDateTime &at) override;

    Result<std::vector<TicketRecord>, StoreError> tickets(const CivilDate &serviceDate) override;
    Result<std::optional<TicketRecord>, StoreError> ticket(const QString &ticketId) override;

    Result<DayCloseSummary, StoreError> closeDay(const DayClose &close) override;
    Result<std::vector<CivilDate>, StoreError> unclosedDays() override;

    // Offline tickets in the file not yet merged into the hall (health's `offline_tickets`); -1 if
    // the file cannot be read.
    int offlineTickets();
    // Merges them (OfflineMerge): fails at once, Unavailable, while the hall is offline. Events the
    // merge writes (a duplicate check-in's `ticket_cancelled`) carry `at`, the center's now; without
    // it, now at the offset of the merged ticket's own issue event.
    Result<MergeSummary, StoreError> mergeOffline();
    Result<MergeSummary, StoreError> mergeOffline(const QDateTime &at);

    SqlQueueStore &hallStore() { return m_hall; }
    SqlQueueStore &localStore() { return m_local; }

private:
    QueueError offline() const;
    bool lostBeforeCommit(const QueueError &error) const;
    void mirrorCheckIn(const BookedRequest &request, const IssuedTicket &ticket);

    HallSession &m_session;
    SqlQueueStore m_hall;
    SqlQueueStore m_local;
    SqlBookingStore m_localBookings;
    OfflineMerge m_merge;
};

} // namespace hk
