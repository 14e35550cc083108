#pragma once

#include <optional>

namespace hk {

// What the kernel knows about this process, for start-up logs and benchmarks.
struct ProcessStats {
    static std::optional<double> secondsSinceStart(); // from /proc/self/stat and /proc/uptime
    static std::optional<double> residentMiB();       // VmRSS from /proc/self/status
};

} // namespace hk
