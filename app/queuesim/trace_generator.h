#pragma once

#include "app/queuesim/hall_plan.h"
#include "app/queuesim/trace.h"

#include <vector>

namespace hk {

// A plausible day at a county hall (six groups as in the demo catalog, eight windows): walk-ins
// with a morning peak and a lunchtime dip, bookings in one-hour slots with most citizens a little
// early, some late, some never coming; service times by complexity. Deterministic for a seed.
struct TraceProfile {
    unsigned seed = 2026;
    int walkIns = 600;
    int bookings = 200;
    double noShowRate = 0.10;  // bookings whose citizen never comes
    double lateRate = 0.04;    // bookings more than 30 min late
};

class TraceGenerator {
public:
    static std::vector<TraceRow> generate(const TraceProfile &profile);
    static HallPlan countyHall(const CivilDate &date); // the demo catalog's eight windows
    static QByteArray hallJson(const HallPlan &hall);
};

} // namespace hk
