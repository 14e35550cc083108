#include "app/domain/staff.h"

#include <algorithm>

namespace hk {

bool StaffMember::mayServe(int window) const
{
    if (role == Role::Supervisor)
        return true;
    return std::find(windows.begin(), windows.end(), window) != windows.end();
}

std::string_view nameOf(StaffMember::Role role)
{
    switch (role) {
    case StaffMember::Role::Clerk:
        break;
    case StaffMember::Role::Supervisor:
        return "supervisor";
    case StaffMember::Role::Technician:
        return "technician";
    }
    return "clerk";
}

} // namespace hk
