#pragma once

// Civil dates and moments written the way the rules are: d("2026-10-08"), at("2026-12-01", 16, 30).

#include "app/domain/catalog.h"
#include "app/domain/time/local_date_time.h"

namespace hk::test {

inline CivilDate d(const char *isoDate)
{
    return *CivilDate::parse(isoDate);
}

inline LocalDateTime at(const char *isoDate, int hour, int minute, int second = 0)
{
    return {d(isoDate), (hour * 60 + minute) * 60 + second};
}

// National Day 2026: Thursday 1 to Wednesday 7 October closed (the weekend 3–4 October listed
// too, so weekend service stays off), Sunday 20 September and Saturday 10 October worked (调休).
inline CalendarDays nationalDay2026()
{
    CalendarDays days;
    for (const char *h : {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"})
        days.holidays.push_back(d(h));
    days.workdays = {d("2026-09-20"), d("2026-10-10")};
    return days;
}

} // namespace hk::test
