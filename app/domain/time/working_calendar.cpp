#include "app/domain/time/working_calendar.h"

#include <algorithm>

namespace hk {
namespace {

constexpr MinuteOfDay kEndOfDay = 24 * 60;

bool contains(const std::vector<CivilDate> &dates, const CivilDate &date)
{
    return std::find(dates.begin(), dates.end(), date) != dates.end();
}

bool isWeekend(const CivilDate &date)
{
    return date.weekday() == Weekday::Saturday || date.weekday() == Weekday::Sunday;
}

} // namespace

WorkingCalendar::WorkingCalendar(const Catalog &catalog)
    : WorkingCalendar(catalog.hours, catalog.calendar, catalog.rules.slotMinutes)
{
}

WorkingCalendar::WorkingCalendar(Hours hours, CalendarDays days, int slotMinutes)
    : m_hours(std::move(hours))
    , m_days(std::move(days))
    , m_slotMinutes(slotMinutes > 0 ? slotMinutes : 60)
{
    std::sort(m_hours.workday.begin(), m_hours.workday.end(), [](const Interval &a, const Interval &b) { return a.start < b.start; });
    std::sort(m_hours.extended.weekend.begin(), m_hours.extended.weekend.end(),
              [](const Interval &a, const Interval &b) { return a.start < b.start; });
}

bool WorkingCalendar::isHoliday(const CivilDate &date) const
{
    return contains(m_days.holidays, date);
}

bool WorkingCalendar::isWorkingDay(const CivilDate &date) const
{
    if (contains(m_days.workdays, date))
        return true; // 调休: a weekend day worked in exchange for a holiday
    return !isWeekend(date) && !isHoliday(date);
}

std::vector<Interval> WorkingCalendar::regularHours(const CivilDate &date) const
{
    return isWorkingDay(date) ? m_hours.workday : std::vector<Interval>{};
}

std::vector<WorkingCalendar::Piece> WorkingCalendar::pieces(const CivilDate &date) const
{
    std::vector<Piece> result;
    const Hours::Extended &ext = m_hours.extended;
    if (isWorkingDay(date)) {
        const std::vector<Interval> &regular = m_hours.workday;
        if (regular.empty())
            return result;
        if (ext.earlyLateMinutes > 0) {
            const MinuteOfDay opens = regular.front().start;
            if (opens > 0)
                result.push_back({{std::max(0, opens - ext.earlyLateMinutes), opens}, true, true});
        }
        for (size_t i = 0; i < regular.size(); ++i) {
            result.push_back({regular[i], false});
            if (ext.lunch && i + 1 < regular.size() && regular[i].end < regular[i + 1].start)
                result.push_back({{regular[i].end, regular[i + 1].start}, true});
        }
        if (ext.earlyLateMinutes > 0) {
            const MinuteOfDay closes = regular.back().end;
            if (closes < kEndOfDay)
                result.push_back({{closes, std::min(kEndOfDay, closes + ext.earlyLateMinutes)}, true, true});
        }
    } else if (isWeekend(date) && !isHoliday(date)) {
        for (const Interval &i : ext.weekend)
            result.push_back({i, true});
    }
    return result;
}

std::vector<Interval> WorkingCalendar::openHours(const CivilDate &date) const
{
    std::vector<Interval> merged;
    for (const Piece &p : pieces(date)) {
        if (!merged.empty() && p.interval.start <= merged.back().end)
            merged.back().end = std::max(merged.back().end, p.interval.end);
        else
            merged.push_back(p.interval);
    }
    return merged;
}

std::vector<Slot> WorkingCalendar::slots(const CivilDate &date) const
{
    // Slots are cut per piece, so a regular interval's slots start where the interval starts
    // whether or not extended service sits next to it.
    std::vector<Slot> result;
    for (const Piece &p : pieces(date)) {
        for (MinuteOfDay s = p.interval.start; s < p.interval.end; s += m_slotMinutes)
            result.push_back({s, std::min(p.interval.end, s + m_slotMinutes), p.extended});
    }
    return result;
}

std::optional<Slot> WorkingCalendar::slotAt(const CivilDate &date, MinuteOfDay start) const
{
    for (const Slot &s : slots(date)) {
        if (s.start == start)
            return s;
    }
    return std::nullopt;
}

CivilDate WorkingCalendar::previousWorkingDay(const CivilDate &date) const
{
    // Chinese holidays run a week at most; a year bounds even a calendar with none.
    CivilDate d = date.addDays(-1);
    for (int i = 0; i < 366 && !isWorkingDay(d); ++i)
        d = d.addDays(-1);
    return d;
}

CivilDate WorkingCalendar::nextWorkingDay(const CivilDate &date) const
{
    CivilDate d = date.addDays(1);
    for (int i = 0; i < 366 && !isWorkingDay(d); ++i)
        d = d.addDays(1);
    return d;
}

std::optional<Interval> WorkingCalendar::issuingHours(const CivilDate &date) const
{
    const std::vector<Interval> open = openHours(date);
    if (open.empty())
        return std::nullopt;
    return Interval{std::max(0, open.front().start - kIssueBeforeOpenMinutes), open.back().end};
}

bool WorkingCalendar::isIssuing(const LocalDateTime &at) const
{
    const auto hours = issuingHours(at.date());
    const int second = at.secondOfDay();
    return hours && second >= hours->start * 60 && second < hours->end * 60;
}

std::optional<LocalDateTime> WorkingCalendar::nextIssuingStart(const LocalDateTime &at) const
{
    if (isIssuing(at))
        return at;
    CivilDate date = at.date();
    for (int i = 0; i <= 366; ++i, date = date.addDays(1)) {
        const auto hours = issuingHours(date);
        if (hours && (date > at.date() || hours->start * 60 > at.secondOfDay()))
            return LocalDateTime::at(date, hours->start);
    }
    return std::nullopt;
}

std::optional<Interval> WorkingCalendar::walkInHours(const CivilDate &date) const
{
    std::optional<Interval> hours;
    for (const Piece &p : pieces(date)) {
        if (p.bookedOnly)
            continue;
        if (!hours)
            hours = Interval{std::max(0, p.interval.start - kIssueBeforeOpenMinutes), p.interval.end};
        hours->end = std::max(hours->end, p.interval.end);
    }
    return hours;
}

bool WorkingCalendar::isWalkInIssuing(const LocalDateTime &at) const
{
    const auto hours = walkInHours(at.date());
    const int second = at.secondOfDay();
    return hours && second >= hours->start * 60 && second < hours->end * 60;
}

std::optional<LocalDateTime> WorkingCalendar::nextWalkInStart(const LocalDateTime &at, bool weekdaysOnly) const
{
    CivilDate date = at.date();
    for (int i = 0; i <= 366; ++i, date = date.addDays(1)) {
        if (weekdaysOnly && !isWorkingDay(date))
            continue;
        const auto hours = walkInHours(date);
        if (!hours)
            continue;
        if (date > at.date() || hours->start * 60 > at.secondOfDay())
            return LocalDateTime::at(date, hours->start);
        if (at.secondOfDay() < hours->end * 60)
            return at;
    }
    return std::nullopt;
}

std::optional<LocalDateTime> WorkingCalendar::dayCloseAt(const CivilDate &date) const
{
    const auto hours = issuingHours(date);
    if (!hours)
        return std::nullopt;
    return LocalDateTime::at(date, hours->end).addMinutes(kDayCloseAfterMinutes);
}

long long WorkingCalendar::openSecondsBetween(const LocalDateTime &from, const LocalDateTime &to) const
{
    long long open = 0;
    // A wait spans a day at most in practice; the loop is bounded by the dates between the two.
    for (CivilDate date = from.date(); !(to.date() < date); date = date.addDays(1)) {
        const long long begin = date == from.date() ? from.secondOfDay() : 0;
        const long long end = date == to.date() ? to.secondOfDay() : 86400;
        for (const Interval &i : openHours(date))
            open += std::max(0LL, std::min(end, i.end * 60LL) - std::max(begin, i.start * 60LL));
    }
    return open;
}

} // namespace hk
