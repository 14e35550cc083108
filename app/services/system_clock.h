#pragma once

#include "app/ports/clock.h"

namespace hk {

// The machine's clock, optionally shifted: the demo runs an hour of the hall's working day
// whenever it is started, so it shifts the clock into the issuing hours (and says so).
class SystemClock final : public Clock {
public:
    explicit SystemClock(qint64 offsetMs = 0) : m_offsetMs(offsetMs) {}
    QDateTime now() const override { return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs); }

private:
    qint64 m_offsetMs;
};

} // namespace hk
