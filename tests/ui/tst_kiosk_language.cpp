// 中文/English (DESIGN §14) on the real presenter and services: the switch on home, a walk-in
// ticket printed in English through the real print path — the ticket composer, the ESC/POS encoder,
// the serial transport and the printer simulator on a pseudo-terminal, whose bytes are read back —
// and the choice ending when the citizen leaves (返回首页, a countdown run out, a ticket taken):
// the next citizen finds 中文, and the next ticket prints in Chinese.

#include "app/services/checkin/check_in_service.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "drivers/devices/escpos_printer.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/transports/serial_transport.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_database.h"
#include "ui/kiosk/kiosk_presenter.h"
#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/kiosk_window.h"
#include "db/hall/null_hall_channel.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

std::unique_ptr<PrinterSimulator> printerSimulator()
{
    auto sim = PrinterSimulator::create();
    if (!sim)
        qFatal("the printer simulator cannot start: %s", qPrintable(sim.error()));
    return std::move(sim.value());
}

struct Rig : HallDatabase {
    Rig()
    {
        printer.start();
        window.resize(1080, 1920);
        window.show();
    }
    // The terminal as it starts: the printer answered, then the presenter's first screen.
    bool start()
    {
        if (!QTest::qWaitFor([this] { return printer.health().state == DeviceHealth::State::Ok; }, 10000))
            return false;
        health.setDeviceHealth(QStringLiteral("printer"), printer.health());
        presenter.start();
        return true;
    }

    // Tuesday 24 November 2026, 10:00 in the hall (UTC+8): issuing.
    FakeClock clock{QDateTime(QDate(2026, 11, 24), QTime(2, 0), Qt::UTC)};
    CatalogService catalog{demoCatalog()};
    TicketComposer composer{QStringLiteral("SQ-001"), QStringLiteral("青山县政务服务中心")};
    std::unique_ptr<PrinterSimulator> sim = printerSimulator();
    SerialTransport transport{{sim->devicePath(), 115200}};
    EscPosPrinter printer{transport, EscPosProfile{}, {.idlePollMs = 0}};
    NullHallChannel alone;
    IssueTicketService issue{store, alone, printer, catalog, composer, clock, QStringLiteral("T01")};
    SqlOutboxStore outbox{*db};
    SqlHelpStore helpStore{*db};
    CheckInService checkIn{bookings, store, issue, catalog, composer, clock, QStringLiteral("SQ-001"), {}};
    HelpService help{helpStore, alone, clock, QStringLiteral("T01"), QStringLiteral("大厅1号自助机")};
    HealthService health{QStringLiteral("test"), QStringLiteral("T01"), outbox, help, clock};
    DayService day{store, bookings, catalog, clock};
    SqlQueueOverviewReader overviewReader{*db};
    QueueService queue{store, alone, catalog, clock, QueueSettings{*CallingPolicy::parse("booked_first"), 3}};
    QueueOverviewService overview{overviewReader, queue, catalog, clock};
    KioskWindow window;
    KioskPresenter presenter{window, issue, checkIn, help, catalog, health, day, overview, clock,
                             KioskSettings{.ticketScreenS = 20, .printFailedS = 90, .idleTimeoutS = 60, .elderMode = false, .wakeMs = 20}};

    QPushButton *button(const char *name) const { return window.findChild<QPushButton *>(QLatin1String(name)); }
    void tap(const char *name) { QTest::mouseClick(button(name), Qt::LeftButton); }
    QString label(const char *name) const { return window.findChild<QLabel *>(QLatin1String(name))->text(); }
    void toEnglish()
    {
        tap("languageButton");
    }
    bool homeInChinese() const
    {
        return window.currentScreen() == KioskWindow::Screen::Home && window.language() == KioskWindow::Language::Chinese &&
               button("languageButton")->text() == QLatin1String("English") && button("bookButton")->text() == QStringLiteral("预约") &&
               button("helpButton")->text().startsWith(QStringLiteral("帮办"));
    }
};

const QRegularExpression kChinese(QStringLiteral("[\\x{3000}-\\x{303f}\\x{4e00}-\\x{9fff}\\x{ff00}-\\x{ffef}]"));

} // namespace

