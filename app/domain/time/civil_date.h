#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hk {

enum class Weekday { Monday = 1, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

// A calendar date in the center's civil time. The domain never reads a clock or a time zone:
// services convert instants with QTimeZone and hand the domain dates and minutes of the day.
class CivilDate {
public:
    constexpr CivilDate() = default;
    constexpr CivilDate(int year, int month, int day) : m_year(year), m_month(month), m_day(day) {}

    static std::optional<CivilDate> parse(std::string_view isoDate); // "YYYY-MM-DD", validated
    static CivilDate fromDayNumber(long days);                          // days since 1970-01-01

    int year() const { return m_year; }
    int month() const { return m_month; }
    int day() const { return m_day; }
    bool isValid() const;

    long dayNumber() const; // days since 1970-01-01
    Weekday weekday() const;
    CivilDate addDays(long days) const { return fromDayNumber(dayNumber() + days); }
    CivilDate firstOfMonth() const { return {m_year, m_month, 1}; }
    std::string toString() const; // "YYYY-MM-DD"

    // Spelled out rather than <=>: Qt 6.4's moc cannot parse libstdc++ 12's <compare>.
    friend constexpr bool operator==(const CivilDate &, const CivilDate &) = default;
    friend constexpr bool operator<(const CivilDate &a, const CivilDate &b) { return a.key() < b.key(); }
    friend constexpr bool operator>(const CivilDate &a, const CivilDate &b) { return b < a; }
    friend constexpr bool operator<=(const CivilDate &a, const CivilDate &b) { return !(b < a); }
    friend constexpr bool operator>=(const CivilDate &a, const CivilDate &b) { return !(a < b); }

private:
    constexpr long key() const { return (long(m_year) * 16 + m_month) * 64 + m_day; }

    int m_year = 1970;
    int m_month = 1;
    int m_day = 1;
};

int daysInMonth(int year, int month);

// Minutes since midnight on a civil date, 0..1439 (1440 marks the end of the day in intervals).
using MinuteOfDay = int;

std::optional<MinuteOfDay> parseClockTime(std::string_view hhmm); // "HH:MM" or "HH:MM:SS" (secs dropped)
std::string formatClockTime(MinuteOfDay minute);                   // "HH:MM"

} // namespace hk
