#pragma once

#include "app/ports/hall_channel.h"

namespace hk {

// The channel of a terminal alone (no `hall.database`): nobody to tell, nobody to hear.
class NullHallChannel final : public HallChannel {
public:
    using HallChannel::HallChannel;
    void publish(const HallNotice &) override {}
};

} // namespace hk
