#include "db/hall/hall_queue_store.h"

#include "db/logging.h"
#include "db/sql_values.h"

#include <algorithm>

namespace hk {

HallQueueStore::HallQueueStore(HallSession &session, Database &local, int offlineIndex)
    : m_session(session)
    , m_hall(session.database())
    , m_local(local, offlineIndex)
    , m_localBookings(local)
    , m_merge(session.database(), local)
{
}

QueueError HallQueueStore::offline() const
{
    return sql::offlineError<QueueError>(QStringLiteral("the hall database is offline: %1").arg(m_session.offlineReason()));
}

// An issue in the hall that answered Offline: the hall is gone, and what was lost was no COMMIT,
// so nothing of the ticket is in the hall and the citizen's tap is served from the file.
bool HallQueueStore::lostBeforeCommit(const QueueError &error) const
{
    return error.kind == QueueError::Kind::Offline && !m_session.online() && !sql::commitInDoubt();
}

Result<IssuedTicket, QueueError> HallQueueStore::issueWalkIn(const WalkInRequest &request)
{
    if (m_session.online()) {
        sql::clearCommitInDoubt();
        auto issued = m_hall.issueWalkIn(request);
        if (issued || !lostBeforeCommit(issued.error()))
            return issued;
        qCInfo(lcDb).noquote() << "the hall was lost before the ticket's commit; issuing in the offline series";
    }
    auto issued = m_local.issueWalkIn(request);
    if (!issued)
        return issued;
    IssuedTicket ticket = std::move(issued).value();
    ticket.peopleAhead = -1; // the hall's queue is not known here
    qCInfo(lcDb).noquote() << "offline ticket" << ticket.number << "issued";
    return ticket;
}

Result<IssuedTicket, QueueError> HallQueueStore::issueBooked(const BookedRequest &request)
{
    if (m_session.online()) {
        sql::clearCommitInDoubt();
        auto issued = m_hall.issueBooked(request);
        if (issued)
            mirrorCheckIn(request, issued.value());
        if (issued || !lostBeforeCommit(issued.error()))
            return issued;
        qCInfo(lcDb).noquote() << "the hall was lost before the check-in's commit; issuing in the offline series";
    }
    auto issued = m_local.issueBooked(request);
    if (!issued)
        return issued;
    IssuedTicket ticket = std::move(issued).value();
    ticket.peopleAhead = -1;
    qCInfo(lcDb).noquote() << "offline ticket" << ticket.number << "issued for booking" << request.bookingId;
    return ticket;
}

// The file's cache learns the check-in the hall made, so that during a later outage this terminal
// still refuses a second check-in of the booking. Its ticket is the hall's: not named in the file.
void HallQueueStore::mirrorCheckIn(const BookedRequest &request, const IssuedTicket &ticket)
{
    BookingRecord booking;
    booking.id = request.bookingId;
    booking.status = BookingState::CheckedIn;
    booking.matterCode = request.matterCode;
    booking.groupCode = request.groupCode;
    booking.slotStart = request.slotStart;
    booking.channel = QStringLiteral("online");
    booking.ticketId = ticket.id;
    if (auto mirrored = m_localBookings.mirrorStatus(booking); !mirrored)
        qCWarning(lcDb).noquote() << "booking" << request.bookingId << "checked in; the local cache does not know it:" << mirrored.error().detail;
}

Result<void, StoreError> HallQueueStore::setPrintState(const QString &ticketId, PrintState state)
{
    if (m_session.online()) {
        auto set = m_hall.setPrintState(ticketId, state);
        if (set || set.error().kind != StoreError::Kind::NotFound)
            return set;
    }
    auto set = m_local.setPrintState(ticketId, state);
    if (!set && set.error().kind == StoreError::Kind::NotFound && !m_session.online())
        return fail(sql::offlineError<StoreError>(offline().detail)); // a ticket of the hall
    return set;
}

Result<void, StoreError> HallQueueStore::recordReprint(const QString &ticketId, PrintState state, bool byCitizen,
                                                      const AuditEntry &audit)
{
    if (m_session.online()) {
        auto recorded = m_hall.recordReprint(ticketId, state, byCitizen, audit);
        if (recorded || recorded.error().kind != StoreError::Kind::NotFound)
            return recorded;
    }
    // An offline ticket not merged yet: its reprint and audit row stay in the terminal's file.
    auto recorded = m_local.recordReprint(ticketId, state, byCitizen, audit);
    if (!recorded && recorded.error().kind == StoreError::Kind::NotFound && !m_session.online())
        return fail(sql::offlineError<StoreError>(offline().detail));
    return recorded;
}

Result<int, StoreError> HallQueueStore::waitingCount(const QString &groupCode, const CivilDate &serviceDate)
{
    return m_hall.waitingCount(groupCode, serviceDate); // offline: fails at once
}

Result<WindowState, QueueError> HallQueueStore::callNext(const WindowContext &context)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.callNext(context);
}

