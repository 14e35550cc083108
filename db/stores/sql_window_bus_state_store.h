#pragma once

#include "app/ports/stores/window_bus_state_store.h"
#include "db/database.h"

namespace hk {

class SqlWindowBusStateStore final : public WindowBusStateStore {
public:
    explicit SqlWindowBusStateStore(Database &database);

    Result<WindowBusDeviceRecord, StoreError> load(int address) override;
    Result<void, StoreError> saveLastActed(int address, int seq) override;
    Result<void, StoreError> saveRateTicket(int address, const QString &ticketId) override;

private:
    Database &m_database;
};

} // namespace hk
