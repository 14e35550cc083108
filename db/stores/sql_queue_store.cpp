#include "db/stores/sql_queue_store.h"

#include "app/domain/queue/ticket_lifecycle.h"
#include "app/domain/queue/wait_target.h"
#include "db/audit_chain.h"
#include "db/logging.h"
#include "db/sql_values.h"
#include "db/stores/sql_outbox_store.h"
#include "db/transaction.h"

#include <QSqlError>

namespace hk {

using sql::newId;
using sql::run;
using sql::text;
using sql::unixSeconds;
using sql::utcText;

namespace {

constexpr auto storeFailure = &sql::queryError<QueueError>;
// How many tickets one call-next passes over because other transactions hold them before it
// starts over (PostgreSQL): more than a hall has windows calling at one moment.
constexpr qsizetype kMostPassedOver = 32;
constexpr auto fromStore = &sql::fromStoreError<QueueError>;

StoreError toStore(const QueueError &e)
{
    return {StoreError::Kind::Unavailable, e.detail};
}

QVariant modeOrNull(const std::optional<WindowMode> &mode)
{
    return mode ? QVariant(text(nameOf(*mode))) : QVariant();
}

std::optional<WindowMode> modeFrom(const QVariant &v)
{
    return v.isNull() ? std::nullopt : windowModeFromString(v.toString().toStdString());
}

const QString kTicketColumns = QStringLiteral(
    "id, number, kind, group_code, state, issued_at, priority_key, slot_start, complexity, called_at, finished_at, "
    "passed_at, window_number, booking_id, recalls, matter, print_state, reprints, citizen_reprints");

TicketRecord ticketFrom(const QSqlQuery &q)
{
    TicketRecord t;
    t.id = q.value(0).toString();
    t.number = q.value(1).toString();
    t.kind = ticketKindFromString(q.value(2).toString().toStdString()).value_or(TicketKind::WalkIn);
    t.groupCode = q.value(3).toString();
    t.state = ticketStateFromString(q.value(4).toString().toStdString()).value_or(TicketState::Waiting);
    t.issuedAt = *sql::instantOrNull(q.value(5));
    if (!q.value(6).isNull())
        t.priorityAt = QDateTime::fromSecsSinceEpoch(q.value(6).toLongLong(), Qt::UTC);
    t.slotStart = sql::instantOrNull(q.value(7));
    if (!q.value(8).isNull())
        t.complexity = complexityFromString(q.value(8).toString().toStdString());
    t.calledAt = sql::instantOrNull(q.value(9));
    t.finishedAt = sql::instantOrNull(q.value(10));
    t.passedAt = sql::instantOrNull(q.value(11));
    if (!q.value(12).isNull())
        t.window = q.value(12).toInt();
    t.bookingId = q.value(13).toString();
    t.recalls = q.value(14).toInt();
    t.matterCode = q.value(15).toString();
    t.printState = printStateFromString(q.value(16).toString().toStdString()).value_or(PrintState::Pending);
    t.reprints = q.value(17).toInt();
    t.citizenReprints = q.value(18).toInt();
    return t;
}

QJsonObject ticketData(const TicketRecord &t, std::optional<int> window = std::nullopt)
{
    QJsonObject data{{QStringLiteral("ticket"), t.id}, {QStringLiteral("number"), t.number}};
    if (window)
        data.insert(QStringLiteral("window"), *window);
    return data;
}

Result<void, QueueError> event(QSqlQuery &q, const QString &type, const QDateTime &at, const QJsonObject &data)
{
    if (auto inserted = insertOutboxEvent(q, {newId(), type, at, data}); !inserted)
        return fail(fromStore(inserted.error()));
    return Ok{};
}

} // namespace

SqlQueueStore::SqlQueueStore(Database &database, int offlineIndex)
    : m_database(database)
    , m_offlineIndex(offlineIndex)
{
    Q_ASSERT(offlineIndex == 0 || (offlineIndex >= kMinTerminalIndex && offlineIndex <= kMaxTerminalIndex));
}

QString SqlQueueStore::seriesOf(char prefix) const
{
    return m_offlineIndex > 0 ? QString::fromStdString(offlineSeries(prefix, m_offlineIndex)) : QString(QLatin1Char(prefix));
}

QString SqlQueueStore::numberOf(char prefix, int seq) const
{
    return QString::fromStdString(m_offlineIndex > 0 ? formatOfflineTicketNumber(prefix, m_offlineIndex, seq)
                                                     : formatTicketNumber(prefix, seq));
}

Result<std::optional<TicketRecord>, QueueError> SqlQueueStore::loadTicket(QSqlQuery &q, const QString &ticketId, const QString &lock)
{
    if (!run(q, QStringLiteral("SELECT %1 FROM tickets WHERE id = ?").arg(kTicketColumns) + lock, {ticketId}))
        return fail(storeFailure(QStringLiteral("load ticket"), q));
    if (!q.next())
        return std::optional<TicketRecord>();
    return std::optional<TicketRecord>(ticketFrom(q));
}

Result<int, QueueError> SqlQueueStore::takeNumber(QSqlQuery &q, const CivilDate &date, const QString &letter, int cap)
{
    const QString day = QString::fromStdString(date.toString());
    if (cap > 0) {
        if (!run(q, QStringLiteral("SELECT last_seq FROM number_series WHERE service_date = ? AND series = ?"), {day, letter}))
            return fail(storeFailure(QStringLiteral("read number"), q));
        if (q.next() && q.value(0).toInt() >= cap)
            return fail(QueueError{QueueError::Kind::DailyCapReached, QStringLiteral("%1 tickets issued today").arg(cap)});
    }
    if (!run(q, QStringLiteral("INSERT INTO number_series (service_date, series, last_seq) VALUES (?, ?, 1) "
                               "ON CONFLICT (service_date, series) DO UPDATE SET last_seq = number_series.last_seq + 1 "
                               "RETURNING last_seq"),
             {day, letter}) ||
        !q.next())
        return fail(storeFailure(QStringLiteral("take number"), q));
    const int seq = q.value(0).toInt();
    if (!run(q, QStringLiteral("INSERT INTO service_days (service_date) VALUES (?) ON CONFLICT (service_date) DO NOTHING"), {day}))
        return fail(storeFailure(QStringLiteral("open day"), q));
    return seq;
}

// Counted after the ticket's commit, outside its transaction: a display value, not queue state,
// not worth a read of every waiting ticket of the group while the issue holds the issues' turn
// (PostgreSQL), nor the serializable issue's depending on what windows change meanwhile.
// A walk-in counts the group's waiting tickets before it in the arrival order; a booked ticket the
// booked ones whose priority starts no later than its own (C4). -1 when it cannot be read.
// The ticket itself is subtracted (a count of its own row, by its key) rather than left out with
// `id <> ?`: that condition is not in the people-ahead indexes, and would read the row of every
// ticket counted — on SQLite most of an issue's time with thousands waiting.
int SqlQueueStore::peopleAhead(const IssuedTicket &ticket, std::optional<qint64> priorityKey)
{
    QSqlQuery q(m_database.connection());
    const QString date = QString::fromStdString(ticket.serviceDate.toString());
    const QString counted = priorityKey ? QStringLiteral("service_date = ? AND group_code = ? AND state = 'waiting' AND kind = 'booked' AND priority_key <= ?")
                                        : QStringLiteral("service_date = ? AND group_code = ? AND state = 'waiting' AND queue_key <= ?");
    const QVariant key = priorityKey ? QVariant(*priorityKey) : QVariant(unixSeconds(ticket.issuedAt));
    const bool ok = run(q,
                        QStringLiteral("SELECT (SELECT COUNT(*) FROM tickets WHERE %1) - (SELECT COUNT(*) FROM tickets WHERE id = ? AND %1)").arg(counted),
                        {date, ticket.groupCode, key, ticket.id, date, ticket.groupCode, key});
    if (!ok || !q.next()) {
        qCWarning(lcDb).noquote() << "people ahead of" << ticket.number << "unknown:" << q.lastError().text();
        return -1;
    }
    return q.value(0).toInt();
}

Result<IssuedTicket, QueueError> SqlQueueStore::issueWalkIn(const WalkInRequest &request)
{
    auto issued = m_database.retry([&]() -> Result<IssuedTicket, QueueError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db, Transaction::Mode::Write, Transaction::Turn::Numbers);
        if (auto begun = tx.begin(); !begun)
            return fail(fromStore(begun.error()));
        const QString series = seriesOf(request.prefix);
        auto seq = takeNumber(q, request.serviceDate, series, request.dailyCap);
        if (!seq)
            return fail(seq.error());
        const QString date = QString::fromStdString(request.serviceDate.toString());
        IssuedTicket ticket;
        ticket.id = newId();
        ticket.number = numberOf(request.prefix, seq.value());
        ticket.kind = TicketKind::WalkIn;
        ticket.groupCode = request.groupCode;
        ticket.serviceDate = request.serviceDate;
        ticket.issuedAt = request.at;
        if (!run(q, QStringLiteral("INSERT INTO tickets (id, service_date, series, seq, number, kind, group_code, issued_at, terminal, queue_key) "
                                   "VALUES (?, ?, ?, ?, ?, 'walkin', ?, ?, ?, ?)"),
                 {ticket.id, date, series, seq.value(), ticket.number, request.groupCode, utcText(request.at),
                  request.terminalId, unixSeconds(request.at)}))
            return fail(storeFailure(QStringLiteral("insert ticket"), q));
        if (auto e = event(q, QStringLiteral("ticket_issued"), request.at,
                           QJsonObject{{QStringLiteral("ticket"), ticket.id},
                                       {QStringLiteral("number"), ticket.number},
                                       {QStringLiteral("kind"), QStringLiteral("walkin")},
                                       {QStringLiteral("group"), request.groupCode}});
            !e)
            return fail(e.error());
        if (auto committed = tx.commit(); !committed)
            return fail(fromStore(committed.error()));
        return ticket;
    });
    if (!issued)
        return issued;
    IssuedTicket ticket = std::move(issued).value();
    ticket.peopleAhead = peopleAhead(ticket, std::nullopt);
    return ticket;
}

