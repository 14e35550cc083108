#include "app/domain/staff.h"

#include <algorithm>

namespace hk {

bool StaffMember::mayServe(int window) const
{
    if (role == Role::Supervisor)
        return true;
    return std::find(windows.begin(), windows.end(), window) != windows.end();
}

} // namespace hk
