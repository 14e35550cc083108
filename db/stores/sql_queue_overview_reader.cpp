#include "db/stores/sql_queue_overview_reader.h"

#include "db/sql_values.h"

#include <QSqlError>

namespace hk {

SqlQueueOverviewReader::SqlQueueOverviewReader(Database &database)
    : m_database(database)
{
}

Result<std::vector<WaitingTicket>, StoreError> SqlQueueOverviewReader::waiting(const CivilDate &serviceDate)
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!sql::run(q, QStringLiteral("SELECT id, number, kind, group_code, issued_at, slot_start, complexity FROM tickets "
                                    "WHERE service_date = ? AND state = 'waiting' ORDER BY queue_key, seq"),
                  {QString::fromStdString(serviceDate.toString())}))
        return fail(storeError(QStringLiteral("waiting tickets"), q.lastError()));
    std::vector<WaitingTicket> out;
    while (q.next()) {
        WaitingTicket t;
        t.id = q.value(0).toString();
        t.number = q.value(1).toString();
        t.kind = ticketKindFromString(q.value(2).toString().toStdString()).value_or(TicketKind::WalkIn);
        t.groupCode = q.value(3).toString();
        t.issuedAt = sql::instantOrNull(q.value(4)).value_or(QDateTime());
        t.slotStart = sql::instantOrNull(q.value(5));
        if (!q.value(6).isNull())
            t.complexity = complexityFromString(q.value(6).toString().toStdString());
        out.push_back(std::move(t));
    }
    return out;
}

Result<std::vector<RecentCall>, StoreError> SqlQueueOverviewReader::recentCalls(const CivilDate &serviceDate, int limit)
{
    QSqlQuery q(m_database.connection());
    if (!sql::run(q, QStringLiteral("SELECT id, number, window_number, called_at FROM tickets WHERE service_date = ? "
                                    "AND called_at IS NOT NULL AND window_number IS NOT NULL ORDER BY called_at DESC LIMIT ?"),
                  {QString::fromStdString(serviceDate.toString()), limit}))
        return fail(storeError(QStringLiteral("recent calls"), q.lastError()));
    std::vector<RecentCall> out;
    while (q.next())
        out.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(),
                       sql::instantOrNull(q.value(3)).value_or(QDateTime())});
    return out;
}

Result<std::vector<HandledTicket>, StoreError> SqlQueueOverviewReader::recentlyHandled(const CivilDate &serviceDate, int limit)
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!sql::run(q, QStringLiteral("SELECT group_code, called_at, finished_at FROM tickets WHERE service_date = ? AND state = 'served' "
                                    "AND called_at IS NOT NULL AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?"),
                  {QString::fromStdString(serviceDate.toString()), limit}))
        return fail(storeError(QStringLiteral("recently handled tickets"), q.lastError()));
    std::vector<HandledTicket> out;
    while (q.next()) {
        const auto called = sql::instantOrNull(q.value(1));
        const auto finished = sql::instantOrNull(q.value(2));
        if (called && finished)
            out.push_back({q.value(0).toString(), std::max<qint64>(0, called->secsTo(*finished))});
    }
    return out;
}

} // namespace hk
