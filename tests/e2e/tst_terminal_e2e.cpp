// End to end, in process: the terminal built by its composition root exactly as main() builds it,
// the printer simulator on a pseudo-terminal, the group button pressed through the UI.

#include "app/root/terminal.h"
#include "app/services/day_service.h"
#include "db/database.h"
#include "drivers/sim/printer_simulator.h"
#include "tests/support/fake_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/sql_values.h"
#include "ui/kiosk/kiosk_window.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;
using test::getJson;

namespace {

QString artifact(const QString &name)
{
    return QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/") + name;
}

} // namespace

class TestTerminalE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));
        auto sim = PrinterSimulator::create();
        QVERIFY(sim.ok());
        m_sim = std::move(sim).value();
        m_sim->setOutputDirectory(m_dir.filePath(QStringLiteral("tickets")));
        const QJsonObject json{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")},
                                                     {QStringLiteral("center"), QStringLiteral("SQ-001")},
                                                     {QStringLiteral("name"), QStringLiteral("大厅1号自助机")}}},
            {QStringLiteral("database"), m_dir.filePath(QStringLiteral("hallkiosk.db"))},
            {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(m_sim->devicePath())}}},
            {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            // Idle polling every second: the paper going back in is noticed without a tap.
            // Home left untouched for 30 s gives 长辈版 back to the hall's setting.
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 1},
                                                  {QStringLiteral("idle_timeout_s"), 30}}},
        };
        // A Tuesday at 10:00 in the hall, whenever the test runs.
        auto terminal = test::startTerminal(json, m_dir.path(), m_clock);
        QVERIFY2(terminal.ok(), qPrintable(terminal ? QString() : terminal.error()));
        m_terminal = std::move(terminal).value();
        QTRY_COMPARE(getJson(m_terminal->httpPort(), QStringLiteral("/api/v1/health"))
                         .value(QStringLiteral("devices")).toObject().value(QStringLiteral("printer")).toObject()
                         .value(QStringLiteral("state")).toString(),
                     QStringLiteral("ok"));
        QVERIFY(m_sim->statusRequests(1) >= 1);
    }

    void homeScreenShowsTheCatalog()
    {
        KioskWindow &window = m_terminal->window();
        QCOMPARE(window.currentScreen(), KioskWindow::Screen::Home);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("centerName"))->text(), QStringLiteral("青山县政务服务中心"));
        for (const char *group : {"SB", "BDC", "HJ", "QY", "SW", "ZH"}) {
            auto *button = window.findChild<QPushButton *>(QStringLiteral("groupButton_%1").arg(QLatin1String(group)));
            QVERIFY(button);
            QVERIFY(button->isEnabled());
            QVERIFY(button->width() >= 120 && button->height() >= 120);
        }
        QVERIFY(window.findChild<QPushButton *>(QStringLiteral("helpButton"))->isVisible());
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-home.png"))));
    }

    void tapPrintsATicket()
    {
        KioskWindow &window = m_terminal->window();
        const int statusBefore = m_sim->statusRequests(1);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB")), Qt::LeftButton);
        QTRY_COMPARE(m_sim->tickets().size(), 1);
        QTRY_VERIFY(m_sim->statusRequests(1) >= statusBefore + 2); // before the ticket and after it
        const QString text = m_sim->tickets().first().text;
        QVERIFY2(text.contains(QStringLiteral("A001")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("社保医保")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("前面还有 0 人")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("[QR HK1:SQ-001:")), qPrintable(text));
        QTRY_COMPARE(window.currentScreen(), KioskWindow::Screen::Ticket);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketNumber"))->text(), QStringLiteral("A001"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text(), QStringLiteral("请取票"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("countdown"))->text().contains(QStringLiteral("秒后自动返回首页")));
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-ticket.png"))));

        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
        QCOMPARE(window.currentScreen(), KioskWindow::Screen::Home);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("waiting_SB"))->text(), QStringLiteral("等候 1 人"));

        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB")), Qt::LeftButton);
        QTRY_COMPARE(m_sim->tickets().size(), 2);
        QVERIFY(m_sim->tickets().at(1).text.contains(QStringLiteral("A002")));
        QVERIFY(m_sim->tickets().at(1).text.contains(QStringLiteral("前面还有 1 人")));
        QTRY_COMPARE(window.currentScreen(), KioskWindow::Screen::Ticket); // printed, and the status after it was good
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketNumber"))->text(), QStringLiteral("A002"));
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
    }

    void paperOutIssuesNothingAndSaysWhy()
    {
        KioskWindow &window = m_terminal->window();
        m_sim->setCondition(PrinterSimulator::Condition::PaperOut);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_BDC")), Qt::LeftButton);
        QTRY_COMPARE(window.currentScreen(), KioskWindow::Screen::Notice);
        QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text().contains(QStringLiteral("缺纸")));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text(), QStringLiteral("打印机缺纸，暂时无法取号"));
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-paper-out.png"))));
        QCOMPARE(m_sim->tickets().size(), 2);
        QCOMPARE(m_sim->discardedTickets(), 0); // nothing was even sent
        QCOMPARE(ticketRows(), 2);

        // Back home, the screen says so before anyone chooses, and the buttons wait.
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->isVisible());
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("groupButton_BDC"))->isEnabled());
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-home-paper-out.png"))));

        m_sim->setCondition(PrinterSimulator::Condition::Ok);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("helpButton")), Qt::LeftButton); // 帮办
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
    }

    void helpRequestShowsInHealth()
    {
        const QJsonObject health = getJson(m_terminal->httpPort(), QStringLiteral("/api/v1/health"));
        const QJsonArray help = health.value(QStringLiteral("help")).toArray();
        QCOMPARE(help.size(), 1);
        QCOMPARE(help.first().toObject().value(QStringLiteral("terminal")).toString(), QStringLiteral("大厅1号自助机"));
        // Two tickets and one help request wait for the platform.
        QCOMPARE(health.value(QStringLiteral("sync")).toObject().value(QStringLiteral("outbox_depth")).toInt(), 3);
        QCOMPARE(health.value(QStringLiteral("devices")).toObject().value(QStringLiteral("idcard")).toObject()
                     .value(QStringLiteral("state")).toString(), QStringLiteral("absent"));
        QCOMPARE(getJson(m_terminal->httpPort(), QStringLiteral("/nope")).value(QStringLiteral("error")).toString(),
                 QStringLiteral("not_found"));
    }

    void closedHoursSayWhenTheHallOpens()
    {
        KioskWindow &window = m_terminal->window();
        m_clock.set(QDateTime(QDate(2026, 11, 24), QTime(9, 30), Qt::UTC)); // 17:30 in the hall
        m_terminal->day().tick();
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->isVisible());
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->text(), QStringLiteral("现在不是取号时间"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("unavailableText"))->text(),
                 QStringLiteral("下次取号时间：明天（11月25日 星期三）08:30 起。"));
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("groupButton_SB"))->isEnabled());
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-home-closed.png"))));

        QCOMPARE(expiredRows(), 0); // the day closes at 18:00

        // 08:30 the next morning: the buttons are back, and yesterday was closed on the way.
        m_clock.set(QDateTime(QDate(2026, 11, 25), QTime(0, 30), Qt::UTC));
        m_terminal->day().tick();
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->text() != QStringLiteral("现在不是取号时间"));
        QCOMPARE(expiredRows(), 2);
        // The printer's paper went back in after the paper-out test; the idle poll notices.
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB"))->isEnabled(), 5000);
        QVERIFY(!window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->isVisible());
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB")), Qt::LeftButton);
        QTRY_COMPARE(m_sim->tickets().size(), 3);
        QVERIFY(m_sim->tickets().at(2).text.contains(QStringLiteral("A001"))); // a new day, a new series
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
    }

    void elderModeLastsUntilTheCitizenLeaves()
    {
        // 长辈版 on: the screens she sees next are in the larger type; when she walks away and the
        // countdown takes the terminal home, the next citizen finds the hall's setting again.
        KioskWindow &window = m_terminal->window();
        QCOMPARE(window.currentScreen(), KioskWindow::Screen::Home);
        QVERIFY(!window.elderMode());
        auto *waiting = window.findChild<QLabel *>(QStringLiteral("waiting_SB"));
        QCOMPARE(waiting->font().pixelSize(), 40);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("elderButton")), Qt::LeftButton);
        QVERIFY(window.elderMode());
        QCOMPARE(waiting->font().pixelSize(), 48);
        QTest::qWait(100); // the buttons take their new places before her next touch lands on one
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-home-elder.png"))));

        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB")), Qt::LeftButton);
        QTRY_COMPARE(m_sim->tickets().size(), 4);
        QTRY_COMPARE(window.currentScreen(), KioskWindow::Screen::Ticket);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketTime"))->font().pixelSize(), 48);
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-ticket-elder.png"))));
        // Nobody touches the screen: home after ticket_screen_s (20 s), in the standard type.
        m_clock.advanceSecs(20);
        QTRY_COMPARE(window.currentScreen(), KioskWindow::Screen::Home);
        QVERIFY(!window.elderMode());
        QCOMPARE(waiting->font().pixelSize(), 40);

        // Switched on at home and left there: after idle_timeout_s without a touch it is off again.
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("elderButton")), Qt::LeftButton);
        QVERIFY(window.elderMode());
        m_clock.advanceSecs(30);
        QTRY_VERIFY(!window.elderMode());
        QCOMPARE(window.currentScreen(), KioskWindow::Screen::Home);
        QCOMPARE(waiting->font().pixelSize(), 40);
    }

    void cleanupTestCase()
    {
        m_terminal.reset();
        m_sim.reset();
    }

private:
    int rows(const QString &sql) const { return test::count(*Database::open(m_dir.filePath(QStringLiteral("hallkiosk.db"))).value(), sql); }
    int expiredRows() const { return rows(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'expired'")); }
    int ticketRows() const { return rows(QStringLiteral("SELECT COUNT(*) FROM tickets")); }

    QTemporaryDir m_dir;
    test::FakeClock m_clock{QDateTime(QDate(2026, 11, 24), QTime(2, 0), Qt::UTC)};
    std::unique_ptr<PrinterSimulator> m_sim;
    std::unique_ptr<Terminal> m_terminal;
};

QTEST_MAIN(TestTerminalE2e)
#include "tst_terminal_e2e.moc"
