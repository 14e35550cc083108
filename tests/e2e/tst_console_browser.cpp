// The staff console, the hall display and the rating page in a real browser: Debian's Chromium,
// headless, driven by browser/console_cycle.cjs through playwright-core, against the terminal built
// by its composition root (real HTTP server on a loopback port, hallbus simulator on a pty,
// espeak-ng). A booking is checked in by its QR code on the simulated scanner first. The script
// signs in, calls, switches mode, takes a 帮办 request, finishes and rates;
// this test presses the kiosk's 帮办 button when asked, then checks the board, the voice, the
// rating row and the outbox.

#include "app/root/terminal.h"
#include "app/services/hall/announcement_service.h"
#include "app/services/health_service.h"
#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/test_platform.h"
#include "tests/support/window_three.h"
#include "ui/kiosk/kiosk_window.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

class TestConsoleBrowser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void signInCallSwitchModeRate()
    {
        QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));
        QTemporaryDir dir;
        auto printer = PrinterSimulator::create().value();
        auto scanner = ScannerSimulator::create().value();
        const test::TestPlatform platform;
        auto bus = HallbusSimulator::create().value();
        bus->addDevice(HallbusSimulator::Kind::Board, 3);
        bus->addDevice(HallbusSimulator::Kind::Caller, 103);
        bus->addDevice(HallbusSimulator::Kind::Evaluator, 203);
        const QString staffFile = test::writeWindowThreeClerk(dir.path(), PinHasher::hash(QStringLiteral("3690"), 2000));
        QVERIFY(!staffFile.isEmpty());
        const QJsonObject json{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")},
                                                     {QStringLiteral("center"), QStringLiteral("SQ-001")},
                                                     {QStringLiteral("name"), QStringLiteral("大厅1号自助机")}}},
            {QStringLiteral("database"), dir.filePath(QStringLiteral("hallkiosk.db"))},
            {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(printer->devicePath())},
                                                    {QStringLiteral("scanner"), QStringLiteral("serial:%1?baud=9600&suffix=cr").arg(scanner->devicePath())},
                                                    {QStringLiteral("hallbus"), QStringLiteral("serial:%1").arg(bus->devicePath())}}},
            {QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), platform.publicKeyFile(dir.path())},
                                                     {QStringLiteral("match_key_file"), platform.matchKeyFile(dir.path())}}},
            {QStringLiteral("hallbus"), test::windowThreeBus()},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), QString()}}},
            {QStringLiteral("staff_file"), staffFile},
            {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 3600}}},
        };
        const auto clock = test::workingMorningClock(test::demoCatalog());
        auto started = test::startTerminal(json, dir.path(), *clock);
        QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error()));
        const std::unique_ptr<Terminal> owned = std::move(started).value();
        Terminal &terminal = *owned;
        QSignalSpy announced(&terminal.announcer(), &AnnouncementService::announced);
        auto db = Database::open(dir.filePath(QStringLiteral("hallkiosk.db"))).value();
        // Check in: the citizen scans her booking's code (its slot began five minutes ago).
        QTRY_COMPARE_WITH_TIMEOUT(terminal.health().deviceHealth(QStringLiteral("scanner")).state, DeviceHealth::State::Ok, 20000);
        QVERIFY(scanner->send(platform.code(QStringLiteral("BK-WEB-1"), clock->now().addSecs(-5 * 60), "BDC-001")));
        QTRY_COMPARE_WITH_TIMEOUT(printer->tickets().size(), 1, 10000);
        QVERIFY(printer->tickets().first().text.contains(QStringLiteral("Y001")));
        QString ticketId;
        {
            // Scoped: a query left open would hold its read snapshot and hide the rating to come.
            QSqlQuery ticketQuery(db->connection());
            QVERIFY(ticketQuery.exec(QStringLiteral("SELECT id FROM tickets WHERE number = 'Y001'")) && ticketQuery.next());
            ticketId = ticketQuery.value(0).toString();
        }

        QProcess node;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NODE_PATH"), QStringLiteral(HALLKIOSK_NODE_MODULES));
        env.insert(QStringLiteral("HK_BASE_URL"), QStringLiteral("http://127.0.0.1:%1").arg(terminal.httpPort()));
        env.insert(QStringLiteral("HK_ARTIFACTS"), QStringLiteral(HALLKIOSK_ARTIFACTS_DIR));
        env.insert(QStringLiteral("HK_STAFF_ID"), QStringLiteral("S03"));
        env.insert(QStringLiteral("HK_STAFF_PIN"), QStringLiteral("3690"));
        node.setProcessEnvironment(env);
        node.setProcessChannelMode(QProcess::MergedChannels);
        QByteArray output;
        connect(&node, &QProcess::readyRead, this, [&] {
            const QByteArray chunk = node.readAll();
            output += chunk;
            if (chunk.contains("STEP press-help")) // a citizen at the kiosk asks for 帮办
                QTest::mouseClick(terminal.window().findChild<QPushButton *>(QStringLiteral("helpButton")), Qt::LeftButton);
        });
        node.start(QStringLiteral("node"), {QStringLiteral(HALLKIOSK_SOURCE_DIR "/tests/e2e/browser/console_cycle.cjs")});
        QVERIFY2(node.waitForStarted(), "node is not installed (scripts/setup-debian.sh installs it)");
        // The terminal keeps serving while the browser works: wait by running the event loop.
        QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 120000);
        output += node.readAll();
        qInfo().noquote() << output;
        QCOMPARE(node.exitCode(), 0);
        QVERIFY(output.contains("DONE"));

        // What the browser did, as the rest of the hall saw it.
        QVERIFY(bus->boardHistory(3).contains(QStringLiteral("Y001 请到3号窗口")));
        QTRY_COMPARE(bus->boardLine(3, 1), QStringLiteral("预约办理"));
        QTRY_VERIFY(announced.size() >= 1);
        QCOMPARE(announced.first().at(0).toString(), QStringLiteral("请 Y001 号 到 3号窗口 办理"));
        QVERIFY(QFile::exists(announced.first().at(1).toString()));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT level, reason, follow_up, channel FROM ratings WHERE ticket_id = '%1'").arg(ticketId)) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(1).toString(), QStringLiteral("等候时间太长"));
        QCOMPARE(q.value(2).toInt(), 0);
        QCOMPARE(q.value(3).toString(), QStringLiteral("rate_page")); // the /rate tablet's rating-scope token (DESIGN §16)
        QVERIFY(q.exec(QStringLiteral("SELECT data FROM outbox WHERE type = 'rating' AND state = 'pending'")) && q.next());
        const QJsonObject event = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        QCOMPARE(event.value(QStringLiteral("ticket")).toString(), ticketId);
        QCOMPARE(event.value(QStringLiteral("level")).toInt(), 2);
        QCOMPARE(event.value(QStringLiteral("window")).toInt(), 3);
        QCOMPARE(event.value(QStringLiteral("reason")).toString(), QStringLiteral("等候时间太长"));
        QCOMPARE(event.value(QStringLiteral("channel")).toString(), QStringLiteral("rate_page"));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type IN ('ticket_called', 'ticket_served', 'window_mode_changed', "
                                      "'help_requested', 'rating')")) && q.next());
        QCOMPARE(q.value(0).toInt(), 5);
        // The evaluator was asked about the same ticket the page rated; its rating would be refused.
        QTRY_COMPARE(bus->lastRate(203), QStringLiteral("Y001"));
    }
};

QTEST_MAIN(TestConsoleBrowser)
#include "tst_console_browser.moc"
