#include "app/domain/complaint/complaint_case.h"

#include "app/domain/rating.h"
#include "app/domain/time/working_calendar.h"

#include <algorithm>

namespace hk {

CivilDate nthWorkingDayAfter(const WorkingCalendar &calendar, const CivilDate &date, int n)
{
    CivilDate d = date;
    for (int i = 0; i < std::max(n, 1); ++i)
        d = calendar.nextWorkingDay(d);
    return d;
}

ComplaintDue ComplaintDue::after(const CivilDate &ratedOn, const WorkingCalendar &calendar)
{
    return {nthWorkingDayAfter(calendar, ratedOn, kContactWorkingDays), nthWorkingDayAfter(calendar, ratedOn, kRectifyWorkingDays),
            nthWorkingDayAfter(calendar, ratedOn, kCloseWorkingDays)};
}

bool opensComplaint(int level, std::optional<int> matterLevel)
{
    return isPoorRating(level) || (matterLevel && isPoorRating(*matterLevel));
}

ComplaintCase::ComplaintCase(CivilDate ratedOn, ComplaintDue due, std::vector<ComplaintStepTaken> steps)
    : m_ratedOn(ratedOn)
    , m_due(due)
    , m_steps(std::move(steps))
{
}

ComplaintCase ComplaintCase::open(const CivilDate &ratedOn, const WorkingCalendar &calendar)
{
    return ComplaintCase(ratedOn, ComplaintDue::after(ratedOn, calendar));
}

bool ComplaintCase::has(ComplaintStep step) const
{
    return std::any_of(m_steps.begin(), m_steps.end(), [step](const ComplaintStepTaken &s) { return s.step == step; });
}

bool ComplaintCase::isOverdue(const CivilDate &today) const
{
    if (!isOpen())
        return false;
    return (today > m_due.contact && !has(ComplaintStep::Contacted)) || (today > m_due.rectify && !has(ComplaintStep::Rectified)) ||
           today > m_due.close;
}

Result<ComplaintStepTaken, WrongStep> ComplaintCase::check(ComplaintStep step, std::optional<ComplaintOutcome> outcome,
                                                           const CivilDate &on) const
{
    if (step == ComplaintStep::Opened)
        return fail(WrongStep::NotAStaffStep);
    if (!isOpen())
        return fail(WrongStep::AlreadyClosed);
    if (step != ComplaintStep::Closed && outcome)
        return fail(WrongStep::OutcomeOnlyWhenClosed);
    if (has(step))
        return fail(WrongStep::AlreadyTaken);
    const bool contacted = has(ComplaintStep::Contacted);
    switch (step) {
    case ComplaintStep::Contacted:
        return ComplaintStepTaken{step, on, std::nullopt};
    case ComplaintStep::Rectified:
        if (!contacted)
            return fail(WrongStep::NotContacted);
        return ComplaintStepTaken{step, on, std::nullopt};
    case ComplaintStep::Closed:
        break;
    case ComplaintStep::Opened:
        return fail(WrongStep::NotAStaffStep);
    }
    if (!contacted) {
        if (outcome != ComplaintOutcome::OnTheSpot)
            return fail(WrongStep::NotContacted);
        if (on != m_ratedOn)
            return fail(WrongStep::OnTheSpotTooLate);
        return ComplaintStepTaken{step, on, outcome};
    }
    if (outcome == ComplaintOutcome::OnTheSpot)
        return fail(WrongStep::OnTheSpotAfterward);
    if (has(ComplaintStep::Rectified)) {
        if (outcome == ComplaintOutcome::NoProblem)
            return fail(WrongStep::NoProblemAfterRectified);
        return ComplaintStepTaken{step, on, ComplaintOutcome::Resolved};
    }
    if (!outcome)
        return fail(WrongStep::OutcomeRequired);
    return ComplaintStepTaken{step, on, outcome};
}

Result<ComplaintStepTaken, WrongStep> ComplaintCase::take(ComplaintStep step, std::optional<ComplaintOutcome> outcome, const CivilDate &on)
{
    auto checked = check(step, outcome, on);
    if (checked)
        m_steps.push_back(checked.value());
    return checked;
}

} // namespace hk
