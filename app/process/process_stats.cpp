#include "app/process/process_stats.h"

#include <fstream>
#include <sstream>
#include <string>
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

std::optional<double> ProcessStats::residentMiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    }
    return std::nullopt;
}

} // namespace hk