Result<IssuedTicket, QueueError> SqlQueueStore::issueBooked(const BookedRequest &request)
{
    auto issued = m_database.retry([&]() -> Result<IssuedTicket, QueueError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db, Transaction::Mode::Write, Transaction::Turn::Numbers);
        if (auto begun = tx.begin(); !begun)
            return fail(fromStore(begun.error()));
        if (!run(q, QStringLiteral("SELECT status, ticket_id FROM bookings WHERE id = ?"), {request.bookingId}))
            return fail(storeFailure(QStringLiteral("load booking"), q));
        const bool cached = q.next();
        if (cached) {
            const QString status = q.value(0).toString();
            if (status == QLatin1String("checked_in") || status == QLatin1String("served"))
                return fail(QueueError{QueueError::Kind::AlreadyCheckedIn, q.value(1).toString()});
            if (status != QLatin1String("booked"))
                return fail(QueueError{QueueError::Kind::NotAllowed, QStringLiteral("booking is %1").arg(status)});
        }
        const QString series = seriesOf(request.prefix);
        auto seq = takeNumber(q, request.serviceDate, series, 0);
        if (!seq)
            return fail(seq.error());
        const QString date = QString::fromStdString(request.serviceDate.toString());
        IssuedTicket ticket;
        ticket.id = newId();
        ticket.number = numberOf(request.prefix, seq.value());
        ticket.kind = TicketKind::Booked;
        ticket.groupCode = request.groupCode;
        ticket.serviceDate = request.serviceDate;
        ticket.issuedAt = request.at;
        if (!run(q, QStringLiteral("INSERT INTO tickets (id, service_date, series, seq, number, kind, group_code, issued_at, terminal, "
                                   "queue_key, priority_key, booking_id, matter, complexity, slot_start) "
                                   "VALUES (?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {ticket.id, date, series, seq.value(), ticket.number, request.groupCode,
                  utcText(request.at), request.terminalId, unixSeconds(request.at), qint64(unixSeconds(request.priorityAt)),
                  request.bookingId, request.matterCode, QString::fromLatin1(nameOf(request.complexity)),
                  utcText(request.slotStart)}))
            return fail(storeFailure(QStringLiteral("insert ticket"), q));
        // A booking made minutes ago may not be cached yet: its token's fields stand in (DESIGN §6).
        const bool stored = cached ? run(q, QStringLiteral("UPDATE bookings SET status = 'checked_in', ticket_id = ? WHERE id = ?"),
                                         {ticket.id, request.bookingId})
                                   : run(q, QStringLiteral("INSERT INTO bookings (id, version, status, matter, group_code, slot_start, "
                                                           "slot_start_s, service_date, channel, ticket_id) "
                                                           "VALUES (?, 0, 'checked_in', ?, ?, ?, ?, ?, 'online', ?)"),
                                         {request.bookingId, request.matterCode, request.groupCode, request.slotStart.toString(Qt::ISODate),
                                          qint64(unixSeconds(request.slotStart)), date, ticket.id});
        if (!stored)
            return fail(storeFailure(QStringLiteral("check in booking"), q));
        // One change, two facts, each reported once (DESIGN §6).
        if (auto e = event(q, QStringLiteral("booking_checked_in"), request.at,
                           QJsonObject{{QStringLiteral("booking_id"), request.bookingId}, {QStringLiteral("ticket"), ticket.id}});
            !e)
            return fail(e.error());
        if (auto e = event(q, QStringLiteral("ticket_issued"), request.at,
                           QJsonObject{{QStringLiteral("ticket"), ticket.id},
                                       {QStringLiteral("number"), ticket.number},
                                       {QStringLiteral("kind"), QStringLiteral("booked")},
                                       {QStringLiteral("group"), request.groupCode},
                                       {QStringLiteral("booking_id"), request.bookingId}});
            !e)
            return fail(e.error());
        if (auto committed = tx.commit(); !committed)
            return fail(fromStore(committed.error()));
        return ticket;
    });
    if (!issued)
        return issued;
    IssuedTicket ticket = std::move(issued).value();
    ticket.peopleAhead = peopleAhead(ticket, qint64(unixSeconds(request.priorityAt)));
    return ticket;
}

