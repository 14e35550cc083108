#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QString>

namespace hk {

// What the bus master must remember across restarts, per device address (DESIGN §4): the last event
// number it acted on, so a restart never acts on an event twice, and the ticket of the last RATE
// sent to an evaluator, which its next rating belongs to.
struct WindowBusDeviceRecord {
    int lastActed = 0; // 0: never acted on an event of this device
    QString rateTicketId;
};

class WindowBusStateStore {
public:
    virtual ~WindowBusStateStore() = default;
    virtual Result<WindowBusDeviceRecord, StoreError> load(int address) = 0;
    virtual Result<void, StoreError> saveLastActed(int address, int seq) = 0;
    virtual Result<void, StoreError> saveRateTicket(int address, const QString &ticketId) = 0;
};

} // namespace hk
