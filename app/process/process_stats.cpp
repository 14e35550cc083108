#include "app/process/process_stats.h"

#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace hk {

std::optional<double> ProcessStats::secondsSinceStart()
{
    std::ifstream statFile("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(statFile)), std::istreambuf_iterator<char>());
    // The command name may hold spaces; fields are counted after its closing parenthesis.
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
        if (i == 22) {
            std::ifstream uptimeFile("/proc/uptime");
            double uptime = 0;
            if (!(uptimeFile >> uptime))
                return std::nullopt;
            return uptime - std::stod(field) / double(::sysconf(_SC_CLK_TCK));
        }
    }
    return std::nullopt;
}

namespace {

std::optional<double> statusMiB(const std::string &key) // "VmRSS:" → its kB in MiB
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(key, 0) == 0)
            return std::stod(line.substr(key.size())) / 1024.0;
    }
    return std::nullopt;
}

} // namespace

std::optional<double> ProcessStats::residentMiB()
{
    return statusMiB("VmRSS:");
}

std::optional<double> ProcessStats::peakResidentMiB()
{
    return statusMiB("VmHWM:");
}

double ProcessStats::processorSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

} // namespace hk
