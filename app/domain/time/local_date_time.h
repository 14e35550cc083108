#pragma once

#include "app/domain/time/civil_date.h"

#include <string>

namespace hk {

// A moment in the center's civil time, to the second. The domain reasons in civil time only
// (DESIGN §2); services convert instants with QTimeZone. Arithmetic is plain civil arithmetic:
// Chinese centers keep no daylight saving time.
class LocalDateTime {
public:
    constexpr LocalDateTime() = default;
    constexpr LocalDateTime(CivilDate date, int secondOfDay) : m_date(date), m_second(secondOfDay) {}
    static constexpr LocalDateTime at(CivilDate date, MinuteOfDay minute) { return {date, minute * 60}; }
    static LocalDateTime fromSeconds(long long secondsSinceEpoch); // civil 1970-01-01 00:00:00

    constexpr CivilDate date() const { return m_date; }
    constexpr int secondOfDay() const { return m_second; }
    constexpr MinuteOfDay minuteOfDay() const { return m_second / 60; }
    long long toSeconds() const { return static_cast<long long>(m_date.dayNumber()) * 86400 + m_second; }

    LocalDateTime addSeconds(long long seconds) const { return fromSeconds(toSeconds() + seconds); }
    LocalDateTime addMinutes(long long minutes) const { return addSeconds(minutes * 60); }
    // Whole minutes from `earlier` to this, rounded towards zero.
    long long minutesSince(const LocalDateTime &earlier) const { return (toSeconds() - earlier.toSeconds()) / 60; }

    std::string toString() const; // "2026-11-24 09:05:00"

    friend bool operator==(const LocalDateTime &a, const LocalDateTime &b)
    {
        return a.m_date == b.m_date && a.m_second == b.m_second;
    }
    friend bool operator<(const LocalDateTime &a, const LocalDateTime &b)
    {
        return a.m_date < b.m_date || (a.m_date == b.m_date && a.m_second < b.m_second);
    }
    friend bool operator>(const LocalDateTime &a, const LocalDateTime &b) { return b < a; }
    friend bool operator<=(const LocalDateTime &a, const LocalDateTime &b) { return !(b < a); }
    friend bool operator>=(const LocalDateTime &a, const LocalDateTime &b) { return !(a < b); }

private:
    CivilDate m_date;
    int m_second = 0;
};

} // namespace hk
