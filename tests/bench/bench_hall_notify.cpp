// How long a hall notice takes from one terminal to another (DESIGN §11, "Live"): a private
// PostgreSQL, two connections as two terminals would hold them, a PgHallChannel on each. For each
// notice: publish on the first (SELECT pg_notify) → `noticed` on the second. Prints the median,
// p99 and maximum in µs, and the time a burst of the same number takes to arrive whole; asserts
// nothing about time (STYLE.md).
//
//   bench_hall_notify [NOTICES]   (default 1000)

#include "db/hall/pg_hall_channel.h"
#include "tests/support/private_hall.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QSqlDatabase>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace hk;

namespace {

struct Stats {
    double median, p99, max;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, size_t(double(v.size()) * 0.99))], v.back()};
}

std::unique_ptr<PgHallChannel> channelOf(const test::PrivatePostgres &pg, const QString &terminal)
{
    auto db = openHallConnection(test::hallConnectionOf(pg, terminal), QStringLiteral("bench-") + terminal);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().detail));
        std::exit(1);
    }
    auto channel = std::make_unique<PgHallChannel>(db.value(), terminal);
    if (auto listening = channel->listen(); !listening) {
        std::fprintf(stderr, "%s\n", qPrintable(listening.error().detail));
        std::exit(1);
    }
    return channel;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.info=false\nhallkiosk.*.debug=false"));
    const int notices = argc > 1 ? std::max(10, QByteArray(argv[1]).toInt()) : 1000;

    test::PrivatePostgres pg;
    if (const QString error = pg.start(); !error.isEmpty()) {
        std::fprintf(stderr, "a private PostgreSQL is needed: %s\n", qPrintable(error));
        return 1;
    }
    {
        auto from = channelOf(pg, QStringLiteral("T01"));
        auto to = channelOf(pg, QStringLiteral("T02"));
        int heard = 0;
        QElapsedTimer clock;
        qint64 heardAtNs = 0;
        QObject::connect(to.get(), &HallChannel::noticed, to.get(), [&] {
            heardAtNs = clock.nsecsElapsed();
            ++heard;
        });
        HallNotice call;
        call.kind = HallNotice::Kind::Window;
        call.window = 3;
        call.effect = HallNotice::Effect::Call;
        call.calledTicketId = QStringLiteral("7d1c3a52-0c0e-4b57-9a4e-1f2d3c4b5a69");

        // One at a time: the latency of each.
        std::vector<double> latencyUs;
        latencyUs.reserve(size_t(notices));
        clock.start();
        QEventLoop loop; // a benchmark's own wait, never in the product
        for (int i = 0; i < notices; ++i) {
            const int before = heard;
            const qint64 sentNs = clock.nsecsElapsed();
            from->publish(call);
            while (heard == before && clock.nsecsElapsed() - sentNs < 5'000'000'000)
                loop.processEvents(QEventLoop::WaitForMoreEvents);
            if (heard == before) {
                std::fprintf(stderr, "notice %d never arrived\n", i);
                return 1;
            }
            latencyUs.push_back(double(heardAtNs - sentNs) / 1000.0);
        }
        // All at once: until the last has arrived.
        heard = 0;
        const qint64 burstStartNs = clock.nsecsElapsed();
        for (int i = 0; i < notices; ++i)
            from->publish(call);
        const qint64 publishedNs = clock.nsecsElapsed();
        while (heard < notices && clock.nsecsElapsed() - burstStartNs < 30'000'000'000)
            loop.processEvents(QEventLoop::WaitForMoreEvents);

        const Stats s = stats(latencyUs);
        std::printf("hall notice, publish -> other terminal's noticed, %d notices one at a time (private PostgreSQL on loopback):\n",
                    notices);
        std::printf("  median %.0f us, p99 %.0f us, max %.0f us\n", s.median, s.p99, s.max);
        std::printf("burst of %d: published in %.1f ms, %d arrived in %.1f ms (%.0f notices/s)\n", notices,
                    double(publishedNs - burstStartNs) / 1e6, heard, double(heardAtNs - burstStartNs) / 1e6,
                    heard * 1e9 / double(std::max<qint64>(1, heardAtNs - burstStartNs)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-T01"));
    QSqlDatabase::removeDatabase(QStringLiteral("bench-T02"));
    return 0;
}