Result<void, StoreError> SqlQueueStore::setPrintState(const QString &ticketId, PrintState state)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("UPDATE tickets SET print_state = ? WHERE id = ?"), {text(nameOf(state)), ticketId}))
            return fail(storeError(QStringLiteral("print state"), q.lastError()));
        if (q.numRowsAffected() != 1)
            return fail(StoreError{StoreError::Kind::NotFound, QStringLiteral("no ticket %1").arg(ticketId)});
        return Ok{};
    });
}

Result<void, StoreError> SqlQueueStore::recordReprint(const QString &ticketId, PrintState state, bool byCitizen,
                                                     const AuditEntry &audit)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        if (!run(q, QStringLiteral("UPDATE tickets SET print_state = ?, reprints = reprints + 1, "
                                   "citizen_reprints = citizen_reprints + ? WHERE id = ?"),
                 {text(nameOf(state)), byCitizen ? 1 : 0, ticketId}))
            return fail(storeError(QStringLiteral("reprint"), q.lastError()));
        if (q.numRowsAffected() != 1)
            return fail(StoreError{StoreError::Kind::NotFound, QStringLiteral("no ticket %1").arg(ticketId)});
        if (auto row = AuditChain::append(q, audit); !row)
            return fail(row.error());
        return tx.commit();
    });
}

Result<int, StoreError> SqlQueueStore::waitingCount(const QString &groupCode, const CivilDate &serviceDate)
{
    return m_database.retry([&]() -> Result<int, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE service_date = ? AND group_code = ? AND state = 'waiting'"),
                 {QString::fromStdString(serviceDate.toString()), groupCode}) ||
            !q.next())
            return fail(storeError(QStringLiteral("count waiting"), q.lastError()));
        return q.value(0).toInt();
    });
}

// ---- windows ---------------------------------------------------------------------------------

// The window's row, locked until the transaction ends (PostgreSQL): two operations at one window
// take turns at it, operations at other windows do not wait. Made the first time the window acts.
Result<SqlQueueStore::WindowRow, QueueError> SqlQueueStore::loadWindow(QSqlQuery &q, int number, const Transaction &tx)
{
    const QString select =
        QStringLiteral("SELECT mode, pending_mode, resume_mode, current_ticket, booked_streak FROM windows WHERE number = ?") + tx.forUpdate();
    if (!run(q, select, {number}))
        return fail(storeFailure(QStringLiteral("load window %1").arg(number), q));
    if (!q.next() && (!run(q, QStringLiteral("INSERT INTO windows (number) VALUES (?) ON CONFLICT (number) DO NOTHING"), {number}) ||
                      !run(q, select, {number}) || !q.next()))
        return fail(storeFailure(QStringLiteral("load window %1").arg(number), q));
    WindowRow row;
    row.number = number;
    row.mode = modeFrom(q.value(0)).value_or(WindowMode::Normal);
    row.pending = modeFrom(q.value(1));
    row.resume = modeFrom(q.value(2));
    row.current = q.value(3).toString();
    row.streak = q.value(4).toInt();
    return row;
}

