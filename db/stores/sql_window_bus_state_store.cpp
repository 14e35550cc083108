#include "db/stores/sql_window_bus_state_store.h"

#include "db/sql_values.h"

#include <QSqlError>

namespace hk {

using sql::run;

SqlWindowBusStateStore::SqlWindowBusStateStore(Database &database)
    : m_database(database)
{
}

Result<WindowBusDeviceRecord, StoreError> SqlWindowBusStateStore::load(int address)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT last_acted, rate_ticket FROM hallbus_devices WHERE address = ?"), {address}))
        return fail(storeError(QStringLiteral("hallbus device"), q.lastError()));
    WindowBusDeviceRecord r;
    if (q.next()) {
        r.lastActed = q.value(0).toInt();
        r.rateTicketId = q.value(1).toString();
    }
    return r;
}

Result<void, StoreError> SqlWindowBusStateStore::saveLastActed(int address, int seq)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        // synchronous=FULL: once this returns, a power cut cannot bring the old number back.
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("INSERT INTO hallbus_devices (address, last_acted) VALUES (?, ?) "
                                   "ON CONFLICT (address) DO UPDATE SET last_acted = excluded.last_acted"),
                 {address, seq}))
            return fail(storeError(QStringLiteral("save hallbus number"), q.lastError()));
        return Ok{};
    });
}

Result<void, StoreError> SqlWindowBusStateStore::saveRateTicket(int address, const QString &ticketId)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!run(q, QStringLiteral("INSERT INTO hallbus_devices (address, rate_ticket) VALUES (?, ?) "
                                   "ON CONFLICT (address) DO UPDATE SET rate_ticket = excluded.rate_ticket"),
                 {address, ticketId}))
            return fail(storeError(QStringLiteral("save rate ticket"), q.lastError()));
        return Ok{};
    });
}

} // namespace hk
