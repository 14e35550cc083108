#include "app/domain/queue/wait_target.h"

namespace hk {

int WaitTargets::minutesFor(Complexity complexity) const
{
    switch (complexity) {
    case Complexity::General:
        return generalMinutes;
    case Complexity::Complex:
        return complexMinutes;
    case Complexity::Special:
        return specialMinutes;
    }
    return generalMinutes;
}

WaitStatus waitStatus(const WaitTargets &targets, Complexity complexity, long long waitedSeconds)
{
    WaitStatus status;
    status.targetSeconds = static_cast<long long>(targets.minutesFor(complexity)) * 60;
    const long long waited = waitedSeconds > 0 ? waitedSeconds : 0;
    // In whole seconds and integers, so 80 % of 10 minutes is exactly 480 s, not 479.99….
    status.atRisk = waited * 100 >= status.targetSeconds * targets.atRiskPercent;
    status.overdue = waited > status.targetSeconds;
    return status;
}

} // namespace hk
