#pragma once

#include "app/domain/complexity.h"

namespace hk {

// Q5 "10/30/60" (seed 000 §二(一), seed 003): how long a booked citizen should wait at most, by the
// matter's complexity, and the share of it after which the staff console raises a flag and
// suggests switching a window to 预约办理 mode.
struct WaitTargets {
    int generalMinutes = 10;
    int complexMinutes = 30;
    int specialMinutes = 60;
    int atRiskPercent = 80;

    int minutesFor(Complexity complexity) const;
};

struct WaitStatus {
    long long targetSeconds = 0;
    bool atRisk = false;  // waited ≥ atRiskPercent of the target (and not yet called)
    bool overdue = false; // waited longer than the target
};

// `waitedSeconds` runs from the later of the booking's check-in and its slot start (Q5), counting
// open seconds only (WorkingCalendar::openSecondsBetween: lunch and closed time are not waiting); a
// wait before the slot starts counts as none.
WaitStatus waitStatus(const WaitTargets &targets, Complexity complexity, long long waitedSeconds);

// The start of a booked ticket's wait as Q5 counts it, on any one scale of seconds.
inline long long bookedWaitStart(long long checkedInAt, long long slotStart)
{
    return checkedInAt > slotStart ? checkedInAt : slotStart;
}

} // namespace hk
