#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hk {

// A member of staff from the staff file (DESIGN §8). The PIN is only ever held as its salted
// PBKDF2 hash.
struct StaffMember {
    enum class Role { Clerk, Supervisor, Technician };
    std::string id;
    std::string name;
    std::vector<int> windows;
    std::string pinHash;
    Role role = Role::Clerk;

    // A supervisor may sign in at any window; others at the windows listed for them.
    bool mayServe(int window) const;
};

std::string_view nameOf(StaffMember::Role role); // "clerk" | "supervisor" | "technician" (the staff file's words)

} // namespace hk
