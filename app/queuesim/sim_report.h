#pragma once

#include <QJsonObject>
#include <QString>

#include <vector>

namespace hk {

// The figures of one simulated day (DESIGN §9). Waits in minutes; percentiles nearest-rank.
struct SimReport {
    struct Waits {
        int count = 0;         // tickets of this kind issued
        int called = 0;        // of which called before the day ended
        double p50 = 0, p90 = 0, max = 0;
        double withinTargetShare = 0; // booked only: called within 10/30/60 (Q5), of all booked
    };
    QString policy;
    Waits booked;
    Waits walkIn;
    double utilisation = 0; // serving minutes / (open minutes × windows)
    int expired = 0;        // left waiting when the day closed
    int noShow = 0;         // bookings whose citizen never came
    int lateAsWalkIn = 0;   // bookings more than 30 min late, counted as walk-ins
    int turnedAway = 0;     // arrived after the last ticket could be issued
    QJsonObject dayReport;  // asked for: GET /api/v1/reports/day as the terminal answers it over the simulated day

    QJsonObject toJson() const;
    QString toText() const;
};

// Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none.
double nearestRank(std::vector<double> values, double p);

} // namespace hk
