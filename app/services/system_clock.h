#pragma once

#include "app/ports/clock.h"

namespace hk {

class SystemClock final : public Clock {
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace hk
