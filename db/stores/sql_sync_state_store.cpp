#include "db/stores/sql_sync_state_store.h"

#include "db/sql_values.h"
#include "db/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace hk {

using sql::run;

namespace {

const QString kCursor = QStringLiteral("booking_cursor");
const QString kCatalogVersion = QStringLiteral("catalog_version");
const QString kCatalogJson = QStringLiteral("catalog_json");
const QString kJoinedHall = QStringLiteral("joined_hall");

bool put(QSqlQuery &q, const QString &key, const QString &value)
{
    return run(q, QStringLiteral("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
               {key, value});
}

} // namespace

SqlSyncStateStore::SqlSyncStateStore(Database &database)
    : m_database(database)
{
}

Result<std::optional<QString>, StoreError> SqlSyncStateStore::value(const QString &key)
{
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT value FROM sync_state WHERE key = ?"), {key}))
        return fail(storeError(QStringLiteral("read sync state"), q.lastError()));
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(q.value(0).toString());
}

Result<std::optional<QString>, StoreError> SqlSyncStateStore::bookingCursor()
{
    return value(kCursor);
}

Result<void, StoreError> SqlSyncStateStore::setBookingCursor(const QString &cursor)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!put(q, kCursor, cursor))
            return fail(storeError(QStringLiteral("save booking cursor"), q.lastError()));
        return Ok{};
    });
}

Result<std::optional<QString>, StoreError> SqlSyncStateStore::joinedHall()
{
    return value(kJoinedHall);
}

Result<void, StoreError> SqlSyncStateStore::setJoinedHall(const QString &hall)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        if (!put(q, kJoinedHall, hall))
            return fail(storeError(QStringLiteral("save the joined hall"), q.lastError()));
        return Ok{};
    });
}

Result<std::optional<StoredCatalog>, StoreError> SqlSyncStateStore::catalog()
{
    // Both values in one statement: they were saved together and are read as of one moment.
    QSqlQuery q(m_database.connection());
    if (!run(q, QStringLiteral("SELECT key, value FROM sync_state WHERE key IN (?, ?)"), {kCatalogVersion, kCatalogJson}))
        return fail(storeError(QStringLiteral("read catalog"), q.lastError()));
    std::optional<QString> version;
    std::optional<QString> json;
    while (q.next())
        (q.value(0).toString() == kCatalogVersion ? version : json) = q.value(1).toString();
    if (!version || !json)
        return std::optional<StoredCatalog>();
    return std::optional<StoredCatalog>(StoredCatalog{version->toInt(), json->toUtf8()});
}

Result<void, StoreError> SqlSyncStateStore::saveCatalog(const StoredCatalog &catalog)
{
    return m_database.retry([&]() -> Result<void, StoreError> {
        QSqlQuery q(m_database.connection());
        Transaction tx(m_database.connection());
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        if (!put(q, kCatalogVersion, QString::number(catalog.version)) || !put(q, kCatalogJson, QString::fromUtf8(catalog.json)))
            return fail(storeError(QStringLiteral("save catalog"), q.lastError()));
        return tx.commit();
    });
}

} // namespace hk
