#pragma once

// The demo hall's civil time: the zone its catalog names (Asia/Shanghai, UTC+8 all year, no summer
// time) and a moment written as the hall's clock shows it — hall(9, 5) — on the suite's usual day,
// Tuesday 24 November 2026. Another day is hall(h, m).addDays(n). Header-only; QtCore.

#include <QDateTime>
#include <QTimeZone>

namespace hk::test {

inline const QTimeZone &hallZone()
{
    static const QTimeZone kZone(QByteArrayLiteral("Asia/Shanghai"));
    return kZone;
}

inline QDateTime hall(int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2026, 11, 24), QTime(hour, minute, second), hallZone());
}

} // namespace hk::test
