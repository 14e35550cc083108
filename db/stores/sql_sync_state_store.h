#pragma once

#include "app/ports/stores/sync_state_store.h"
#include "db/database.h"

namespace hk {

// The sync's own state (table sync_state).
class SqlSyncStateStore final : public SyncStateStore {
public:
    explicit SqlSyncStateStore(Database &database);

    Result<std::optional<QString>, StoreError> bookingCursor() override;
    Result<void, StoreError> setBookingCursor(const QString &cursor) override;
    Result<std::optional<StoredCatalog>, StoreError> catalog() override;
    Result<void, StoreError> saveCatalog(const StoredCatalog &catalog) override;

    // The hall this terminal joined (its `hall.database` as written, without a password), once it
    // has reached it: a terminal that cannot reach its own hall at start-up may start offline.
    Result<std::optional<QString>, StoreError> joinedHall();
    Result<void, StoreError> setJoinedHall(const QString &hall);

private:
    Result<std::optional<QString>, StoreError> value(const QString &key);

    Database &m_database;
};

} // namespace hk
