#pragma once

#include <QDateTime>

namespace hk {

// The only way the terminal learns the time; tests and the day simulator pass their own.
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // an instant (UTC)
    // Seconds of this clock a second of the machine's steady time: 1, except a test rig's
    // RatedClock. What tells a clock set forward or back from time going by (DayService).
    virtual double rate() const { return 1.0; }
};

} // namespace hk
