#include "app/domain/time/local_date_time.h"

#include <cstdio>

namespace hk {

LocalDateTime LocalDateTime::fromSeconds(long long seconds)
{
    long long days = seconds / 86400;
    long long rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    return {CivilDate::fromDayNumber(static_cast<long>(days)), static_cast<int>(rest)};
}

std::string LocalDateTime::toString() const
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s %02d:%02d:%02d", m_date.toString().c_str(), m_second / 3600,
                  m_second / 60 % 60, m_second % 60);
    return buffer;
}

} // namespace hk