Result<void, QueueError> SqlQueueStore::saveWindow(QSqlQuery &q, const WindowRow &row)
{
    if (!run(q, QStringLiteral("UPDATE windows SET mode = ?, pending_mode = ?, resume_mode = ?, current_ticket = ?, "
                               "booked_streak = ? WHERE number = ?"),
             {text(nameOf(row.mode)), modeOrNull(row.pending), modeOrNull(row.resume),
              row.current.isEmpty() ? QVariant() : QVariant(row.current), row.streak, row.number}))
        return fail(storeFailure(QStringLiteral("save window"), q));
    return Ok{};
}

Result<WindowState, QueueError> SqlQueueStore::stateOf(QSqlQuery &q, const WindowRow &row)
{
    WindowState state;
    state.number = row.number;
    state.mode = row.mode;
    state.pendingMode = row.pending;
    if (!row.current.isEmpty()) {
        auto ticket = loadTicket(q, row.current);
        if (!ticket)
            return fail(ticket.error());
        state.current = ticket.value();
    }
    return state;
}

Result<WindowState, QueueError> SqlQueueStore::windowOperation(const WindowContext &context, const Body &body)
{
    return m_database.retry([&]() -> Result<WindowState, QueueError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db, Transaction::Mode::RowLocks);
        if (auto begun = tx.begin(); !begun)
            return fail(fromStore(begun.error()));
        auto row = loadWindow(q, context.window, tx);
        if (!row)
            return fail(row.error());
        if (auto done = body(q, row.value(), tx); !done)
            return fail(done.error());
        if (auto saved = saveWindow(q, row.value()); !saved)
            return fail(saved.error());
        auto state = stateOf(q, row.value());
        if (!state)
            return fail(state.error());
        if (auto committed = tx.commit(); !committed)
            return fail(fromStore(committed.error()));
        return state;
    });
}

Result<TicketRecord, QueueError> SqlQueueStore::requireCurrent(QSqlQuery &q, const WindowRow &row, TicketAction action)
{
    if (row.current.isEmpty())
        return fail(QueueError{QueueError::Kind::NoCurrentTicket, QStringLiteral("window %1 has no current ticket").arg(row.number)});
    auto ticket = loadTicket(q, row.current);
    if (!ticket)
        return fail(ticket.error());
    if (!ticket.value())
        return fail(QueueError{QueueError::Kind::UnknownTicket, row.current});
    if (!afterAction((*ticket)->state, action))
        return fail(QueueError{QueueError::Kind::NotAllowed,
                               QStringLiteral("ticket %1 is %2").arg((*ticket)->number, text(nameOf((*ticket)->state)))});
    return **ticket;
}

// The current citizen leaves the window: a mode switch asked for meanwhile now applies (Q3).
Result<void, QueueError> SqlQueueStore::leaveWindow(QSqlQuery &q, WindowRow &row, const QDateTime &at)
{
    row.current.clear();
    if (!row.pending)
        return Ok{};
    const WindowMode mode = *std::exchange(row.pending, std::nullopt);
    if (mode == row.mode)
        return Ok{};
    if (mode == WindowMode::Paused)
        row.resume = row.mode;
    row.mode = mode;
    return event(q, QStringLiteral("window_mode_changed"), at,
                 QJsonObject{{QStringLiteral("window"), row.number}, {QStringLiteral("mode"), text(nameOf(mode))}});
}

Result<void, QueueError> SqlQueueStore::finishCurrent(QSqlQuery &q, WindowRow &row, const QDateTime &at, std::optional<QDateTime> serviceEnd)
{
    auto ticket = loadTicket(q, row.current);
    if (!ticket)
        return fail(ticket.error());
    if (!ticket.value() || !afterAction((*ticket)->state, TicketAction::Finish))
        return leaveWindow(q, row, at); // nothing left to finish (closed by day close)
    const TicketRecord &t = **ticket;
    if (!run(q, QStringLiteral("SELECT COALESCE(started_at, called_at) FROM tickets WHERE id = ?"), {t.id}) || !q.next())
        return fail(storeFailure(QStringLiteral("service start"), q));
    const auto since = sql::instantOrNull(q.value(0));
    // Day close (DESIGN §3, Tickets): the service is counted only up to the end of the day's last
    // open interval, never up to a later start-up; the finish is dated then, not when the close ran.
    QDateTime finishedAt = at;
    if (serviceEnd && *serviceEnd < finishedAt)
        finishedAt = since && *since > *serviceEnd ? since->toOffsetFromUtc(serviceEnd->offsetFromUtc()) : *serviceEnd;
    const qint64 serviceSeconds = since ? std::max<qint64>(0, since->secsTo(finishedAt)) : 0;
    if (!run(q, QStringLiteral("UPDATE tickets SET state = 'served', finished_at = ?, closed_by_day_close = ? WHERE id = ?"),
             {utcText(finishedAt), serviceEnd ? 1 : 0, t.id}))
        return fail(storeFailure(QStringLiteral("finish"), q));
    QJsonObject data = ticketData(t, row.number);
    data.insert(QStringLiteral("service_seconds"), double(serviceSeconds));
    if (serviceEnd)
        data.insert(QStringLiteral("closed_by_day_close"), true);
    if (auto e = event(q, QStringLiteral("ticket_served"), finishedAt, data); !e)
        return e;
    return leaveWindow(q, row, at);
}

