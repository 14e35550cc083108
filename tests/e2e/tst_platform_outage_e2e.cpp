// The real outage (label e2e): hallkiosk runs against hallkiosk-platform-sim; the platform is
// killed and stays down for several real minutes (HALLKIOSK_OUTAGE_S, default 180) while tickets
// are issued and called; health shows the outage; the platform comes back on the same address
// and every event arrives exactly once, in the order it was written.

#include "tests/e2e/platform_processes.h"

#include <QElapsedTimer>

using namespace hk;
using namespace hk::test;

class TestPlatformOutageE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void minutesWithoutThePlatform()
    {
        const int outageS = qEnvironmentVariableIsSet("HALLKIOSK_OUTAGE_S") ? qEnvironmentVariableIntValue("HALLKIOSK_OUTAGE_S") : 180;
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("platform")));
        QVERIFY(sim.start());
        const quint16 port = sim.port();
        const QString config = writeTerminalConfig(dir, sim, 2000);
        HallWriter hall(dir.filePath(QStringLiteral("terminal/hallkiosk.db")));
        TerminalProcess terminal(config);
        QVERIFY2(terminal.start(), qPrintable(terminal.log()));

        for (int i = 0; i < 5; ++i)
            QVERIFY(hall.walkIn());
        QTRY_COMPARE_WITH_TIMEOUT(terminal.sync().value(QStringLiteral("outbox_depth")).toInt(-1), 0, 60000);
        QVERIFY(terminal.sync().value(QStringLiteral("online")).toBool());
        const QStringList before = sim.eventIds();
        QCOMPARE(before.size(), 5);

        sim.stop(SIGKILL);
        QElapsedTimer outage;
        outage.start();
        int issued = 0, called = 0;
        bool sawOffline = false;
        while (outage.elapsed() < qint64(outageS) * 1000) {
            QVERIFY(hall.walkIn());
            ++issued;
            if (issued % 3 == 0 && hall.callNext(1 + issued % 2))
                ++called;
            QTest::qWait(2000); // the hall's pace; the assertions below wait for facts, not for times
            const QJsonObject sync = terminal.sync();
            if (!sync.value(QStringLiteral("online")).toBool(true) && sync.value(QStringLiteral("offline_since")).isString())
                sawOffline = true;
        }
        QVERIFY2(sawOffline, "health showed the platform offline");
        const QJsonObject down = terminal.sync();
        QVERIFY(!down.value(QStringLiteral("online")).toBool());
        QVERIFY(down.value(QStringLiteral("last_error")).toString().startsWith(QStringLiteral("network")));
        QCOMPARE(down.value(QStringLiteral("outbox_depth")).toInt(), hall.pending());
        QVERIFY(down.value(QStringLiteral("oldest_pending_age_s")).toInt() >= outageS - 10);
        const QStringList waiting = hall.pendingIds();
        QVERIFY(waiting.size() >= issued + called);
        qInfo("outage of %d s: %d tickets issued, %d called, %lld events waiting", outageS, issued, called, qlonglong(waiting.size()));

        QVERIFY(sim.start({}, port)); // back, on the same address
        QTRY_COMPARE_WITH_TIMEOUT(terminal.sync().value(QStringLiteral("outbox_depth")).toInt(-1), 0, 120000);
        QCOMPARE(sim.eventIds(), before + waiting); // every event once, in order
        QCOMPARE(sim.duplicates(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.sync().value(QStringLiteral("online")).toBool(), 30000);
        QVERIFY(terminal.sync().value(QStringLiteral("offline_since")).isNull());
        terminal.stop(SIGTERM);
        QCOMPARE(terminal.process().exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPlatformOutageE2e)
#include "tst_platform_outage_e2e.moc"
