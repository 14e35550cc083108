// Queue benchmarks (issue 3): issue and call-next latency with 10,000 tickets waiting, and a
// simulated day of 5,000 arrivals end to end through the SQLite queue. Prints medians and p99;
// asserts nothing about time.
//
//   bench_queue [OPS] [latency]   (default 300 measured operations each; `latency`: the latencies
//                                  only, without the simulated days — what a profile of them wants)

#include "app/config/catalog_parser.h"
#include "app/queuesim/day_simulation.h"
#include "app/queuesim/trace_generator.h"
#include "app/services/queue_service.h"
#include "db/database.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_time.h"
#include "tests/bench/bench_support.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

using namespace hk;

namespace {

struct Stats {
    double median, p99;
};

// This thread's processor time in ms: beside the wall time, what a neighbour's load does not move
// (and what the disk's flushes do not count in).
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The disk's own floor under a committed write: the median of 50 appends of a page to a file in
// `dir`, each followed by fdatasync, as a WAL commit with synchronous=FULL does once.
double syncFloorMs(const QString &dir)
{
    const QByteArray path = QFile::encodeName(dir + QStringLiteral("/sync-floor"));
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    const std::vector<char> page(4096, 'x');
    std::vector<double> ms;
    QElapsedTimer t;
    for (int i = 0; i < 50; ++i) {
        t.start();
        if (::write(fd, page.data(), page.size()) != ssize_t(page.size()) || ::fdatasync(fd) != 0)
            break;
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    ::close(fd);
    ::unlink(path.constData());
    if (ms.empty())
        return -1;
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

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

    std::vector<double> issue, call, issueCpu, callCpu;
    QElapsedTimer t;
    for (int i = 0; i < ops; ++i) {
        const Group &g = catalog.groups[size_t(i) % catalog.groups.size()];
        clock.advanceSecs(1);
        double cpu = threadCpuMs();
        t.start();
        if (!store.issueWalkIn({QString::fromStdString(g.code), g.prefix, today, clock.now().toTimeZone(zone), QStringLiteral("T"), 0}))
            std::exit(1);
        issue.push_back(double(t.nsecsElapsed()) / 1e6);
        issueCpu.push_back(threadCpuMs() - cpu);
        cpu = threadCpuMs();
        t.start();
        if (!queue.callNext(1 + i % 8)) // finishes the window's citizen and calls the next: one transaction
            std::exit(1);
        call.push_back(double(t.nsecsElapsed()) / 1e6);
        callCpu.push_back(threadCpuMs() - cpu);
    }
    const Stats si = stats(issue), sc = stats(call), ci = stats(issueCpu), cc = stats(callCpu);
    std::printf("  %-34s issue     median %7.3f ms  p99 %7.3f ms   processor median %6.3f ms  p99 %6.3f ms\n", label, si.median,
                si.p99, ci.median, ci.p99);
    std::printf("  %-34s call-next median %7.3f ms  p99 %7.3f ms   processor median %6.3f ms  p99 %6.3f ms\n", label, sc.median,
                sc.p99, cc.median, cc.p99);
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
    const bool latencyOnly = argc > 2 && qstrcmp(argv[2], "latency") == 0;
    QTemporaryDir dir;
    if (qEnvironmentVariableIsSet("HALLKIOSK_BENCH_KEEP")) { // the database files kept, to look into
        dir.setAutoRemove(false);
        std::printf("files kept in %s\n", qPrintable(dir.path()));
    }
    std::printf("queue latency with 10,000 tickets waiting, %d operations each; %s\n", ops, qPrintable(bench::machineLoad()));
    std::printf("  the disk's floor: a page appended and fdatasync'ed, median %.3f ms (a file commit waits for one)\n",
                syncFloorMs(dir.path()));
    // The same code on a file in tmpfs, where fdatasync returns at once: the file figures less
    // these are what the commits wait for the disk; these less the processor time, the machine's load.
    QTemporaryDir shm(QStringLiteral("/dev/shm/bench_queue-XXXXXX"));
    if (shm.isValid())
        std::printf("  tmpfs's floor (/dev/shm), the same appends: median %.3f ms\n", syncFloorMs(shm.path()));
    latencies("SQLite file (WAL, FULL)", dir.filePath(QStringLiteral("bench.db")), ops);
    if (shm.isValid())
        latencies("SQLite file on tmpfs (WAL, FULL)", shm.filePath(QStringLiteral("bench.db")), ops);
    latencies("SQLite in memory", Database::kInMemory, ops);
    if (latencyOnly)
        return 0;
    std::printf("a simulated day end to end through the SQLite queue\n");
    simulatedDay("SQLite file (WAL, FULL)", dir.filePath(QStringLiteral("day.db")));
    simulatedDay("SQLite in memory", Database::kInMemory);
    return 0;
}
