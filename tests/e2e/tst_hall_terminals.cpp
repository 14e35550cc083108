// Three terminals, one hall (DESIGN §11): the built `hallkiosk` three times on one private
// PostgreSQL with the reference platform, walk-in and booked tickets issued at all three at once
// while consoles on all three call and finish at the hall's eight windows — about a thousand
// operations. Then: no number twice, no ticket to two windows, each ticket's events once, the
// outbox empty on the sender, and every event the hall wrote at the platform exactly once.

#include "tests/e2e/hall_audit.h"
#include "tests/e2e/hall_load.h"

#include <QTest>

using namespace hk;
using namespace hk::test;

class TestHallTerminals : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void threeTerminalsShareOneQueue()
    {
        QElapsedTimer total;
        total.start();
        HallRig hall;
        // All the bookings the 10:00 and 11:00 slots hold (32 each in the county catalog).
        const QString started = hall.start(3, 64);
        QVERIFY2(started.isEmpty(), qPrintable(started));
        qInfo().noquote() << QStringLiteral("hall up in %1 ms: %2 bookings made on the platform, terminals on ports %3, %4, %5")
                                 .arg(total.elapsed())
                                 .arg(hall.bookings().size())
                                 .arg(hall.terminal(1).port())
                                 .arg(hall.terminal(2).port())
                                 .arg(hall.terminal(3).port());
        QVERIFY2(hall.bookings().size() >= 40, "the platform took too few bookings for the morning's check-ins");

        HallLoadPlan plan;
        plan.walkInsPerTerminal = 95;
        HallLoad load(hall, plan);
        load.start();
        QVERIFY2(QTest::qWaitFor([&] { return load.finished(); }, 300000), qPrintable(load.figures().text()));
        const qint64 loadMs = load.elapsedMs();
        load.stop();
        QTRY_VERIFY_WITH_TIMEOUT(load.quiet(), 15000);
        const HallLoadFigures figures = load.figures();
        qInfo().noquote() << QStringLiteral("load: %1 in %2 ms").arg(figures.text()).arg(loadMs);

        // The sender delivers what is left; every terminal still runs.
        int sender = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                sender = 0;
                for (int i = 1; i <= 3; ++i) {
                    if (hall.terminal(i).health().value(QStringLiteral("sync")).toObject().value(QStringLiteral("sender")).toBool())
                        sender = i;
                }
                return sender != 0 && hall.number(QStringLiteral("SELECT count(*) FROM outbox")) == 0 &&
                       hall.number(QStringLiteral("SELECT count(*) FROM test_events_written")) == hall.platform().stats()
                                                                                                     .value(QStringLiteral("events"))
                                                                                                     .toObject()
                                                                                                     .value(QStringLiteral("stored"))
                                                                                                     .toInt(-1);
            }(),
            60000);
        const QJsonObject senderSync = hall.terminal(sender).health().value(QStringLiteral("sync")).toObject();
        QCOMPARE(senderSync.value(QStringLiteral("outbox_depth")).toInt(-1), 0);
        QCOMPARE(senderSync.value(QStringLiteral("parked")).toInt(-1), 0);
        for (int i = 1; i <= 3; ++i)
            QVERIFY2(hall.terminal(i).running(), qPrintable(hall.terminal(i).logTail()));

        HallAudit audit(hall);
        const QString read = audit.read();
        QVERIFY2(read.isEmpty(), qPrintable(read));
        std::vector<PrintedTicket> printed;
        for (int i = 1; i <= 3; ++i) {
            const std::vector<PrintedTicket> p = hall.terminal(i).printed();
            printed.insert(printed.end(), p.begin(), p.end());
        }
        int booked = 0;
        int served = 0;
        for (const HallTicket &t : audit.tickets()) {
            booked += t.kind == QLatin1String("booked") ? 1 : 0;
            served += t.state == QLatin1String("served") ? 1 : 0;
        }
        qInfo().noquote() << QStringLiteral("hall: %1 tickets (%2 booked), %3 printed, %4 served; %5 events written (%6), "
                                            "%7 at the platform (%8 duplicates it answered), sender T0%9; %10 ms in all")
                                 .arg(audit.tickets().size())
                                 .arg(booked)
                                 .arg(printed.size())
                                 .arg(served)
                                 .arg(audit.eventsWritten())
                                 .arg(audit.eventTypes())
                                 .arg(audit.platformEvents())
                                 .arg(hall.platform().stats().value(QStringLiteral("events")).toObject().value(QStringLiteral("duplicates")).toInt())
                                 .arg(sender)
                                 .arg(total.elapsed());

        QVERIFY2(audit.numbersOnce().isEmpty(), problemText(audit.numbersOnce()));
        QVERIFY2(audit.calledAtMostOnce(load.answeredCalls()).isEmpty(), problemText(audit.calledAtMostOnce(load.answeredCalls())));
        QVERIFY2(audit.eventsMatchTickets().isEmpty(), problemText(audit.eventsMatchTickets()));
        const QStringList notInHall = audit.printedAreInHall(printed);
        QVERIFY2(notInHall.isEmpty(), problemText(notInHall));
        QVERIFY2(audit.platformTookEachOnce().isEmpty(), problemText(audit.platformTookEachOnce()));
        QCOMPARE(audit.outbox(), 0);
        QVERIFY2(hall.unexpectedEnds().isEmpty(), problemText(hall.unexpectedEnds()));
        // The load did what it says: tickets at all three terminals, booked ones among them, and
        // the windows drained the queue.
        QCOMPARE(int(printed.size()), int(audit.tickets().size()));
        QVERIFY(booked > 0);
        for (int i = 1; i <= 3; ++i)
            QVERIFY2(!hall.terminal(i).printed().empty(), qPrintable(hall.terminal(i).id()));
        QCOMPARE(served, int(audit.tickets().size()));
        QCOMPARE(load.answeredCalls().size(), int(audit.tickets().size()));
    }
};

QTEST_GUILESS_MAIN(TestHallTerminals)
#include "tst_hall_terminals.moc"
