#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hk {

struct StoredCatalog {
    int version = 0;
    QByteArray json; // as the platform sent it, parsed again at start-up
};

// What the sync keeps between runs: where the booking pull stopped, and the last catalog the
// platform sent, so a restart without network starts from it rather than from `catalog_file`.
class SyncStateStore {
public:
    virtual ~SyncStateStore() = default;

    virtual Result<std::optional<QString>, StoreError> bookingCursor() = 0;
    virtual Result<void, StoreError> setBookingCursor(const QString &cursor) = 0;
    virtual Result<std::optional<StoredCatalog>, StoreError> catalog() = 0;
    virtual Result<void, StoreError> saveCatalog(const StoredCatalog &catalog) = 0;
};

} // namespace hk
