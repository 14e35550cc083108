// Test helper for tst_queue_crash: performs random queue operations (issue, check in, every window
// action, re-queue, no-shows, day close) through the real services and stores, as fast as it can,
// and after each committed one prints the highest outbox sequence number. The test kills it with
// SIGKILL at random moments.
//
//   queue_crash_child DB SEED START_UTC_SECONDS

#include "app/services/queue_service.h"
#include "db/database.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <cstdio>

using namespace hk;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 4)
        return 2;
    auto db = Database::open(QString::fromLocal8Bit(argv[1]));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().detail));
        return 1;
    }
    QRandomGenerator rng(quint32(QByteArray(argv[2]).toUInt()));
    test::FakeClock clock(QDateTime::fromSecsSinceEpoch(QByteArray(argv[3]).toLongLong(), Qt::UTC));
    CatalogService catalog(test::demoCatalog());
    SqlQueueStore store(*db.value());
    SqlBookingStore bookings(*db.value());
    NullHallChannel alone;
    QueueService queue(store, alone, catalog, clock, QueueSettings{*CallingPolicy::parse("interleave:2"), 3});
    const CenterTime &time = catalog.centerTime();

    // What the terminal does at start-up: close the days before today that were left open.
    const std::vector<CivilDate> unclosed = store.unclosedDays().value();
    for (const CivilDate &day : unclosed) {
        if (day < time.dateOf(clock.now()) && !store.closeDay(DayClose{day, time.toLocal(clock.now()), time.toLocal(clock.now()), clock.now()}))
            return 1;
    }

    const auto report = [&] {
        QSqlQuery q(db.value()->connection());
        q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM outbox"));
        q.next();
        std::printf("S %lld\n", q.value(0).toLongLong());
        std::fflush(stdout);
    };
    const QStringList groups{QStringLiteral("SB"), QStringLiteral("BDC"), QStringLiteral("HJ"), QStringLiteral("QY"),
                             QStringLiteral("SW"), QStringLiteral("ZH")};
    for (quint64 i = 0;; ++i) {
        clock.advanceSecs(1);
        const QDateTime now = time.toLocal(clock.now());
        const CivilDate today = time.dateOf(clock.now());
        const int window = 1 + int(rng.bounded(8));
        const QString group = groups.at(int(rng.bounded(groups.size())));
        const Group *g = catalog.catalog().findGroup(group.toStdString());
        bool committed = false;
        switch (rng.bounded(16)) {
        case 0:
        case 1:
        case 2:
            committed = store.issueWalkIn({group, g->prefix, today, now, QStringLiteral("T01"), 0}).ok();
            break;
        case 3: { // a booking arrives in the cache, then is checked in (or not)
            BookingRecord b;
            b.id = QStringLiteral("bk-%1-%2").arg(QString::fromLatin1(argv[2])).arg(i);
            b.version = 1;
            b.matterCode = QStringLiteral("SB-001");
            b.groupCode = group;
            b.slotStart = now.addSecs(qint64(rng.bounded(7200)) - 3600);
            committed = bookings.upsert(b).ok();
            if (committed && rng.bounded(2))
                committed = store.issueBooked({b.id, group, b.matterCode, 'Y', today, now, std::max(now, b.slotStart.addSecs(-900)),
                                               b.slotStart, Complexity::General, QStringLiteral("T01")})
                                .ok();
            break;
        }
        case 4:
        case 5:
        case 6:
            committed = queue.callNext(window).ok();
            break;
        case 7:
            committed = queue.recall(window).ok();
            break;
        case 8:
            committed = queue.startServing(window).ok();
            break;
        case 9:
            committed = queue.pass(window).ok();
            break;
        case 10:
            committed = queue.finish(window).ok();
            break;
        case 11:
            committed = (rng.bounded(2) ? queue.pause(window) : queue.resume(window)).ok();
            break;
        case 12:
            committed = queue.setMode(window, rng.bounded(2) ? WindowMode::Booking : WindowMode::Normal).ok();
            break;
        case 13:
            committed = queue.transfer(window, group).ok();
            break;
        case 14: {
            QSqlQuery q(db.value()->connection());
            q.exec(QStringLiteral("SELECT id FROM tickets WHERE state = 'passed' ORDER BY RANDOM() LIMIT 1"));
            if (q.next())
                committed = queue.requeue(q.value(0).toString()).ok();
            break;
        }
        case 15:
            committed = bookings.markNoShows(now.addSecs(-30 * 60), now).ok();
            break;
        }
        if (committed)
            report();
    }
}
