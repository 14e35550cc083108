#pragma once

#include <optional>

namespace hk {

// What the kernel knows about this process, for start-up logs and benchmarks.
struct ProcessStats {
    static std::optional<double> secondsSinceStart(); // from /proc/self/stat and /proc/uptime
    static std::optional<double> residentMiB();       // VmRSS from /proc/self/status
    static std::optional<double> peakResidentMiB();   // VmHWM from /proc/self/status
    // Processor time of all the process's threads so far (user + system, getrusage): on a loaded
    // machine the figure the wall time cannot give.
    static double processorSeconds();
};

} // namespace hk
