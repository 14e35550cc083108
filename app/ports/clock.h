#pragma once

#include <QDateTime>

namespace hk {

// The only way the terminal learns the time; tests and the day simulator pass their own.
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // an instant (UTC)
};

} // namespace hk
