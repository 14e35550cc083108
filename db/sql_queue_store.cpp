#include "db/sql_queue_store.h"

#include "db/transaction.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace hk {
namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString utcText(const QDateTime &instant)
{
    return instant.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

SqlQueueStore::SqlQueueStore(Database &database)
    : m_database(database)
{
}

Result<void, StoreError> SqlQueueStore::insertEvent(const OutboxEvent &event)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO outbox (id, type, at, data) VALUES (?, ?, ?, ?)"));
    query.addBindValue(event.id);
    query.addBindValue(event.type);
    // ISO 8601 with the offset the instant was given in (the center's, DESIGN §6).
    query.addBindValue(event.at.toString(Qt::ISODate));
    query.addBindValue(QString::fromUtf8(QJsonDocument(event.data).toJson(QJsonDocument::Compact)));
    if (!query.exec())
        return fail(storeError(QStringLiteral("outbox insert %1").arg(event.type), query.lastError()));
    return Ok{};
}

Result<IssuedTicket, StoreError> SqlQueueStore::issueWalkIn(const WalkInRequest &request)
{
    QSqlDatabase db = m_database.connection();
    Transaction tx(db);
    if (auto begun = tx.begin(); !begun)
        return fail(begun.error());

    const QString date = QString::fromStdString(request.serviceDate.toString());
    const QString series = QString(QLatin1Char(request.prefix));
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO number_series (service_date, series, last_seq) VALUES (?, ?, 1) "
                                 "ON CONFLICT (service_date, series) DO UPDATE SET last_seq = last_seq + 1"));
    query.addBindValue(date);
    query.addBindValue(series);
    if (!query.exec())
        return fail(storeError(QStringLiteral("take number"), query.lastError()));
    query.prepare(QStringLiteral("SELECT last_seq FROM number_series WHERE service_date = ? AND series = ?"));
    query.addBindValue(date);
    query.addBindValue(series);
    if (!query.exec() || !query.next())
        return fail(storeError(QStringLiteral("read number"), query.lastError()));
    const int seq = query.value(0).toInt();

    query.prepare(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE service_date = ? AND group_code = ? AND state = 'waiting'"));
    query.addBindValue(date);
    query.addBindValue(request.groupCode);
    if (!query.exec() || !query.next())
        return fail(storeError(QStringLiteral("count waiting"), query.lastError()));
    const int ahead = query.value(0).toInt();

    IssuedTicket ticket;
    ticket.id = newId();
    ticket.number = QString::fromStdString(formatTicketNumber(request.prefix, seq));
    ticket.kind = TicketKind::WalkIn;
    ticket.groupCode = request.groupCode;
    ticket.serviceDate = request.serviceDate;
    ticket.issuedAt = request.at;
    ticket.peopleAhead = ahead;

    query.prepare(QStringLiteral("INSERT INTO tickets (id, service_date, series, seq, number, kind, group_code, issued_at, terminal) "
                                 "VALUES (?, ?, ?, ?, ?, 'walkin', ?, ?, ?)"));
    query.addBindValue(ticket.id);
    query.addBindValue(date);
    query.addBindValue(series);
    query.addBindValue(seq);
    query.addBindValue(ticket.number);
    query.addBindValue(request.groupCode);
    query.addBindValue(utcText(request.at));
    query.addBindValue(request.terminalId);
    if (!query.exec())
        return fail(storeError(QStringLiteral("insert ticket"), query.lastError()));

    OutboxEvent issued{newId(), QStringLiteral("ticket_issued"), request.at,
                       QJsonObject{{QStringLiteral("ticket"), ticket.id},
                                   {QStringLiteral("number"), ticket.number},
                                   {QStringLiteral("kind"), QStringLiteral("walkin")},
                                   {QStringLiteral("group"), request.groupCode}}};
    if (auto inserted = insertEvent(issued); !inserted)
        return fail(inserted.error());
    if (auto committed = tx.commit(); !committed)
        return fail(committed.error());
    return ticket;
}

Result<void, StoreError> SqlQueueStore::setPrintState(const QString &ticketId, PrintState state)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE tickets SET print_state = ? WHERE id = ?"));
    query.addBindValue(QString::fromUtf8(nameOf(state).data(), qsizetype(nameOf(state).size())));
    query.addBindValue(ticketId);
    if (!query.exec())
        return fail(storeError(QStringLiteral("print state"), query.lastError()));
    if (query.numRowsAffected() != 1)
        return fail(StoreError{StoreError::Kind::NotFound, QStringLiteral("no ticket %1").arg(ticketId)});
    return Ok{};
}

Result<int, StoreError> SqlQueueStore::waitingCount(const QString &groupCode, const CivilDate &serviceDate)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE service_date = ? AND group_code = ? AND state = 'waiting'"));
    query.addBindValue(QString::fromStdString(serviceDate.toString()));
    query.addBindValue(groupCode);
    if (!query.exec() || !query.next())
        return fail(storeError(QStringLiteral("count waiting"), query.lastError()));
    return query.value(0).toInt();
}

Result<void, StoreError> SqlQueueStore::recordEvent(const OutboxEvent &event)
{
    Transaction tx(m_database.connection());
    if (auto begun = tx.begin(); !begun)
        return fail(begun.error());
    if (auto inserted = insertEvent(event); !inserted)
        return fail(inserted.error());
    return tx.commit();
}

Result<OutboxStats, StoreError> SqlQueueStore::outboxStats()
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*), (SELECT at FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1) "
                                   "FROM outbox WHERE state = 'pending'")) ||
        !query.next())
        return fail(storeError(QStringLiteral("outbox stats"), query.lastError()));
    OutboxStats stats;
    stats.depth = query.value(0).toInt();
    if (!query.value(1).isNull())
        stats.oldestPendingAt = QDateTime::fromString(query.value(1).toString(), Qt::ISODate);
    return stats;
}

} // namespace hk
