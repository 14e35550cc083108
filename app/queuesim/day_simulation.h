#pragma once

#include "app/domain/queue/calling_policy.h"
#include "app/domain/result.h"
#include "app/queuesim/hall_plan.h"
#include "app/queuesim/sim_report.h"
#include "app/queuesim/trace.h"

#include <QString>

#include <vector>

namespace hk {

// Replays a day's arrivals through the terminal's own queue — QueueService over the SQLite
// stores, the domain's calling policy — with a simulated clock and simulated staff: each open
// window calls next whenever it is free, and serves for the time the trace says. Windows close
// for lunch unless the hall file says otherwise; tickets are issued from 30 minutes before the
// hall opens to its close; what is left waiting at close expires.
class DaySimulation {
public:
    struct Options {
        CallingPolicy policy;
        QString database = QStringLiteral(":memory:"); // a file measures the disk too (benchmarks)
        bool dayReport = false; // also the supervisors' report of the day (DESIGN §13) into SimReport::dayReport
    };

    static Result<SimReport, QString> run(const std::vector<TraceRow> &trace, const HallPlan &hall, const Options &options);
};

} // namespace hk
