// End to end with the real programs: hallkiosk against hallkiosk-platform-sim over loopback.
// The demo brings its platform up and syncs; a terminal with no catalog of its own takes the
// platform's and keeps it; a terminal SIGKILLed in the middle of a push loses no event and has none
// applied twice when it comes back.

#include "tests/e2e/platform_processes.h"

#include <QSignalSpy>

using namespace hk;
using namespace hk::test;

class TestPlatformE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theDemoBringsItsPlatform()
    {
        QTemporaryDir dir;
        QProcess &p = [&]() -> QProcess & {
            auto *process = new QProcess(this);
            process->setProcessChannelMode(QProcess::SeparateChannels);
            process->start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--demo"), QStringLiteral("--data-dir"), dir.path()});
            return *process;
        }();
        QString log;
        static const QRegularExpression kPlatform(QStringLiteral("demo platform: (http://127\\.0\\.0\\.1:\\d+/) \\(hallkiosk-platform-sim, pid (\\d+)"));
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(p.readAllStandardError()), kPlatform.match(log).hasMatch() && kHttp.match(log).hasMatch()),
                                 60000);
        const QString platformUrl = kPlatform.match(log).captured(1);
        const pid_t platformPid = pid_t(kPlatform.match(log).captured(2).toInt());
        const QUrl health(QStringLiteral("http://127.0.0.1:%1/api/v1/health").arg(kHttp.match(log).captured(1)));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("platform/platform-public.pem"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("platform/match.key"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("platform/terminals/DEMO-T01.secret"))));

        // Synced: the platform's catalog in force, its demo bookings in the cache.
        // "online" turns true with the first exchange (the catalog); "last_pull" once the bookings
        // pull that follows it has finished, so wait for both.
        const auto syncNow = [&health] { return fetch(health).body.object().value(QStringLiteral("sync")).toObject(); };
        QTRY_VERIFY_WITH_TIMEOUT(syncNow().value(QStringLiteral("online")).toBool() && syncNow().value(QStringLiteral("last_pull")).isString(), 60000);
        const QJsonObject sync = syncNow();
        QCOMPARE(sync.value(QStringLiteral("catalog_version")).toInt(), 2);
        QVERIFY(sync.value(QStringLiteral("online")).toBool());
        QVERIFY(sync.value(QStringLiteral("sender")).toBool()); // a terminal alone sends its own outbox
        const QJsonObject stats = fetch(QUrl(platformUrl + QStringLiteral("sim/v1/stats"))).body.object();
        QVERIFY(stats.value(QStringLiteral("bookings")).toObject().value(QStringLiteral("booked")).toInt() > 500); // ~200 a working day

        // Its platform stops with it.
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(platformPid, 0) != 0, 15000);
    }

    void withoutACatalogFileThePlatformsIsTakenAndKept()
    {
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("platform")));
        QVERIFY(sim.start());
        const QString config = writeTerminalConfig(dir, sim, 5000, false);
        {
            TerminalProcess terminal(config);
            QVERIFY2(terminal.start(), qPrintable(terminal.log()));
            QTRY_COMPARE_WITH_TIMEOUT(terminal.sync().value(QStringLiteral("catalog_version")).toInt(), 2, 60000);
            terminal.stop(SIGTERM);
        }
        // The platform is gone; the terminal starts with the catalog the last pull left.
        sim.stop(SIGKILL);
        TerminalProcess again(config);
        QVERIFY2(again.start(), qPrintable(again.log()));
        QVERIFY2(again.log().contains(QStringLiteral("catalog version 2 from the platform's last pull")), qPrintable(again.log()));
        QCOMPARE(again.sync().value(QStringLiteral("catalog_version")).toInt(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(again.sync().value(QStringLiteral("offline_since")).isString(), 30000);
        QVERIFY(!again.sync().value(QStringLiteral("online")).toBool());
    }

    void killedInTheMiddleOfAPushLosesNothing()
    {
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("platform")));
        // The platform takes the events in, then does not answer for ten minutes.
        QVERIFY(sim.start({QStringLiteral("--delay-ms"), QStringLiteral("600000")}));
        const QString config = writeTerminalConfig(dir, sim, 120000);
        QStringList ids;
        {
            HallWriter hall(dir.filePath(QStringLiteral("terminal/hallkiosk.db")));
            for (int i = 0; i < 30; ++i)
                QVERIFY(hall.walkIn());
            for (int i = 0; i < 6; ++i)
                QVERIFY(hall.callNext(1 + i % 2));
            ids = hall.pendingIds();
        }
        QVERIFY(ids.size() >= 36);

        TerminalProcess terminal(config);
        QVERIFY2(terminal.start(), qPrintable(terminal.log()));
        // The push is in flight: the platform has applied it, the terminal waits for the answer …
        QTRY_COMPARE_WITH_TIMEOUT(sim.storedEvents(), int(ids.size()), 60000);
        terminal.stop(SIGKILL); // … and dies.
        QCOMPARE(terminal.process().exitStatus(), QProcess::CrashExit);
        {
            HallWriter hall(dir.filePath(QStringLiteral("terminal/hallkiosk.db")));
            QCOMPARE(hall.pendingIds(), ids); // nothing removed without an answer, nothing lost
        }

        sim.setFaults(QJsonObject{{QStringLiteral("delay_ms"), 0}});
        TerminalProcess restarted(config);
        QVERIFY2(restarted.start(), qPrintable(restarted.log()));
        QTRY_COMPARE_WITH_TIMEOUT(restarted.sync().value(QStringLiteral("outbox_depth")).toInt(-1), 0, 60000);
        QCOMPARE(sim.eventIds(), ids);              // each event once, in order
        QCOMPARE(sim.storedEvents(), int(ids.size()));
        QCOMPARE(sim.duplicates(), int(ids.size())); // sent again, recognised, not applied twice
        restarted.stop(SIGTERM);
    }
};

QTEST_GUILESS_MAIN(TestPlatformE2e)
#include "tst_platform_e2e.moc"
