#pragma once

// The machine's clock, shifted by an offset the test moves while the terminal runs: days pass in an
// instant (a 差评 case goes overdue) while timers and sockets keep real time. Header-only; QtCore.

#include "app/ports/clock.h"

#include <atomic>

namespace hk::test {

class ShiftingClock final : public Clock {
public:
    explicit ShiftingClock(qint64 offsetMs = 0) : m_offsetMs(offsetMs) {}
    QDateTime now() const override { return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs.load()); }
    // From now on the clock reads `instant` (and runs on from there).
    void moveTo(const QDateTime &instant) { m_offsetMs += QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs.load()).msecsTo(instant); }

private:
    std::atomic<qint64> m_offsetMs;
};

} // namespace hk::test
