#include "app/ports/stores/complaint_store.h"

namespace hk {

ComplaintCase ComplaintRecord::domainCase() const
{
    std::vector<ComplaintStepTaken> taken;
    taken.reserve(steps.size());
    for (const ComplaintStepRecord &s : steps)
        taken.push_back({s.step, s.on, s.outcome});
    return ComplaintCase(ratedOn, due, std::move(taken));
}

} // namespace hk
