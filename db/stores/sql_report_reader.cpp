#include "db/stores/sql_report_reader.h"

#include "db/sql_values.h"
#include "db/transaction.h"

#include <QSqlError>

namespace hk {

SqlReportReader::SqlReportReader(Database &database)
    : m_database(database)
{
}

Result<ReportData, StoreError> SqlReportReader::read(const CivilDate &from, const CivilDate &to)
{
    const QString first = QString::fromStdString(from.toString());
    const QString last = QString::fromStdString(to.toString());
    return m_database.retry([&]() -> Result<ReportData, StoreError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        // The tickets and the bookings as of one moment, so a ticket checked in meanwhile is not
        // counted in one and missing from the other.
        Transaction tx(db, Transaction::Mode::Read);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        ReportData out;
        QString dateText;
        CivilDate date;
        // A range, not a list of days: one statement for a month, read along the service_date index.
        if (!sql::run(q, QStringLiteral("SELECT t.service_date, t.number, t.kind, t.group_code, t.state, t.issued_at, t.slot_start, "
                                        "t.complexity, t.called_at, t.finished_at, t.passed_at, t.window_number, r.level, r.window_number, r.channel "
                                        "FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id "
                                        "WHERE t.service_date >= ? AND t.service_date <= ? ORDER BY t.service_date, t.series, t.seq"),
                      {first, last}))
            return fail(storeError(QStringLiteral("report tickets"), q.lastError()));
        while (q.next()) {
            ReportTicket t;
            if (const QString text = q.value(0).toString(); text != dateText) { // rows come a day at a time
                dateText = text;
                date = CivilDate::parse(text.toStdString()).value_or(CivilDate());
            }
            t.serviceDate = date;
            t.number = q.value(1).toString();
            t.kind = ticketKindFromString(q.value(2).toString().toStdString()).value_or(TicketKind::WalkIn);
            t.groupCode = q.value(3).toString();
            t.state = ticketStateFromString(q.value(4).toString().toStdString()).value_or(TicketState::Waiting);
            t.issuedAt = sql::instantOrNull(q.value(5)).value_or(QDateTime());
            t.slotStart = sql::instantOrNull(q.value(6));
            if (!q.value(7).isNull())
                t.complexity = complexityFromString(q.value(7).toString().toStdString());
            t.calledAt = sql::instantOrNull(q.value(8));
            t.finishedAt = sql::instantOrNull(q.value(9));
            t.passedAt = sql::instantOrNull(q.value(10));
            if (!q.value(11).isNull())
                t.window = q.value(11).toInt();
            if (!q.value(12).isNull())
                t.ratingLevel = q.value(12).toInt();
            if (!q.value(13).isNull())
                t.ratingWindow = q.value(13).toInt();
            t.ratingChannel = q.value(14).toString();
            out.tickets.push_back(std::move(t));
        }
        if (!sql::run(q, QStringLiteral("SELECT service_date, "
                                        "SUM(CASE WHEN status IN ('checked_in', 'served') THEN 1 ELSE 0 END), "
                                        "SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END), "
                                        "SUM(CASE WHEN status = 'forfeited' THEN 1 ELSE 0 END) "
                                        "FROM bookings WHERE service_date >= ? AND service_date <= ? "
                                        "GROUP BY service_date ORDER BY service_date"),
                      {first, last}))
            return fail(storeError(QStringLiteral("report bookings"), q.lastError()));
        while (q.next()) {
            ReportBookings b;
            b.serviceDate = CivilDate::parse(q.value(0).toString().toStdString()).value_or(CivilDate());
            b.checkedIn = q.value(1).toInt();
            b.noShow = q.value(2).toInt();
            b.forfeited = q.value(3).toInt();
            out.bookings.push_back(b);
        }
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return out;
    });
}

} // namespace hk
