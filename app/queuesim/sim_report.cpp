#include "app/queuesim/sim_report.h"

#include <algorithm>
#include <cmath>

namespace hk {

double nearestRank(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = std::max<size_t>(1, size_t(std::ceil(p / 100.0 * double(values.size()))));
    return values[std::min(rank, values.size()) - 1];
}

QJsonObject SimReport::toJson() const
{
    const auto round1 = [](double v) { return std::round(v * 10) / 10; };
    return QJsonObject{
        {QStringLiteral("policy"), policy},
        {QStringLiteral("booked"), QJsonObject{{QStringLiteral("count"), booked.count},
                                               {QStringLiteral("wait_p50_min"), round1(booked.p50)},
                                               {QStringLiteral("wait_p90_min"), round1(booked.p90)},
                                               {QStringLiteral("wait_max_min"), round1(booked.max)},
                                               {QStringLiteral("within_target_share"), std::round(booked.withinTargetShare * 1000) / 1000}}},
        {QStringLiteral("walkin"), QJsonObject{{QStringLiteral("count"), walkIn.count},
                                               {QStringLiteral("wait_p50_min"), round1(walkIn.p50)},
                                               {QStringLiteral("wait_p90_min"), round1(walkIn.p90)},
                                               {QStringLiteral("wait_max_min"), round1(walkIn.max)}}},
        {QStringLiteral("utilisation"), std::round(utilisation * 1000) / 1000},
        {QStringLiteral("expired"), expired},
        {QStringLiteral("no_show"), noShow},
        {QStringLiteral("late_as_walkin"), lateAsWalkIn},
        {QStringLiteral("turned_away"), turnedAway},
    };
}

QString SimReport::toText() const
{
    QString out;
    out += QStringLiteral("policy %1\n").arg(policy);
    out += QStringLiteral("                 count  called   wait p50   p90    max (min)   within target\n");
    out += QStringLiteral("  booked        %1  %2   %3  %4  %5       %6 %\n")
               .arg(booked.count, 5).arg(booked.called, 6)
               .arg(booked.p50, 7, 'f', 1).arg(booked.p90, 5, 'f', 1).arg(booked.max, 6, 'f', 1)
               .arg(booked.withinTargetShare * 100, 5, 'f', 1);
    out += QStringLiteral("  walk-in       %1  %2   %3  %4  %5\n")
               .arg(walkIn.count, 5).arg(walkIn.called, 6)
               .arg(walkIn.p50, 7, 'f', 1).arg(walkIn.p90, 5, 'f', 1).arg(walkIn.max, 6, 'f', 1);
    out += QStringLiteral("  utilisation %1 %, expired %2, no-shows %3, late bookings as walk-ins %4, turned away %5\n")
               .arg(utilisation * 100, 0, 'f', 1).arg(expired).arg(noShow).arg(lateAsWalkIn).arg(turnedAway);
    return out;
}

} // namespace hk