Result<WindowState, QueueError> HallQueueStore::recall(const WindowContext &context, int recallMax)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.recall(context, recallMax);
}

Result<WindowState, QueueError> HallQueueStore::startServing(const WindowContext &context)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.startServing(context);
}

Result<WindowState, QueueError> HallQueueStore::pass(const WindowContext &context)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.pass(context);
}

Result<WindowState, QueueError> HallQueueStore::finish(const WindowContext &context)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.finish(context);
}

Result<WindowState, QueueError> HallQueueStore::setMode(const WindowContext &context, WindowMode mode)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.setMode(context, mode);
}

Result<WindowState, QueueError> HallQueueStore::resume(const WindowContext &context)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.resume(context);
}

Result<WindowState, QueueError> HallQueueStore::transfer(const WindowContext &context, const QString &toGroup)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.transfer(context, toGroup);
}

Result<WindowState, QueueError> HallQueueStore::windowState(int window)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.windowState(window);
}

Result<TicketRecord, QueueError> HallQueueStore::requeue(const QString &ticketId, const QDateTime &at)
{
    if (!m_session.online())
        return fail(offline());
    return m_hall.requeue(ticketId, at);
}

Result<std::vector<TicketRecord>, StoreError> HallQueueStore::tickets(const CivilDate &serviceDate)
{
    auto all = m_hall.tickets(serviceDate); // offline: fails at once
    if (!all)
        return all;
    std::vector<TicketRecord> tickets = std::move(all).value();
    // Offline tickets issued before the hall came back and not merged yet.
    if (auto local = m_local.tickets(serviceDate)) {
        for (TicketRecord &t : local.value()) {
            if (!t.number.contains(QLatin1Char('-')))
                continue; // not an offline ticket
            const bool merged = std::any_of(tickets.begin(), tickets.end(), [&t](const TicketRecord &h) { return h.id == t.id; });
            if (!merged)
                tickets.push_back(std::move(t));
        }
    }
    return tickets;
}

Result<std::optional<TicketRecord>, StoreError> HallQueueStore::ticket(const QString &ticketId)
{
    std::optional<StoreError> hallError;
    if (m_session.online()) {
        auto found = m_hall.ticket(ticketId);
        if (found && found.value())
            return found;
        if (!found)
            hallError = found.error();
    }
    auto local = m_local.ticket(ticketId);
    if (!local || local.value())
        return local;
    // Not in the file: unknown if the hall said so, else the hall's to tell.
    if (hallError)
        return fail(*hallError);
    if (!m_session.online())
        return fail(sql::offlineError<StoreError>(offline().detail));
    return local;
}

Result<DayCloseSummary, StoreError> HallQueueStore::closeDay(const DayClose &close)
{
    return m_hall.closeDay(close); // the hall's, once; offline it fails at once and runs when it is back
}

Result<std::vector<CivilDate>, StoreError> HallQueueStore::unclosedDays()
{
    return m_hall.unclosedDays();
}

int HallQueueStore::offlineTickets()
{
    auto pending = m_merge.pending();
    if (!pending) {
        qCWarning(lcDb).noquote() << "cannot count the offline tickets:" << pending.error().detail;
        return -1;
    }
    return pending.value();
}

Result<MergeSummary, StoreError> HallQueueStore::mergeOffline()
{
    return mergeOffline(QDateTime());
}

Result<MergeSummary, StoreError> HallQueueStore::mergeOffline(const QDateTime &at)
{
    if (!m_session.online())
        return fail(sql::offlineError<StoreError>(offline().detail));
    return m_merge.mergeAll(at);
}

} // namespace hk