Result<WindowState, QueueError> SqlQueueStore::callNext(const WindowContext &context)
{
    return windowOperation(context, [&](QSqlQuery &q, WindowRow &row, const Transaction &tx) -> Result<void, QueueError> {
        // 下一位 finishes the citizen at the window first, as a caller's key does (DESIGN §3).
        const bool hadCurrent = !row.current.isEmpty();
        if (hadCurrent) {
            if (auto done = finishCurrent(q, row, context.at); !done)
                return done;
        }
        if (row.mode == WindowMode::Paused) {
            if (hadCurrent)
                return Ok{}; // the pause asked for while serving has just begun
            return fail(QueueError{QueueError::Kind::WindowPaused, QStringLiteral("window %1 is paused").arg(row.number)});
        }
        // Only the heads of the orders the policies use can be chosen, so only they are read (with
        // 10,000 waiting the policy still sees at most six): the first booked ticket by priority,
        // the first by arrival among the rest, the first by arrival overall, and for slack:F, per
        // complexity, the booked ticket waiting longest as Q5 counts it (from the later of check-in
        // and slot start). Within one complexity the target is the same, so the longest wait has
        // the least time left, and it is short of time if any is; which of the three is called is
        // the policy's to say. The times are ISO-8601 UTC texts of one format: they order as text.
        const QString date = QString::fromStdString(context.serviceDate.toString());
        const qint64 now = qint64(unixSeconds(context.at));
        QString groupFilter;
        QVariantList groupValues;
        if (std::find(context.groups.begin(), context.groups.end(), "*") == context.groups.end()) {
            QStringList marks;
            for (const std::string &g : context.groups) {
                marks << QStringLiteral("?");
                groupValues << QString::fromStdString(g);
            }
            groupFilter = QStringLiteral(" AND group_code IN (%1)").arg(marks.isEmpty() ? QStringLiteral("NULL") : marks.join(QLatin1Char(',')));
        }
        const QString columns = QStringLiteral("id, group_code, kind, seq, queue_key, priority_key, complexity, issued_at, slot_start");
        const QString priority = QStringLiteral("kind = 'booked' AND priority_key IS NOT NULL AND priority_key <= %1").arg(now);
        const QString waitFrom = QStringLiteral("CASE WHEN slot_start IS NULL OR issued_at > slot_start THEN issued_at ELSE slot_start END");
        // The chosen ticket is called only if it is still waiting in the group it was chosen from
        // and no other transaction holds it (PostgreSQL: another window calling it at this moment,
        // an offline merge cancelling it): else it is passed over, not waited for, and the choice
        // made again among the rest — two windows calling at once take different tickets. The lock
        // is taken on the row's latest committed version and the conditions checked again on it
        // (READ COMMITTED), so a ticket another window has just called is not waiting any more. On
        // SQLite this transaction is the only writer: the ticket read as waiting still is.
        const QString callable =
            tx.locksRows()
                ? QStringLiteral("id = (SELECT id FROM tickets WHERE id = ? AND state = 'waiting' AND group_code = ?%1) AND state = 'waiting'")
                      .arg(tx.forUpdateSkipLocked())
                : QStringLiteral("id = ? AND state = 'waiting' AND group_code = ?");
        QStringList passedOver;
        for (;;) {
            QString others;
            if (!passedOver.isEmpty()) {
                QStringList marks;
                for (qsizetype i = 0; i < passedOver.size(); ++i)
                    marks << QStringLiteral("?");
                others = QStringLiteral(" AND id NOT IN (%1)").arg(marks.join(QLatin1Char(',')));
            }
            const QString base =
                QStringLiteral("SELECT %1 FROM tickets WHERE service_date = ? AND state = 'waiting'%2%3").arg(columns, groupFilter, others);
            QStringList heads{
                QStringLiteral("SELECT * FROM (%1 AND %2 ORDER BY priority_key, seq LIMIT 1) AS by_priority").arg(base, priority),
                QStringLiteral("SELECT * FROM (%1 AND NOT (%2) ORDER BY queue_key, seq LIMIT 1) AS others_by_arrival").arg(base, priority),
                QStringLiteral("SELECT * FROM (%1 ORDER BY queue_key, seq LIMIT 1) AS by_arrival").arg(base),
            };
            for (const Complexity c : {Complexity::General, Complexity::Complex, Complexity::Special}) {
                if (!context.readsWaits)
                    break; // no index orders by the wait: each of these reads every booked ticket waiting
                // The same order as the policy's ties: the longer wait, then (priority time, number).
                heads << QStringLiteral("SELECT * FROM (%1 AND %2 AND COALESCE(complexity, 'general') = '%3' "
                                        "ORDER BY %4, priority_key, seq LIMIT 1) AS longest_wait_%3")
                             .arg(base, priority, QLatin1String(nameOf(c)), waitFrom);
            }
            QVariantList values;
            for (qsizetype i = 0; i < heads.size(); ++i) {
                values << date << groupValues;
                for (const QString &id : std::as_const(passedOver))
                    values << id;
            }
            if (!run(q, heads.join(QStringLiteral(" UNION ")), values))
                return fail(storeFailure(QStringLiteral("candidates"), q));
            std::vector<QueuedTicket> candidates;
            while (q.next()) {
                QueuedTicket t;
                t.id = q.value(0).toString().toStdString();
                t.groupCode = q.value(1).toString().toStdString();
                t.kind = ticketKindFromString(q.value(2).toString().toStdString()).value_or(TicketKind::WalkIn);
                t.sequence = q.value(3).toInt();
                t.queueKey = q.value(4).toDouble();
                if (!q.value(5).isNull())
                    t.priorityAt = q.value(5).toLongLong();
                if (!q.value(6).isNull())
                    t.complexity = complexityFromString(q.value(6).toString().toStdString()).value_or(Complexity::General);
                if (t.kind == TicketKind::Booked) {
                    const long long checkedIn = sql::instantOrNull(q.value(7))->toSecsSinceEpoch();
                    const auto slot = sql::instantOrNull(q.value(8));
                    t.waitFrom = slot ? bookedWaitStart(checkedIn, slot->toSecsSinceEpoch()) : checkedIn;
                }
                candidates.push_back(std::move(t));
            }
            const auto choice = context.choose(WindowCallState{row.mode, row.streak}, candidates);
            if (!choice)
                return Ok{}; // nobody waiting: current is null
            const QString id = QString::fromStdString(choice->ticketId);
            const auto chosen = std::find_if(candidates.begin(), candidates.end(),
                                             [&](const QueuedTicket &t) { return t.id == choice->ticketId; });
            if (chosen == candidates.end())
                return fail(QueueError{QueueError::Kind::Store, QStringLiteral("call: ticket %1 was not among those waiting").arg(id)});
            if (!run(q, QStringLiteral("UPDATE tickets SET state = 'called', called_at = ?, started_at = NULL, window_number = ?, recalls = 0 "
                                       "WHERE %1")
                            .arg(callable),
                     {utcText(context.at), row.number, id, QString::fromStdString(chosen->groupCode)}))
                return fail(storeFailure(QStringLiteral("call"), q));
            if (q.numRowsAffected() == 1) {
                row.current = id;
                row.streak = nextBookedStreak(row.streak, *choice);
                break;
            }
            if (!tx.locksRows())
                return fail(QueueError{QueueError::Kind::Store, QStringLiteral("call: ticket %1 is no longer waiting").arg(id)});
            passedOver << id;
            if (passedOver.size() >= kMostPassedOver) {
                // Never with a hall's windows; if it comes, the whole call runs again.
                sql::noteConflict();
                return fail(QueueError{QueueError::Kind::Store,
                                       QStringLiteral("call: %1 tickets in a row held by other transactions").arg(passedOver.size())});
            }
        }
        auto called = loadTicket(q, row.current);
        if (!called)
            return fail(called.error());
        return event(q, QStringLiteral("ticket_called"), context.at, ticketData(**called, row.number));
    });
}

