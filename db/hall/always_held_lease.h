#pragma once

#include "app/ports/sender_lease.h"

namespace hk {

// The lease of a terminal alone (no `hall.database`): its outbox is its own to send.
class AlwaysHeldLease final : public SenderLease {
public:
    bool tryHold() override { return true; }
    bool holds() const override { return true; }
};

} // namespace hk
