// Queue benchmarks (issue 3): issue and call-next latency with 10,000 tickets waiting, and a
// simulated day of 5,000 arrivals end to end through the SQLite queue. Prints medians and p99;
// asserts nothing about time.
//
//   bench_queue [OPS]   (default 300 measured operations each)

#include "app/config/catalog_parser.h"
#include "app/queuesim/day_simulation.h"
#include "app/queuesim/trace_generator.h"
#include "app/services/queue_service.h"
#include "db/database.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_time.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace hk;

namespace {

struct Stats {
    double median, p99;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, size_t(double(v.size()) * 0.99))]};
}

void latencies(const char *label, const QString &path, int ops)
{
    auto db = Database::open(path);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().detail));
        std::exit(1);
    }
    const Catalog catalog = CatalogParser::loadFile(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")).value().catalog;
    CatalogService catalogService(catalog);
    test::FakeClock clock(QDateTime(QDate(2026, 11, 24), QTime(1, 0), Qt::UTC));
    SqlQueueStore store(*db.value());
    NullHallChannel alone;
    QueueService queue(store, alone, catalogService, clock, QueueSettings{*CallingPolicy::parse("booked_first"), 3});
    const QTimeZone &zone = test::hallZone();
    const CivilDate today(2026, 11, 24);

    // 10,000 waiting across the six groups, a fifth of them booked. Filling is not measured and
    // runs without fsync; the measured operations run with synchronous=FULL as in the terminal.
    QSqlQuery(db.value()->connection()).exec(QStringLiteral("PRAGMA synchronous=OFF"));
    for (int i = 0; i < 10000; ++i) {
        const Group &g = catalog.groups[size_t(i) % catalog.groups.size()];
        clock.advanceSecs(1);
        const QDateTime now = clock.now().toTimeZone(zone);
        const auto issued = i % 5 == 0 ? store.issueBooked({QStringLiteral("b%1").arg(i), QString::fromStdString(g.code), QString(), 'Y', today,
                                                            now, now.addSecs(600), now.addSecs(900), Complexity::General, QStringLiteral("T")})
                                       : store.issueWalkIn({QString::fromStdString(g.code), g.prefix, today, now, QStringLiteral("T"), 0});
        if (!issued)
            std::exit(1);
    }
    QSqlQuery(db.value()->connection()).exec(QStringLiteral("PRAGMA synchronous=FULL"));

    std::vector<double> issue, call;
    QElapsedTimer t;
    for (int i = 0; i < ops; ++i) {
        const Group &g = catalog.groups[size_t(i) % catalog.groups.size()];
        clock.advanceSecs(1);
        t.start();
        if (!store.issueWalkIn({QString::fromStdString(g.code), g.prefix, today, clock.now().toTimeZone(zone), QStringLiteral("T"), 0}))
            std::exit(1);
        issue.push_back(double(t.nsecsElapsed()) / 1e6);
        t.start();
        if (!queue.callNext(1 + i % 8)) // finishes the window's citizen and calls the next: one transaction
            std::exit(1);
        call.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const Stats si = stats(issue), sc = stats(call);
    std::printf("  %-28s issue     median %7.3f ms  p99 %7.3f ms\n", label, si.median, si.p99);
    std::printf("  %-28s call-next median %7.3f ms  p99 %7.3f ms\n", label, sc.median, sc.p99);
}

void simulatedDay(const char *label, const QString &path)
{
    TraceProfile profile;
    profile.walkIns = 3800;
    profile.bookings = 1200;
    const auto trace = TraceGenerator::generate(profile);
    // Five county halls' worth of windows for five times the citizens.
    HallPlan hall = TraceGenerator::countyHall(CivilDate(2026, 11, 24));
    const auto base = hall.windows;
    for (int copy = 1; copy < 5; ++copy) {
        for (HallPlan::Window w : base) {
            w.number += copy * 10;
            hall.windows.push_back(w);
        }
    }
    QElapsedTimer t;
    t.start();
    auto report = DaySimulation::run(trace, hall, {*CallingPolicy::parse("booked_first"), path});
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error()));
        std::exit(1);
    }
    std::printf("  %-28s 5,000 arrivals, %zu windows: %.2f s (%.0f arrivals/s); %d called, utilisation %.1f %%\n", label,
                hall.windows.size(), seconds, 5000 / seconds, report->booked.called + report->walkIn.called, report->utilisation * 100);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.info=false"));
    const int ops = argc > 1 ? std::max(10, atoi(argv[1])) : 300;
    QTemporaryDir dir;
    std::printf("queue latency with 10,000 tickets waiting, %d operations each\n", ops);
    latencies("SQLite file (WAL, FULL)", dir.filePath(QStringLiteral("bench.db")), ops);
    latencies("SQLite in memory", Database::kInMemory, ops);
    std::printf("a simulated day end to end through the SQLite queue\n");
    simulatedDay("SQLite file (WAL, FULL)", dir.filePath(QStringLiteral("day.db")));
    simulatedDay("SQLite in memory", Database::kInMemory);
    return 0;
}