Result<WindowState, QueueError> SqlQueueStore::recall(const WindowContext &context, int recallMax)
{
    return windowOperation(context, [&](QSqlQuery &q, WindowRow &row, const Transaction &) -> Result<void, QueueError> {
        auto t = requireCurrent(q, row, TicketAction::Recall);
        if (!t)
            return fail(t.error());
        if (t->recalls >= recallMax)
            return fail(QueueError{QueueError::Kind::RecallLimit, QStringLiteral("recalled %1 times already").arg(recallMax)});
        if (!run(q, QStringLiteral("UPDATE tickets SET recalls = recalls + 1 WHERE id = ?"), {t->id}))
            return fail(storeFailure(QStringLiteral("recall"), q));
        return event(q, QStringLiteral("ticket_recalled"), context.at, ticketData(*t, row.number));
    });
}

Result<WindowState, QueueError> SqlQueueStore::startServing(const WindowContext &context)
{
    return windowOperation(context, [&](QSqlQuery &q, WindowRow &row, const Transaction &) -> Result<void, QueueError> {
        auto t = requireCurrent(q, row, TicketAction::Start);
        if (!t)
            return fail(t.error());
        if (!run(q, QStringLiteral("UPDATE tickets SET state = 'serving', started_at = ? WHERE id = ?"), {utcText(context.at), t->id}))
            return fail(storeFailure(QStringLiteral("start"), q));
        return event(q, QStringLiteral("ticket_started"), context.at, ticketData(*t, row.number));
    });
}

Result<WindowState, QueueError> SqlQueueStore::pass(const WindowContext &context)
{
    return windowOperation(context, [&](QSqlQuery &q, WindowRow &row, const Transaction &) -> Result<void, QueueError> {
        auto t = requireCurrent(q, row, TicketAction::Pass);
        if (!t)
            return fail(t.error());
        if (!run(q, QStringLiteral("UPDATE tickets SET state = 'passed', passed_at = ? WHERE id = ?"), {utcText(context.at), t->id}))
            return fail(storeFailure(QStringLiteral("pass"), q));
        if (auto e = event(q, QStringLiteral("ticket_passed"), context.at, ticketData(*t, row.number)); !e)
            return e;
        return leaveWindow(q, row, context.at);
    });
}

Result<WindowState, QueueError> SqlQueueStore::finish(const WindowContext &context)
{
    return windowOperation(context, [&](QSqlQuery &q, WindowRow &row, const Transaction &) -> Result<void, QueueError> {
        if (auto t = requireCurrent(q, row, TicketAction::Finish); !t)
            return fail(t.error());
        return finishCurrent(q, row, context.at);
    });
}

Result<WindowState, QueueError> SqlQueueStore::setMode(const WindowContext &context, WindowMode mode)
{
    return windowOperation(context, [&](QSqlQuery &q, WindowRow &row, const Transaction &) -> Result<void, QueueError> {
        if (!row.current.isEmpty()) {
            // Q3: a switch made while serving takes effect when the current ticket finishes.
            row.pending = mode == row.mode ? std::nullopt : std::optional(mode);
            return Ok{};
        }
        row.pending.reset();
        if (mode == row.mode)
            return Ok{};
        if (mode == WindowMode::Paused)
            row.resume = row.mode;
        row.mode = mode;
        return event(q, QStringLiteral("window_mode_changed"), context.at,
                     QJsonObject{{QStringLiteral("window"), row.number}, {QStringLiteral("mode"), text(nameOf(mode))}});
    });
}

