#pragma once

#include "app/domain/catalog.h"
#include "app/domain/time/local_date_time.h"

#include <optional>
#include <vector>

namespace hk {

// A bookable hour of a day (DESIGN §3, Slots): one per working hour, capacity per (group, slot).
struct Slot {
    MinuteOfDay start = 0;
    MinuteOfDay end = 0;   // exclusive; shorter than the slot length where an interval ends early
    bool extended = false; // early/late, lunchtime or weekend service (seed 001 §三)
    friend bool operator==(const Slot &, const Slot &) = default;
};

// The hall's working calendar (DESIGN §3): workdays Mon–Fri minus holidays plus swapped workdays
// (调休), the opening intervals, and the extended service the center has switched on in its
// catalog: ±N minutes at both ends of a working day (早晚弹性), lunchtime (午间不打烊) and weekend
// intervals (周末办). Pure: it answers questions about civil dates and times it is given.
class WorkingCalendar {
public:
    explicit WorkingCalendar(const Catalog &catalog);
    WorkingCalendar(Hours hours, CalendarDays days, int slotMinutes = 60);

    // Listed holidays close the hall, a weekend among them; listed workdays open it.
    bool isWorkingDay(const CivilDate &date) const;
    bool isHoliday(const CivilDate &date) const;
    // Open for citizens at all: a working day, or a weekend day with weekend service.
    bool isOpenDay(const CivilDate &date) const { return !openHours(date).empty(); }

    // The regular opening intervals of a working day; none on other days.
    std::vector<Interval> regularHours(const CivilDate &date) const;
    // Every interval the hall is open, extended service included, merged and in order.
    std::vector<Interval> openHours(const CivilDate &date) const;
    std::vector<Slot> slots(const CivilDate &date) const;
    // The slot that starts at `start` on `date`, if the hall offers one.
    std::optional<Slot> slotAt(const CivilDate &date, MinuteOfDay start) const;

    CivilDate previousWorkingDay(const CivilDate &date) const;
    CivilDate nextWorkingDay(const CivilDate &date) const;

    // Issuing hours: from 30 minutes before the first open interval to the end of the last one.
    std::optional<Interval> issuingHours(const CivilDate &date) const;
    bool isIssuing(const LocalDateTime &at) const;
    // The first moment at or after `at` when tickets are issued; nullopt if the hall stays closed
    // for a whole year (a calendar with no working day at all).
    std::optional<LocalDateTime> nextIssuingStart(const LocalDateTime &at) const;
    // Day close (DESIGN §3): 60 minutes after the day's issuing hours end; nullopt on a closed day.
    std::optional<LocalDateTime> dayCloseAt(const CivilDate &date) const;
    // Q5: the seconds from `from` to `to` that fall in the open intervals of their days — lunch and
    // closed time are not waiting. 0 when `to` is not after `from`.
    long long openSecondsBetween(const LocalDateTime &from, const LocalDateTime &to) const;

    // Walk-in tickets (seed 001 §三): the early/late hour serves booked matters only, so walk-ins are
    // issued from 30 minutes before the first interval that takes them to the end of the last one
    // (lunchtime takes them; a weekend day's intervals do, for the matters marked `weekend`).
    std::optional<Interval> walkInHours(const CivilDate &date) const;
    bool isWalkInIssuing(const LocalDateTime &at) const;
    // The first moment at or after `at` when walk-in tickets are issued; `weekdaysOnly` skips the
    // days open only for weekend service (for a group with no weekend matter).
    std::optional<LocalDateTime> nextWalkInStart(const LocalDateTime &at, bool weekdaysOnly = false) const;
    // Open on `date` only by weekend service: a weekend day, not worked in exchange, not a holiday.
    bool isWeekendServiceDay(const CivilDate &date) const { return !isWorkingDay(date) && isOpenDay(date); }

    static constexpr int kIssueBeforeOpenMinutes = 30;
    static constexpr int kDayCloseAfterMinutes = 60;

private:
    struct Piece {
        Interval interval;
        bool extended = false;
        bool bookedOnly = false; // the early/late hour
    };
    std::vector<Piece> pieces(const CivilDate &date) const;

    Hours m_hours;
    CalendarDays m_days;
    int m_slotMinutes = 60;
};

} // namespace hk
