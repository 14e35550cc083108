#include "app/queuesim/trace_generator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <random>

namespace hk {
namespace {

struct GroupMix {
    const char *code;
    double walkInWeight;
    double bookingWeight;
    double general, complex; // special is the rest
};

// Social insurance and household registration are quick and busy; property and company
// registration are slower and more often booked.
constexpr GroupMix kGroups[] = {
    {"SB", 30, 20, 0.85, 0.15},  {"BDC", 15, 30, 0.30, 0.50}, {"HJ", 20, 15, 0.90, 0.10},
    {"QY", 8, 20, 0.40, 0.50},   {"SW", 17, 15, 0.80, 0.20},  {"ZH", 10, 0, 1.00, 0.00},
};

// Walk-in arrivals per half hour from 08:15: a queue at the door, the morning peak, the lunch dip,
// a smaller afternoon peak, the last-minute few.
constexpr struct {
    int start; // minute of the day
    int end;
    double weight;
} kArrivals[] = {
    {495, 525, 3}, {525, 570, 10}, {570, 630, 12}, {630, 690, 8}, {690, 720, 5},
    {720, 780, 2}, {780, 840, 6},  {840, 900, 8},  {900, 960, 6}, {960, 1005, 3},
};

// One-hour booking slots inside the opening hours (09–12, 13–17).
constexpr int kSlots[] = {540, 600, 660, 780, 840, 900, 960};

double serviceMinutes(std::mt19937 &rng, Complexity c)
{
    // Log-normal: most are quick, a few take long. Means 2.2 / 5 / 9 minutes.
    const double mean = c == Complexity::General ? 2.2 : c == Complexity::Complex ? 5.0 : 9.0;
    const double sigma = 0.45;
    std::lognormal_distribution<double> d(std::log(mean) - sigma * sigma / 2, sigma);
    return std::clamp(std::round(d(rng) * 10) / 10, 0.5, 45.0);
}

Complexity complexityOf(std::mt19937 &rng, const GroupMix &g)
{
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return u < g.general ? Complexity::General : u < g.general + g.complex ? Complexity::Complex : Complexity::Special;
}

} // namespace

std::vector<TraceRow> TraceGenerator::generate(const TraceProfile &p)
{
    std::mt19937 rng(p.seed);
    std::vector<double> walkInWeights, bookingWeights, arrivalWeights;
    for (const GroupMix &g : kGroups) {
        walkInWeights.push_back(g.walkInWeight);
        bookingWeights.push_back(g.bookingWeight);
    }
    for (const auto &a : kArrivals)
        arrivalWeights.push_back(a.weight);
    std::discrete_distribution<int> walkInGroup(walkInWeights.begin(), walkInWeights.end());
    std::discrete_distribution<int> bookingGroup(bookingWeights.begin(), bookingWeights.end());
    std::discrete_distribution<int> arrivalBucket(arrivalWeights.begin(), arrivalWeights.end());
    std::uniform_int_distribution<int> slotPick(0, int(std::size(kSlots)) - 1);
    std::uniform_real_distribution<double> unit(0, 1);

    std::vector<TraceRow> rows;
    for (int i = 0; i < p.walkIns; ++i) {
        const auto &bucket = kArrivals[arrivalBucket(rng)];
        const GroupMix &g = kGroups[walkInGroup(rng)];
        TraceRow r;
        r.kind = TicketKind::WalkIn;
        r.group = QString::fromLatin1(g.code);
        r.complexity = complexityOf(rng, g);
        r.arrival = int(std::uniform_int_distribution<int>(bucket.start * 60, bucket.end * 60 - 1)(rng));
        r.serviceMinutes = serviceMinutes(rng, r.complexity);
        rows.push_back(r);
    }
    std::normal_distribution<double> earliness(12, 9); // minutes before the slot starts
    for (int i = 0; i < p.bookings; ++i) {
        const GroupMix &g = kGroups[bookingGroup(rng)];
        TraceRow r;
        r.kind = TicketKind::Booked;
        r.group = QString::fromLatin1(g.code);
        r.complexity = complexityOf(rng, g);
        r.slotStart = kSlots[slotPick(rng)] * 60;
        const double u = unit(rng);
        if (u < p.noShowRate) {
            r.arrival.reset();
        } else if (u < p.noShowRate + p.lateRate) {
            r.arrival = *r.slotStart + int(std::uniform_int_distribution<int>(31 * 60, 60 * 60)(rng));
        } else {
            const double early = std::clamp(earliness(rng), -25.0, 60.0); // a few up to 25 min late
            r.arrival = *r.slotStart - int(early * 60);
        }
        r.serviceMinutes = serviceMinutes(rng, r.complexity);
        rows.push_back(r);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const TraceRow &a, const TraceRow &b) {
        return a.arrival.value_or(INT32_MAX) < b.arrival.value_or(INT32_MAX);
    });
    return rows;
}

HallPlan TraceGenerator::countyHall(const CivilDate &date)
{
    HallPlan hall;
    hall.date = date;
    const std::vector<std::pair<int, QStringList>> windows{
        {1, {QStringLiteral("SB")}},
        {2, {QStringLiteral("SB")}},
        {3, {QStringLiteral("BDC")}},
        {4, {QStringLiteral("BDC"), QStringLiteral("QY")}},
        {5, {QStringLiteral("HJ")}},
        {6, {QStringLiteral("SW")}},
        {7, {QStringLiteral("QY"), QStringLiteral("SW")}},
        {8, {QStringLiteral("*")}},
    };
    for (const auto &[number, groups] : windows)
        hall.windows.push_back({number, groups, WindowMode::Normal});
    return hall;
}

QByteArray TraceGenerator::hallJson(const HallPlan &hall)
{
    QJsonArray windows;
    for (const HallPlan::Window &w : hall.windows)
        windows.append(QJsonObject{{QStringLiteral("number"), w.number},
                                   {QStringLiteral("groups"), QJsonArray::fromStringList(w.groups)},
                                   {QStringLiteral("mode"), QString::fromLatin1(nameOf(w.mode).data())}});
    return QJsonDocument(QJsonObject{{QStringLiteral("date"), QString::fromStdString(hall.date.toString())},
                                     {QStringLiteral("windows"), windows}})
        .toJson();
}

} // namespace hk