Result<WindowState, QueueError> SqlQueueStore::resume(const WindowContext &context)
{
    return windowOperation(context, [&](QSqlQuery &q, WindowRow &row, const Transaction &) -> Result<void, QueueError> {
        if (row.pending == WindowMode::Paused) { // the pause never began
            row.pending.reset();
            return Ok{};
        }
        if (row.mode != WindowMode::Paused)
            return Ok{};
        // Back to the mode it was paused from: a 预约办理 window stays one over lunch.
        row.mode = row.resume.value_or(WindowMode::Normal);
        row.resume.reset();
        return event(q, QStringLiteral("window_mode_changed"), context.at,
                     QJsonObject{{QStringLiteral("window"), row.number}, {QStringLiteral("mode"), text(nameOf(row.mode))}});
    });
}

Result<WindowState, QueueError> SqlQueueStore::transfer(const WindowContext &context, const QString &toGroup)
{
    return windowOperation(context, [&](QSqlQuery &q, WindowRow &row, const Transaction &) -> Result<void, QueueError> {
        auto t = requireCurrent(q, row, TicketAction::Transfer);
        if (!t)
            return fail(t.error());
        // It keeps its queue key: the original issue time decides its place in the new group.
        if (!run(q, QStringLiteral("UPDATE tickets SET state = 'waiting', group_code = ?, window_number = NULL, called_at = NULL, "
                                   "started_at = NULL, recalls = 0 WHERE id = ?"),
                 {toGroup, t->id}))
            return fail(storeFailure(QStringLiteral("transfer"), q));
        QJsonObject data = ticketData(*t);
        data.insert(QStringLiteral("from_group"), t->groupCode);
        data.insert(QStringLiteral("to_group"), toGroup);
        if (auto e = event(q, QStringLiteral("ticket_transferred"), context.at, data); !e)
            return e;
        return leaveWindow(q, row, context.at);
    });
}

Result<WindowState, QueueError> SqlQueueStore::windowState(int window)
{
    // The window and its ticket as of one moment: another terminal may be acting on it.
    return m_database.retry([&]() -> Result<WindowState, QueueError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db, Transaction::Mode::Read);
        if (auto begun = tx.begin(); !begun)
            return fail(fromStore(begun.error()));
        if (!run(q, QStringLiteral("SELECT mode, pending_mode, resume_mode, current_ticket, booked_streak FROM windows WHERE number = ?"),
                 {window}))
            return fail(storeFailure(QStringLiteral("window state"), q));
        WindowRow row;
        row.number = window;
        if (q.next()) {
            row.mode = modeFrom(q.value(0)).value_or(WindowMode::Normal);
            row.pending = modeFrom(q.value(1));
            row.current = q.value(3).toString();
        }
        auto state = stateOf(q, row);
        if (!state)
            return state;
        if (auto committed = tx.commit(); !committed)
            return fail(fromStore(committed.error()));
        return state;
    });
}

Result<TicketRecord, QueueError> SqlQueueStore::requeue(const QString &ticketId, const QDateTime &at)
{
    return m_database.retry([&]() -> Result<TicketRecord, QueueError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        // The passed ticket's row, locked: no window holds it; a console re-queuing it at another
        // terminal, or day close expiring it, waits or finds it changed.
        Transaction tx(db, Transaction::Mode::RowLocks);
        if (auto begun = tx.begin(); !begun)
            return fail(fromStore(begun.error()));
        auto found = loadTicket(q, ticketId, tx.forUpdate());
        if (!found)
            return fail(found.error());
        if (!found.value())
            return fail(QueueError{QueueError::Kind::UnknownTicket, ticketId});
        TicketRecord t = **found;
        if (!afterAction(t.state, TicketAction::Requeue))
            return fail(QueueError{QueueError::Kind::NotAllowed, QStringLiteral("ticket %1 is %2").arg(t.number, text(nameOf(t.state)))});
        if (!t.passedAt || t.passedAt->secsTo(at) > kRequeueWindowMinutes * 60)
            return fail(QueueError{QueueError::Kind::RequeueTooLate, QStringLiteral("passed at %1").arg(t.passedAt->toString(Qt::ISODate))});
        if (!run(q, QStringLiteral("SELECT queue_key FROM tickets WHERE service_date = (SELECT service_date FROM tickets WHERE id = ?) "
                                   "AND group_code = ? AND state = 'waiting' ORDER BY queue_key, seq LIMIT 4"),
                 {ticketId, t.groupCode}))
            return fail(storeFailure(QStringLiteral("requeue place"), q));
        std::vector<double> keys;
        while (q.next())
            keys.push_back(q.value(0).toDouble());
        const double key = requeueKey(keys, unixSeconds(at));
        // Q4: it re-enters the arrival order; a booked ticket's priority does not come back with it.
        if (!run(q, QStringLiteral("UPDATE tickets SET state = 'waiting', queue_key = ?, priority_key = NULL, window_number = NULL, "
                                   "called_at = NULL, passed_at = NULL, recalls = 0 WHERE id = ?"),
                 {key, ticketId}))
            return fail(storeFailure(QStringLiteral("requeue"), q));
        if (auto e = event(q, QStringLiteral("ticket_requeued"), at, ticketData(t)); !e)
            return fail(e.error());
        if (auto committed = tx.commit(); !committed)
            return fail(fromStore(committed.error()));
        t.state = TicketState::Waiting;
        t.passedAt.reset();
        return t;
    });
}

