// The supervisors' /reports page in a real browser: Debian's Chromium, headless, driven by
// browser/reports_page.cjs through playwright-core, against the terminal built by its composition root
// (real HTTP server on a loopback port) over the hand-made day of tests/support/report_day.h, written
// on two dates. The script signs in (a clerk refused, the supervisor let in), draws the day's charts,
// downloads the CSV, sums a span; screenshots and the CSV land in the test artifacts.

#include "app/root/terminal.h"
#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/report_day.h"
#include "tests/support/test_platform.h"
#include "tests/support/window_three.h"

#include <QApplication>
#include <QDir>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

class TestReportsBrowser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void supervisorReadsTheDayAndDownloadsItsCsv()
    {
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QStringLiteral("hallkiosk.db"));
        {
            auto db = Database::open(dbPath);
            QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
            for (const CivilDate &day : {CivilDate(2026, 11, 24), CivilDate(2026, 11, 25)}) {
                test::ReportDay written(*db.value(), day);
                QVERIFY2(written.error().isEmpty(), qPrintable(written.error()));
            }
        }
        const test::TestPlatform platform;
        const QString staffFile = test::writeWindowThreeClerk(dir.path(), PinHasher::hash(QStringLiteral("3690"), 1000));
        QVERIFY(!staffFile.isEmpty());
        QJsonObject json = test::simTerminalConfig(dbPath, staffFile);
        json.insert(QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), platform.publicKeyFile(dir.path())},
                                                            {QStringLiteral("match_key_file"), platform.matchKeyFile(dir.path())}});
        const auto clock = test::workingMorningClock(test::demoCatalog());
        auto started = test::startTerminal(json, dir.path(), *clock);
        QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error()));
        const std::unique_ptr<Terminal> terminal = std::move(started).value();

        QDir().mkpath(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR));
        QProcess node;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NODE_PATH"), QStringLiteral(HALLKIOSK_NODE_MODULES));
        env.insert(QStringLiteral("HK_BASE_URL"), QStringLiteral("http://127.0.0.1:%1").arg(terminal->httpPort()));
        env.insert(QStringLiteral("HK_ARTIFACTS"), QStringLiteral(HALLKIOSK_ARTIFACTS_DIR));
        env.insert(QStringLiteral("HK_STAFF_PIN"), QStringLiteral("3690"));
        node.setProcessEnvironment(env);
        node.setProcessChannelMode(QProcess::MergedChannels);
        node.start(QStringLiteral("node"), {QStringLiteral(HALLKIOSK_SOURCE_DIR "/tests/e2e/browser/reports_page.cjs")});
        QVERIFY2(node.waitForStarted(), "node is not installed (scripts/setup-debian.sh installs it)");
        // The terminal keeps serving while the browser works: wait by running the event loop.
        QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 120000);
        const QByteArray output = node.readAll();
        qInfo().noquote() << output;
        QCOMPARE(node.exitCode(), 0);
        QVERIFY(output.contains("DONE"));
        QVERIFY(QFile::exists(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/browser-reports-day.png")));
    }
};

QTEST_MAIN(TestReportsBrowser)
#include "tst_reports_browser.moc"
