// A 差评 case in a real browser (DESIGN §13): Debian's Chromium, headless, driven by
// browser/complaints_cycle.cjs through playwright-core, against the terminal built by its composition
// root (real HTTP server on a loopback port) on a clock the test moves. The citizen rates B001 on
// /rate/3 with the matter's level at 2; the test moves the clock past the contact day; the supervisor
// signs in at /console without a window, acts on window 5, sees the case 已超期 and records 已联系 and
// 办结. Then the database: the rating, the steps by SV1, the case closed, its events. Screenshots go
// into the test artifacts.

#include "app/domain/complaint/complaint_case.h"
#include "app/root/terminal.h"
#include "app/services/catalog_service.h"
#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/shifting_clock.h"
#include "tests/support/sql_values.h"
#include "tests/support/window_three.h"

#include <QApplication>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;
using test::request;

class TestComplaintsBrowser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void supervisorSeesTheOverdueCaseAndClosesIt()
    {
        QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));
        QTemporaryDir dir;
        const QString staffFile = test::writeWindowThreeClerk(dir.path(), PinHasher::hash(QStringLiteral("3690"), 1000));
        QVERIFY(!staffFile.isEmpty());
        const QJsonObject json = test::simTerminalConfig(dir.filePath(QStringLiteral("hallkiosk.db")), staffFile);
        test::ShiftingClock clock(test::workingMorningOffsetMs(test::demoCatalog()));
        auto started = test::startTerminal(json, dir.path(), clock);
        QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error()));
        const std::unique_ptr<Terminal> terminal = std::move(started).value();
        const quint16 port = terminal->httpPort();
        auto db = Database::open(dir.filePath(QStringLiteral("hallkiosk.db"))).value();
        const CatalogService catalog(test::demoCatalog());
        const CivilDate today = catalog.centerTime().dateOf(clock.now());

        // B001, taken at another terminal's door (the same file), called at window 3 by its clerk.
        QVERIFY(SqlQueueStore(*db).issueWalkIn(WalkInRequest{QStringLiteral("BDC"), 'B', today, clock.now(), QStringLiteral("T02"), 0}));
        const QString clerk = request(port, "POST", QStringLiteral("/api/v1/session"),
                                      {{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")}, {QStringLiteral("pin"), QStringLiteral("3690")}})
                                  .body.object()
                                  .value(QStringLiteral("token"))
                                  .toString();
        QVERIFY(!clerk.isEmpty());
        QCOMPARE(request(port, "POST", QStringLiteral("/api/v1/windows/3/call-next"), {}, clerk).status, 200);

        QProcess node;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NODE_PATH"), QStringLiteral(HALLKIOSK_NODE_MODULES));
        env.insert(QStringLiteral("HK_BASE_URL"), QStringLiteral("http://127.0.0.1:%1").arg(port));
        env.insert(QStringLiteral("HK_ARTIFACTS"), QStringLiteral(HALLKIOSK_ARTIFACTS_DIR));
        env.insert(QStringLiteral("HK_STAFF_PIN"), QStringLiteral("3690"));
        node.setProcessEnvironment(env);
        node.setProcessChannelMode(QProcess::MergedChannels);
        QByteArray output;
        connect(&node, &QProcess::readyRead, this, [&] { output += node.readAll(); });
        node.start(QStringLiteral("node"), {QStringLiteral(HALLKIOSK_SOURCE_DIR "/tests/e2e/browser/complaints_cycle.cjs")});
        QVERIFY2(node.waitForStarted(), "node is not installed (scripts/setup-debian.sh installs it)");
        const auto reached = [&](const char *marker) {
            return QTest::qWaitFor([&] { return output.contains(marker) || node.state() == QProcess::NotRunning; }, 90000) &&
                   output.contains(marker);
        };

        QVERIFY2(reached("STEP finish-b001"), output.constData());
        QCOMPARE(request(port, "POST", QStringLiteral("/api/v1/windows/3/finish"), {}, clerk).status, 200);
        node.write("go\n");

        QVERIFY2(reached("STEP move-clock"), output.constData());
        const ComplaintDue due = ComplaintDue::after(today, catalog.calendar());
        clock.moveTo(catalog.centerTime().instantOf(due.contact.addDays(1), 10 * 60));
        node.write("go\n");

        QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 120000);
        output += node.readAll();
        qInfo().noquote() << output;
        QCOMPARE(node.exitCode(), 0);
        QVERIFY(output.contains("DONE"));

        // What the browser did, as the database keeps it.
        QCOMPARE(test::scalar(*db, QStringLiteral("SELECT level || '/' || matter_level || '/' || reason FROM ratings")),
                 QStringLiteral("4/2/材料告知不清楚"));
        QCOMPARE(test::column(*db, QStringLiteral("SELECT step || ':' || by_staff || ':' || COALESCE(outcome, '') || ':' || note "
                                                  "FROM complaint_steps ORDER BY seq")),
                 (QStringList{QStringLiteral("contacted:SV1::已电话联系市民，核对材料清单"), QStringLiteral("closed:SV1:resolved:清单已更正")}));
        QCOMPARE(test::count(*db, QStringLiteral("SELECT COUNT(*) FROM complaints WHERE closed_at IS NOT NULL")), 1);
        QCOMPARE(test::count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'complaint_updated'")), 3);
        QCOMPARE(test::count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'window_mode_changed' AND data LIKE '%\"window\":5%'")), 2);
    }
};

QTEST_MAIN(TestComplaintsBrowser)
#include "tst_complaints_browser.moc"
