// The hall's outbox sender dies (DESIGN §11): three `hallkiosk` binaries on one private PostgreSQL
// with the reference platform, tickets issued and called at all three; the terminal holding the
// sender's lease (health `sync.sender: true`) is SIGKILLed with events still to send — some of them
// taken by the platform whose answers were lost — and another terminal says it sends within the
// DESIGN's 30 s. Every event the hall wrote then reaches the platform exactly once, and no two live
// terminals ever say they send.

#include "tests/e2e/hall_audit.h"
#include "tests/e2e/hall_load.h"

#include <QTest>

using namespace hk;
using namespace hk::test;

class TestHallSenderFailover : public QObject {
    Q_OBJECT

    // The live terminals whose health says they send the hall's outbox; more than one is noted.
    QList<int> senders(HallRig &hall)
    {
        QList<int> found;
        for (int i = 1; i <= hall.terminalCount(); ++i) {
            if (hall.terminal(i).health().value(QStringLiteral("sync")).toObject().value(QStringLiteral("sender")).toBool())
                found << i;
        }
        if (found.size() > 1)
            m_twoSenders << QStringLiteral("T0%1 and T0%2 both said they send").arg(found.at(0)).arg(found.at(1));
        return found;
    }

    QStringList m_twoSenders;

private Q_SLOTS:
    void anotherTerminalTakesOverTheSender()
    {
        HallRig hall;
        const QString started = hall.start(3, 12);
        QVERIFY2(started.isEmpty(), qPrintable(started));

        HallLoadPlan plan;
        plan.walkInsPerTerminal = 40;
        HallLoad load(hall, plan);
        load.start();

        int sender = 0;
        QTRY_VERIFY_WITH_TIMEOUT(senders(hall).size() == 1, 30000);
        sender = senders(hall).value(0);

        // The platform takes what it is sent but its answers never arrive, so the sender keeps every
        // event and sends it again; it dies with a backlog, some of it already at the platform.
        QVERIFY(hall.platform().setFaults({{QStringLiteral("drop_rate"), 1.0}}));
        QTRY_VERIFY_WITH_TIMEOUT(hall.number(QStringLiteral("SELECT count(*) FROM outbox")) >= 30 &&
                                     hall.platform().stats().value(QStringLiteral("events")).toObject().value(QStringLiteral("stored")).toInt() > 0,
                                 60000);
        const qint64 backlog = hall.number(QStringLiteral("SELECT count(*) FROM outbox"));
        const int takenBefore = hall.platform().stats().value(QStringLiteral("events")).toObject().value(QStringLiteral("stored")).toInt();
        QElapsedTimer sinceKill;
        hall.terminal(sender).kill();
        sinceKill.start();
        QVERIFY(hall.platform().setFaults({{QStringLiteral("drop_rate"), 0.0}}));

        int successor = 0;
        QTRY_VERIFY_WITH_TIMEOUT((successor = senders(hall).value(0)) != 0, 30000);
        const qint64 takeoverMs = sinceKill.elapsed();
        QVERIFY(successor != sender);
        qInfo().noquote() << QStringLiteral("T0%1 sent the hall's events and was killed with %2 in the outbox (%3 already at the platform, "
                                            "their answers lost); T0%4 said it sends %5 ms later")
                                 .arg(sender)
                                 .arg(backlog)
                                 .arg(takenBefore)
                                 .arg(successor)
                                 .arg(takeoverMs);

        // The dead terminal comes back as a terminal like the others; the successor keeps sending.
        const QString restarted = hall.terminal(sender).start();
        QVERIFY2(restarted.isEmpty(), qPrintable(restarted));
        QVERIFY2(QTest::qWaitFor([&] { return load.finished(); }, 180000), qPrintable(load.figures().text()));
        load.stop();
        QTRY_VERIFY_WITH_TIMEOUT(load.quiet(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(hall.number(QStringLiteral("SELECT count(*) FROM outbox")) == 0 &&
                                     hall.number(QStringLiteral("SELECT count(*) FROM test_events_written")) ==
                                         hall.platform().stats().value(QStringLiteral("events")).toObject().value(QStringLiteral("stored")).toInt(-1),
                                 60000);
        const QList<int> after = senders(hall);
        QCOMPARE(after, QList<int>{successor});

        HallAudit audit(hall);
        const QString read = audit.read();
        QVERIFY2(read.isEmpty(), qPrintable(read));
        qInfo().noquote() << QStringLiteral("load: %1; %2 tickets; %3 events written, %4 at the platform, which answered %5 duplicates")
                                 .arg(load.figures().text())
                                 .arg(audit.tickets().size())
                                 .arg(audit.eventsWritten())
                                 .arg(audit.platformEvents())
                                 .arg(hall.platform().stats().value(QStringLiteral("events")).toObject().value(QStringLiteral("duplicates")).toInt());
        QVERIFY2(audit.platformTookEachOnce().isEmpty(), problemText(audit.platformTookEachOnce()));
        QVERIFY2(audit.eventsMatchTickets().isEmpty(), problemText(audit.eventsMatchTickets()));
        QVERIFY2(audit.numbersOnce().isEmpty(), problemText(audit.numbersOnce()));
        QVERIFY2(audit.calledAtMostOnce(load.answeredCalls()).isEmpty(), problemText(audit.calledAtMostOnce(load.answeredCalls())));
        QVERIFY2(m_twoSenders.isEmpty(), qPrintable(m_twoSenders.join(QStringLiteral("; "))));
        QCOMPARE(audit.outbox(), 0);
        QVERIFY2(hall.unexpectedEnds().isEmpty(), problemText(hall.unexpectedEnds()));
    }
};

QTEST_GUILESS_MAIN(TestHallSenderFailover)
#include "tst_hall_sender_failover.moc"
