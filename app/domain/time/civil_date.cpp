#include "app/domain/time/civil_date.h"

#include <charconv>
#include <cstdio>

namespace hk {
namespace {

bool isLeap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::optional<int> parseDigits(std::string_view text)
{
    int value = 0;
    if (text.empty())
        return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

int daysInMonth(int year, int month)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && isLeap(year) ? 29 : kDays[month - 1];
}

bool CivilDate::isValid() const
{
    return m_year >= 1 && m_year <= 9999 && m_month >= 1 && m_month <= 12 && m_day >= 1 &&
           m_day <= daysInMonth(m_year, m_month);
}

std::optional<CivilDate> CivilDate::parse(std::string_view iso)
{
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-')
        return std::nullopt;
    auto y = parseDigits(iso.substr(0, 4));
    auto m = parseDigits(iso.substr(5, 2));
    auto d = parseDigits(iso.substr(8, 2));
    if (!y || !m || !d)
        return std::nullopt;
    CivilDate date(*y, *m, *d);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
long CivilDate::dayNumber() const
{
    const int y = m_year - (m_month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(m_month + (m_month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(m_day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

CivilDate CivilDate::fromDayNumber(long z)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate(static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
                     static_cast<int>(d));
}

Weekday CivilDate::weekday() const
{
    // 1970-01-01 was a Thursday.
    const long n = dayNumber();
    const long iso = ((n % 7 + 7) % 7 + 3) % 7 + 1; // Monday = 1
    return static_cast<Weekday>(iso);
}

std::string CivilDate::toString() const
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", m_year, m_month, m_day);
    return buffer;
}

std::optional<MinuteOfDay> parseClockTime(std::string_view text)
{
    if (text.size() != 5 && text.size() != 8)
        return std::nullopt;
    if (text[2] != ':' || (text.size() == 8 && text[5] != ':'))
        return std::nullopt;
    auto h = parseDigits(text.substr(0, 2));
    auto m = parseDigits(text.substr(3, 2));
    if (!h || !m || *m > 59)
        return std::nullopt;
    if (text.size() == 8) {
        auto s = parseDigits(text.substr(6, 2));
        if (!s || *s > 59)
            return std::nullopt;
    }
    // 24:00 is allowed as the end of an interval that runs to midnight.
    if (*h > 24 || (*h == 24 && *m != 0))
        return std::nullopt;
    return *h * 60 + *m;
}

std::string formatClockTime(MinuteOfDay minute)
{
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
    return buffer;
}

} // namespace hk
