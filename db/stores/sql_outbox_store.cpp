#include "db/stores/sql_outbox_store.h"

#include "db/sql_values.h"
#include "db/transaction.h"

#include <QJsonDocument>
#include <QSqlError>

namespace hk {

using sql::run;

Result<void, StoreError> insertOutboxEvent(QSqlQuery &q, const OutboxEvent &e)
{
    // ISO 8601 with the offset the instant was given in (the center's, DESIGN §6).
    if (!run(q, QStringLiteral("INSERT INTO outbox (id, type, at, data) VALUES (?, ?, ?, ?)"),
             {e.id, e.type, e.at.toString(Qt::ISODate), QString::fromUtf8(QJsonDocument(e.data).toJson(QJsonDocument::Compact))}))
        return fail(storeError(QStringLiteral("outbox insert %1").arg(e.type), q.lastError()));
    return Ok{};
}

SqlOutboxStore::SqlOutboxStore(Database &database)
    : m_database(database)
{
}

Result<void, StoreError> SqlOutboxStore::append(const OutboxEvent &event)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        return insertOutboxEvent(q, event);
    });
}

Result<std::vector<PendingEvent>, StoreError> SqlOutboxStore::pending(int limit)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT seq, id, type, at, data, attempts FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?"),
             {limit}))
        return fail(storeError(QStringLiteral("read outbox"), q.lastError()));
    std::vector<PendingEvent> events;
    while (q.next()) {
        PendingEvent e;
        e.seq = q.value(0).toLongLong();
        e.event.id = q.value(1).toString();
        e.event.type = q.value(2).toString();
        // Kept with the offset it was written with (the center's), as the contract wants it sent.
        e.event.at = QDateTime::fromString(q.value(3).toString(), Qt::ISODate);
        e.event.data = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        e.attempts = q.value(5).toInt();
        events.push_back(std::move(e));
    }
    return events;
}

Result<void, StoreError> SqlOutboxStore::settle(const QStringList &delivered, const std::vector<ParkedEvent> &parked)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        if (delivered.isEmpty() && parked.empty())
            return Ok{};
        QSqlQuery q(m_database.connection());
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        for (const QString &id : delivered) {
            if (!run(q, QStringLiteral("DELETE FROM outbox WHERE id = ?"), {id}))
                return fail(storeError(QStringLiteral("outbox delete"), q.lastError()));
        }
        for (const ParkedEvent &p : parked) {
            if (!run(q, QStringLiteral("UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ? WHERE id = ?"),
                     {p.reason, p.id}))
                return fail(storeError(QStringLiteral("outbox park"), q.lastError()));
        }
        return tx.commit();
    });
}

Result<void, StoreError> SqlOutboxStore::noteAttempt(const QStringList &ids, const QString &error)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        if (ids.isEmpty())
            return Ok{};
        QSqlQuery q(m_database.connection());
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        for (const QString &id : ids) {
            if (!run(q, QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'"),
                     {error.left(200), id}))
                return fail(storeError(QStringLiteral("outbox attempt"), q.lastError()));
        }
        return tx.commit();
    });
}

Result<OutboxCounts, StoreError> SqlOutboxStore::counts()
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT (SELECT COUNT(*) FROM outbox WHERE state = 'pending'), "
                               "(SELECT COUNT(*) FROM outbox WHERE state = 'parked'), "
                               "(SELECT at FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1)")) ||
        !q.next())
        return fail(storeError(QStringLiteral("outbox counts"), q.lastError()));
    OutboxCounts counts;
    counts.pending = q.value(0).toInt();
    counts.parked = q.value(1).toInt();
    if (!q.value(2).isNull())
        counts.oldestPendingAt = QDateTime::fromString(q.value(2).toString(), Qt::ISODate);
    return counts;
}

Result<std::vector<ParkedEvent>, StoreError> SqlOutboxStore::parkedEvents(int limit)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT id, type, at, last_error FROM outbox WHERE state = 'parked' ORDER BY seq LIMIT ?"), {limit}))
        return fail(storeError(QStringLiteral("read parked events"), q.lastError()));
    std::vector<ParkedEvent> events;
    while (q.next()) {
        ParkedEvent e;
        e.id = q.value(0).toString();
        e.type = q.value(1).toString();
        e.at = QDateTime::fromString(q.value(2).toString(), Qt::ISODate);
        e.reason = q.value(3).toString();
        events.push_back(std::move(e));
    }
    return events;
}

Result<bool, StoreError> SqlOutboxStore::unpark(const QString &id)
{
    return m_database.retry([&]() -> Result<bool, StoreError> {
        QSqlQuery q(m_database.connection());
        // In its place in the order the events were written: the sender sends it next.
        if (!run(q, QStringLiteral("UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'parked'"),
                 {id}))
            return fail(storeError(QStringLiteral("outbox unpark"), q.lastError()));
        return q.numRowsAffected() > 0;
    });
}

} // namespace hk