class TestKioskLanguage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setFont(QFont(QString::fromLatin1(kiosk::kFontFamily)));
    }

    void anEnglishTicketPrintsInEnglishAndTheNextCitizenFindsChinese()
    {
        Rig rig;
        QVERIFY2(rig.start(), "the printer on the pseudo-terminal never answered");
        QVERIFY(rig.homeInChinese());
        rig.toEnglish();
        QCOMPARE(rig.window.language(), KioskWindow::Language::English);
        QCOMPARE(rig.button("bookButton")->text(), QStringLiteral("Book"));
        QCOMPARE(rig.button("languageButton")->text(), QStringLiteral("中文"));
        // What the presenter wrote on home is written again: the date, the check-in hint.
        QCOMPARE(rig.label("homeDate"), QStringLiteral("Tue 24 Nov 2026"));

        rig.tap("groupButton_SB");
        QTRY_COMPARE_WITH_TIMEOUT(rig.window.currentScreen(), KioskWindow::Screen::Ticket, 60000);
        QCOMPARE(rig.label("ticketTitle"), QStringLiteral("Take your ticket"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.sim->tickets().size(), 1, 60000);
        const SimulatedTicket english = rig.sim->tickets().at(0);
        // The words at the printer are English, in ASCII bytes; only the catalog's names are Chinese.
        for (const char *words : {"People ahead of you: 0", "Issued 2026-11-24 10:00",
                                  "Listen for your number. If you miss it, this code lets you queue again within 30 minutes",
                                  "Keep this ticket: you need it to be served"}) {
            QVERIFY2(english.text.contains(QLatin1String(words)), qPrintable(english.text));
        }
        QVERIFY(english.bytes.contains("Keep this ticket: you need it to be served"));
        QString rest = english.text;
        rest.remove(QStringLiteral("青山县政务服务中心")).remove(QStringLiteral("社保医保"));
        QVERIFY2(!kChinese.match(rest).hasMatch(), qPrintable(english.text));

        // 返回首页: the citizen has gone; the next one finds 中文.
        rig.tap("homeButton");
        QVERIFY(rig.homeInChinese());
        QCOMPARE(rig.label("homeDate"), QStringLiteral("2026年11月24日 星期二"));
        rig.tap("groupButton_SB");
        QTRY_COMPARE_WITH_TIMEOUT(rig.sim->tickets().size(), 2, 60000);
        const SimulatedTicket chinese = rig.sim->tickets().at(1);
        QVERIFY2(chinese.text.contains(QStringLiteral("请妥善保管本票，凭票办理")), qPrintable(chinese.text));
        QVERIFY2(!chinese.text.contains(QLatin1String("Keep this ticket")), qPrintable(chinese.text));
    }

    void theChoiceEndsWhenTheCitizenLeaves_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("返回首页") << QStringLiteral("home button");
        QTest::newRow("countdown") << QStringLiteral("countdown");
        QTest::newRow("ticket taken") << QStringLiteral("ticket");
    }
    void theChoiceEndsWhenTheCitizenLeaves()
    {
        QFETCH(QString, how);
        Rig rig;
        QVERIFY2(rig.start(), "the printer on the pseudo-terminal never answered");
        rig.toEnglish();
        if (how == QLatin1String("ticket")) {
            rig.tap("groupButton_SB");
            QTRY_COMPARE_WITH_TIMEOUT(rig.window.currentScreen(), KioskWindow::Screen::Ticket, 60000);
            QCOMPARE(rig.label("ticketTitle"), QStringLiteral("Take your ticket"));
            rig.clock.advanceSecs(21); // the ticket screen's 20 s
        } else {
            rig.tap("helpButton"); // 帮办: a screen with a countdown and 返回首页
            QCOMPARE(rig.window.currentScreen(), KioskWindow::Screen::Notice);
            QCOMPARE(rig.label("noticeTitle"), QStringLiteral("A staff member has been called"));
            QCOMPARE(rig.button("homeButton")->text(), QStringLiteral("Back to home"));
            QCOMPARE(rig.label("countdown"), QStringLiteral("Home in 20 seconds"));
            if (how == QLatin1String("home button"))
                rig.tap("homeButton");
            else
                rig.clock.advanceSecs(21);
        }
        QTRY_VERIFY_WITH_TIMEOUT(rig.homeInChinese(), 60000);
        QCOMPARE(rig.label("homeDate"), QStringLiteral("2026年11月24日 星期二"));
    }
};

QTEST_MAIN(TestKioskLanguage)
#include "tst_kiosk_language.moc"
