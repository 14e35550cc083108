#pragma once

// A running clock for the end-to-end tests of the windows: the real passage of time, shifted so the
// hall is at 10:00 on its next working day. The terminal's day rules (day close in the evening,
// issuing hours) then never expire a test's tickets, whatever the hour the suite runs at.

#include "app/services/catalog_service.h"
#include "app/services/system_clock.h"

#include <memory>

namespace hk::test {

// How far that clock runs from the machine's: what `hallkiosk --test-clock-offset-ms` takes, so
// terminal processes and the test share one working morning.
inline qint64 workingMorningOffsetMs(const Catalog &catalog, MinuteOfDay at = 10 * 60)
{
    const CatalogService service(catalog);
    const QDateTime real = QDateTime::currentDateTimeUtc();
    CivilDate day = service.centerTime().dateOf(real);
    for (int i = 0; i < 14 && !service.calendar().isOpenDay(day); ++i)
        day = day.addDays(1);
    return real.msecsTo(service.centerTime().instantOf(day, at));
}

inline std::unique_ptr<SystemClock> workingMorningClock(const Catalog &catalog, MinuteOfDay at = 10 * 60)
{
    return std::make_unique<SystemClock>(workingMorningOffsetMs(catalog, at));
}

} // namespace hk::test
