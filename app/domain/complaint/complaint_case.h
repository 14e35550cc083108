#pragma once

#include "app/domain/complaint/complaint_step.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"

#include <optional>
#include <vector>

namespace hk {

class WorkingCalendar;

// "1、5、15" (seed 004 §六): contact the citizen within 1 working day, rectify within 5, close
// within 15. "Within N working days" ends at the end of the Nth working day after the rating's
// day (DESIGN §13), on the hall's calendar (holidays closed, 调休 weekend days worked).
constexpr int kContactWorkingDays = 1;
constexpr int kRectifyWorkingDays = 5;
constexpr int kCloseWorkingDays = 15;

// Each due is the last day the step is on time: it is missed from the start of the next day.
struct ComplaintDue {
    CivilDate contact;
    CivilDate rectify;
    CivilDate close;
    friend bool operator==(const ComplaintDue &, const ComplaintDue &) = default;

    static ComplaintDue after(const CivilDate &ratedOn, const WorkingCalendar &calendar);
};

// The Nth working day after `date` (n ≥ 1); `date` itself never counts, working or not.
CivilDate nthWorkingDayAfter(const WorkingCalendar &calendar, const CivilDate &date, int n);

// A rating opens a case when either of its levels is 差评 (1–2): the hall's service or, seed 004
// §四, the matter handled.
bool opensComplaint(int level, std::optional<int> matterLevel);

struct ComplaintStepTaken {
    ComplaintStep step = ComplaintStep::Contacted;
    CivilDate on;
    std::optional<ComplaintOutcome> outcome; // closed only
};

// One 差评 case: its rating's day, its dues, the steps taken. The allowed orders (DESIGN §13):
// `closed` on_the_spot on the rating's own day; `contacted` then `closed` no_problem | resolved;
// `contacted`, `rectified`, `closed` (resolved). Pure: the day of each step is given.
class ComplaintCase {
public:
    ComplaintCase(CivilDate ratedOn, ComplaintDue due, std::vector<ComplaintStepTaken> steps = {});
    static ComplaintCase open(const CivilDate &ratedOn, const WorkingCalendar &calendar);

    const CivilDate &ratedOn() const { return m_ratedOn; }
    const ComplaintDue &due() const { return m_due; }
    const std::vector<ComplaintStepTaken> &steps() const { return m_steps; }
    bool has(ComplaintStep step) const;
    bool isOpen() const { return !has(ComplaintStep::Closed); }
    // Open, and `today` is past a due whose step is not recorded yet (a step recorded late meets
    // its due from then on: the list of overdue cases is the list of what is still to do).
    bool isOverdue(const CivilDate &today) const;

    // The step as it would be recorded (closed after rectified: outcome resolved), or why not.
    Result<ComplaintStepTaken, WrongStep> check(ComplaintStep step, std::optional<ComplaintOutcome> outcome, const CivilDate &on) const;
    // check(), then the step is the case's.
    Result<ComplaintStepTaken, WrongStep> take(ComplaintStep step, std::optional<ComplaintOutcome> outcome, const CivilDate &on);

private:
    CivilDate m_ratedOn;
    ComplaintDue m_due;
    std::vector<ComplaintStepTaken> m_steps;
};

} // namespace hk