Result<std::vector<TicketRecord>, StoreError> SqlQueueStore::tickets(const CivilDate &serviceDate)
{
    return m_database.retry([&]() -> Result<std::vector<TicketRecord>, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("SELECT %1 FROM tickets WHERE service_date = ? ORDER BY series, seq").arg(kTicketColumns),
                 {QString::fromStdString(serviceDate.toString())}))
            return fail(storeError(QStringLiteral("tickets"), q.lastError()));
        std::vector<TicketRecord> all;
        while (q.next())
            all.push_back(ticketFrom(q));
        return all;
    });
}

Result<std::optional<TicketRecord>, StoreError> SqlQueueStore::ticket(const QString &ticketId)
{
    return m_database.retry([&]() -> Result<std::optional<TicketRecord>, StoreError> {
        QSqlQuery q(m_database.connection());
        auto t = loadTicket(q, ticketId);
        if (!t)
            return fail(toStore(t.error()));
        return t.value();
    });
}

Result<DayCloseSummary, StoreError> SqlQueueStore::closeDay(const DayClose &close)
{
    const CivilDate &serviceDate = close.serviceDate;
    const QDateTime &at = close.at;
    return m_database.retry([&]() -> Result<DayCloseSummary, StoreError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        // Every window, and the issues' turn: no window operation, issue or offline merge is under
        // way while the day closes, and each one after it finds the day closed. What else writes
        // these rows (a re-queue, the booking sweep) is met by the guarded updates below.
        Transaction tx(db, Transaction::Mode::RowLocks, Transaction::Turn::DayClose);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        const QString date = QString::fromStdString(serviceDate.toString());
        DayCloseSummary summary;
        const auto failed = [&](const QString &what) { return fail(storeError(what, q.lastError())); };

        // Windows still holding a ticket of that day (called or serving) finish it, its service
        // counted up to the end of the day's service (DESIGN §3, Tickets).
        if (!run(q, QStringLiteral("SELECT w.number FROM windows w JOIN tickets t ON t.id = w.current_ticket WHERE t.service_date = ?"), {date}))
            return failed(QStringLiteral("close windows"));
        std::vector<int> windows;
        while (q.next())
            windows.push_back(q.value(0).toInt());
        for (int number : windows) {
            auto row = loadWindow(q, number, tx);
            if (!row)
                return fail(toStore(row.error()));
            if (auto t = requireCurrent(q, *row, TicketAction::Finish); t) {
                if (auto done = finishCurrent(q, row.value(), at, close.serviceEnd.isValid() ? close.serviceEnd : at); !done)
                    return fail(toStore(done.error()));
                ++summary.served;
            } else if (auto left = leaveWindow(q, row.value(), at); !left) {
                return fail(toStore(left.error()));
            }
            if (auto saved = saveWindow(q, *row); !saved)
                return fail(toStore(saved.error()));
        }

        // Tickets left waiting (or called and never finished, or passed) expire, each reported; with
        // them any of an earlier day issued after that day had closed (B7: an emergency booking
        // checks in after hours) and never called.
        if (!run(q, QStringLiteral("SELECT %1 FROM tickets WHERE service_date <= ? AND state IN ('waiting', 'called', 'passed')").arg(kTicketColumns),
                 {date}))
            return failed(QStringLiteral("expire"));
        std::vector<TicketRecord> expiring;
        while (q.next())
            expiring.push_back(ticketFrom(q));
        for (const TicketRecord &t : expiring) {
            if (!run(q, QStringLiteral("UPDATE tickets SET state = 'expired' WHERE id = ? AND state IN ('waiting', 'called', 'passed')"),
                     {t.id}))
                return failed(QStringLiteral("expire"));
            if (q.numRowsAffected() != 1)
                continue;
            if (auto e = event(q, QStringLiteral("ticket_expired"), at, ticketData(t)); !e)
                return fail(toStore(e.error()));
            ++summary.expired;
        }

        // B5: bookings of the day never checked in whose slot start + 30 min has passed are no-shows
        // (a forfeited one is not counted twice). One still ahead (B7: an emergency after hours) is
        // left to the sweep, which marks it when that moment passes.
        if (!run(q, QStringLiteral("SELECT id FROM bookings WHERE service_date = ? AND status = 'booked' AND slot_start_s < ? AND emergency = 0"),
                 {date, close.lapsedBefore.toSecsSinceEpoch()}))
            return failed(QStringLiteral("no-shows"));
        QStringList noShows;
        while (q.next())
            noShows << q.value(0).toString();
        for (const QString &id : std::as_const(noShows)) {
            // The booking sweep (SqlBookingStore::markNoShows) may have got there first.
            if (!run(q, QStringLiteral("UPDATE bookings SET status = 'no_show' WHERE id = ? AND status = 'booked'"), {id}))
                return failed(QStringLiteral("no-show"));
            if (q.numRowsAffected() != 1)
                continue;
            if (auto e = event(q, QStringLiteral("booking_no_show"), at, QJsonObject{{QStringLiteral("booking_id"), id}}); !e)
                return fail(toStore(e.error()));
            ++summary.noShows;
        }

        if (!run(q, QStringLiteral("INSERT INTO service_days (service_date, closed_at) VALUES (?, ?) "
                                   "ON CONFLICT (service_date) DO UPDATE SET closed_at = excluded.closed_at"),
                 {date, utcText(at)}))
            return failed(QStringLiteral("close day"));
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return summary;
    });
}

Result<std::vector<CivilDate>, StoreError> SqlQueueStore::unclosedDays()
{
    return m_database.retry([&]() -> Result<std::vector<CivilDate>, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("SELECT service_date FROM service_days WHERE closed_at IS NULL ORDER BY service_date")))
            return fail(storeError(QStringLiteral("unclosed days"), q.lastError()));
        std::vector<CivilDate> days;
        while (q.next()) {
            if (auto d = CivilDate::parse(q.value(0).toString().toStdString()))
                days.push_back(*d);
        }
        return days;
    });
}

} // namespace hk
