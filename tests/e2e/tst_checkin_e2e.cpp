// End to end, in process: booking check-in through the terminal its composition root builds, with
// a GA 467 reader, a line-mode scanner and the printer simulated on pseudo-terminals — the codes
// and cards a citizen presents, the screens she sees (saved as screenshots) and the tickets that
// come out.

#include "app/root/terminal.h"
#include "app/services/health_service.h"
#include "db/database.h"
#include "db/stores/sql_booking_store.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_time.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/sql_values.h"
#include "tests/support/test_platform.h"
#include "ui/kiosk/kiosk_window.h"

#include <QApplication>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;
using test::hall;

namespace {

const QString kResident = QStringLiteral("11010519491231002X"); // the "resident" card of resources/sim/idcards.json
const QString kHkResident = QStringLiteral("810000199001011230");

// Saves what the citizen sees and checks that it fits the portrait panel (DESIGN §1): a screen that
// needs more than 1920 pixels makes the window grow, and its bottom would be cut off.
bool shot(QWidget &window, const QString &name)
{
    const QPixmap picture = window.grab();
    return picture.size() == QSize(1080, 1920) && picture.save(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/") + name);
}

} // namespace

class TestCheckInE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));
        m_printer = std::move(PrinterSimulator::create()).value();
        m_reader = std::move(IdCardSimulator::create()).value();
        QVERIFY(m_reader->loadCards(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json")).ok());
        m_scanner = std::move(ScannerSimulator::create()).value();

        // The cache as the sync would have filled it: two bookings on the resident card today,
        // one too early on the HK card, one that lapsed.
        const QString dbPath = m_dir.filePath(QStringLiteral("hallkiosk.db"));
        {
            auto db = Database::open(dbPath);
            QVERIFY(db.ok());
            SqlBookingStore store(*db.value());
            QVERIFY(store.upsert(m_platform.booking(QStringLiteral("BK-1"), hall(10, 0), kResident, "SB-001", "SB")).value());
            QVERIFY(store.upsert(m_platform.booking(QStringLiteral("BK-2"), hall(11, 0), kResident, "HJ-001", "HJ")).value());
            QVERIFY(store.upsert(m_platform.booking(QStringLiteral("BK-3"), hall(14, 0), kHkResident, "BDC-001", "BDC")).value());
            QVERIFY(store.upsert(m_platform.booking(QStringLiteral("BK-4"), hall(9, 20), QStringLiteral("440524188001010014"), "SW-001", "SW")).value());
        }
        const QJsonObject json{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
            {QStringLiteral("database"), dbPath},
            {QStringLiteral("devices"), QJsonObject{
                {QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(m_printer->devicePath())},
                {QStringLiteral("idcard"), QStringLiteral("serial:%1?baud=115200").arg(m_reader->devicePath())},
                {QStringLiteral("scanner"), QStringLiteral("serial:%1?baud=9600&suffix=cr").arg(m_scanner->devicePath())}}},
            {QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), m_platform.publicKeyFile(m_dir.path())},
                                                     {QStringLiteral("match_key_file"), m_platform.matchKeyFile(m_dir.path())}}},
            {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
        };
        auto terminal = test::startTerminal(json, m_dir.path(), m_clock);
        QVERIFY2(terminal.ok(), qPrintable(terminal ? QString() : terminal.error()));
        m_terminal = std::move(terminal).value();
        QTRY_COMPARE_WITH_TIMEOUT(m_terminal->health().deviceHealth(QStringLiteral("idcard")).state, DeviceHealth::State::Ok, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_terminal->health().deviceHealth(QStringLiteral("scanner")).state, DeviceHealth::State::Ok, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_terminal->health().deviceHealth(QStringLiteral("printer")).state, DeviceHealth::State::Ok, 20000);
    }

    void homeSaysHowToCheckIn()
    {
        KioskWindow &window = m_terminal->window();
        QCOMPARE(window.currentScreen(), KioskWindow::Screen::Home);
        auto *hint = window.findChild<QLabel *>(QStringLiteral("checkInHint"));
        QTRY_VERIFY(hint->isVisible());
        QCOMPARE(hint->text(), QStringLiteral("已预约的市民：请扫描预约二维码，或把身份证放在读卡区签到"));
        QVERIFY(shot(window, QStringLiteral("e2e-checkin-home.png")));
    }

    void aScannedCodeGivesAPriorityTicket()
    {
        KioskWindow &window = m_terminal->window();
        QVERIFY(m_scanner->send(m_platform.code(QStringLiteral("BK-1"), hall(10, 0))));
        QTRY_COMPARE_WITH_TIMEOUT(m_printer->tickets().size(), 1, 20000);
        const QString text = m_printer->tickets().first().text;
        for (const QString &expected : {QStringLiteral("预约优先"), QStringLiteral("Y001"), QStringLiteral("城乡居民养老保险参保登记"),
                                        QStringLiteral("预约时段 10:00–11:00"), QStringLiteral("[QR HK1:SQ-001:")})
            QVERIFY2(text.contains(expected), qPrintable(text));
        QTRY_COMPARE(window.currentScreen(), KioskWindow::Screen::Ticket);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketNumber"))->text(), QStringLiteral("Y001"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("bookedBadge"))->isVisible());
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketSlot"))->text(), QStringLiteral("预约时段 10:00–11:00"));
        QVERIFY(shot(window, QStringLiteral("e2e-checkin-ticket.png")));
    }

    void aForgedCodeGivesNoTicketAndSaysSo()
    {
        KioskWindow &window = m_terminal->window();
        QVERIFY(m_scanner->send(m_platform.forged(QStringLiteral("BK-2"), hall(11, 0))));
        QTRY_COMPARE_WITH_TIMEOUT(window.currentScreen(), KioskWindow::Screen::Notice, 20000);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text(), QStringLiteral("预约二维码无效"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("countdown"))->text().contains(QStringLiteral("秒后自动返回首页")));
        QVERIFY(shot(window, QStringLiteral("e2e-checkin-forged.png")));
        QCOMPARE(m_printer->tickets().size(), 1);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets")), 1);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE id = 'BK-2' AND status = 'booked'")), 1);
    }

    void aCardWithTwoBookingsAsksWhichOneFirst()
    {
        // BK-1 was checked in by its code and BK-2 is still open; a third booking arrives in the
        // cache. The card offers all three: BK-1 as its ticket, the other two to check in (C2).
        {
            auto db = Database::open(m_dir.filePath(QStringLiteral("hallkiosk.db")));
            SqlBookingStore store(*db.value());
            QVERIFY(store.upsert(m_platform.booking(QStringLiteral("BK-5"), hall(10, 30), kResident, "SB-002", "SB")).value());
        }
        KioskWindow &window = m_terminal->window();
        m_reader->command(QStringLiteral("card resident"));
        QTRY_COMPARE_WITH_TIMEOUT(window.currentScreen(), KioskWindow::Screen::Choice, 20000);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("choiceTitle"))->text(), QStringLiteral("张* 您好，您今天有 3 个预约"));
        auto *bk2 = window.findChild<QPushButton *>(QStringLiteral("choice_BK-2"));
        QVERIFY(bk2 && window.findChild<QPushButton *>(QStringLiteral("choice_BK-5")));
        // Named by what it shows, the matter first (DESIGN §1); the press's meaning is the description.
        auto *bk1 = window.findChild<QPushButton *>(QStringLiteral("choice_BK-1"));
        QVERIFY2(bk1->accessibleName().section(QLatin1Char('\n'), 0, 0) == bk1->findChildren<QLabel *>().first()->text(), qPrintable(bk1->accessibleName()));
        QVERIFY2(bk1->accessibleName().contains(QStringLiteral("已签到")), qPrintable(bk1->accessibleName()));
        QVERIFY(bk1->accessibleDescription().startsWith(QStringLiteral("点按可再看票号")));
        QVERIFY(bk2->accessibleDescription().startsWith(QStringLiteral("点按签到")));
        QVERIFY(bk2->height() >= 120);
        QVERIFY(shot(window, QStringLiteral("e2e-checkin-choice.png")));
        QTest::mouseClick(bk2, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_printer->tickets().size(), 2, 20000);
        QVERIFY(m_printer->tickets().at(1).text.contains(QStringLiteral("Y002")));
        QVERIFY(m_printer->tickets().at(1).text.contains(QStringLiteral("居民身份证换领")));
        // The card stays on the reader: no second ticket, however long.
        const int reads = m_reader->cardsReadOut();
        QTRY_VERIFY_WITH_TIMEOUT(m_reader->cardsReadOut() >= reads + 3, 20000);
        QCOMPARE(m_printer->tickets().size(), 2);
        m_reader->command(QStringLiteral("remove"));
    }

    void aSecondScanShowsTheTicketAndReprintsItOnce()
    {
        KioskWindow &window = m_terminal->window();
        QVERIFY(m_scanner->send(m_platform.code(QStringLiteral("BK-1"), hall(10, 0))));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text() == QStringLiteral("您已签到过，这是您的号码"), 20000);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketNumber"))->text(), QStringLiteral("Y001"));
        auto *reprint = window.findChild<QPushButton *>(QStringLiteral("reprintButton"));
        QVERIFY(reprint->isVisible());
        QVERIFY(shot(window, QStringLiteral("e2e-checkin-already.png")));
        QTest::mouseClick(reprint, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_printer->tickets().size(), 3, 20000);
        QVERIFY(m_printer->tickets().at(2).text.contains(QStringLiteral("（补打）")));
        QVERIFY(m_printer->tickets().at(2).text.contains(QStringLiteral("Y001")));
        QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text(), QStringLiteral("已补打，请取票"));
        // Once only.
        QVERIFY(m_scanner->send(m_platform.code(QStringLiteral("BK-1"), hall(10, 0))));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text() == QStringLiteral("您已签到过，这是您的号码"), 20000);
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("reprintButton"))->isVisible());
    }

    void tooEarlySaysWhenToComeBack()
    {
        KioskWindow &window = m_terminal->window();
        m_reader->command(QStringLiteral("card hk-resident"));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text() == QStringLiteral("还没到签到时间"), 20000);
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("noticeText"))->text().contains(QStringLiteral("今天 12:00")));
        QVERIFY(shot(window, QStringLiteral("e2e-checkin-too-early.png")));
        m_reader->command(QStringLiteral("remove"));
    }

    void lateOffersAWalkInTicketInOneTap()
    {
        KioskWindow &window = m_terminal->window();
        // BK-4 lapsed before the terminal started (a no-show by then); a booking the cache never
        // saw is forfeited by this very scan (B5).
        QVERIFY(m_scanner->send(m_platform.code(QStringLiteral("BK-4"), hall(9, 20), "SW-001", hall(10, 30))));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text() == QStringLiteral("已超过预约时间"), 20000);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE id = 'BK-4' AND status = 'no_show'")), 1);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
        QVERIFY(m_scanner->send(m_platform.code(QStringLiteral("BK-6"), hall(9, 25), "SW-001", hall(10, 30))));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text() == QStringLiteral("已超过预约时间"), 20000);
        auto *walkIn = window.findChild<QPushButton *>(QStringLiteral("noticeAction"));
        QVERIFY(walkIn->isVisible());
        QCOMPARE(walkIn->text(), QStringLiteral("改取现场号（税务办理）"));
        QVERIFY(shot(window, QStringLiteral("e2e-checkin-late.png")));
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_forfeited'")), 1);
        QTest::mouseClick(walkIn, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_printer->tickets().size(), 4, 20000);
        QVERIFY(m_printer->tickets().at(3).text.contains(QStringLiteral("E001")));
        QVERIFY(!m_printer->tickets().at(3).text.contains(QStringLiteral("预约优先")));
    }

    void aBadCardAndAReadFailureSaySo()
    {
        KioskWindow &window = m_terminal->window();
        m_reader->command(QStringLiteral("card bad-checksum"));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text() == QStringLiteral("证件信息没有通过校验"), 20000);
        m_reader->command(QStringLiteral("card failing-read"));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text() == QStringLiteral("身份证没有读出来"), 20000);
        QVERIFY(shot(window, QStringLiteral("e2e-checkin-card-unreadable.png")));
        m_reader->command(QStringLiteral("remove"));
        m_reader->command(QStringLiteral("card elder")); // a card with no booking
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text() == QStringLiteral("没有查到您今天的预约"), 20000);
        m_reader->command(QStringLiteral("remove"));
        QCOMPARE(m_printer->tickets().size(), 4);
    }

    void homeClearsTheCitizensScreen()
    {
        KioskWindow &window = m_terminal->window();
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
        QCOMPARE(window.currentScreen(), KioskWindow::Screen::Home);
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text().isEmpty());
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("choiceTitle"))->text().isEmpty());
    }

    void cleanupTestCase()
    {
        m_terminal.reset();
    }

private:
    int rows(const QString &sql) const { return test::count(*Database::open(m_dir.filePath(QStringLiteral("hallkiosk.db"))).value(), sql); }

    QTemporaryDir m_dir;
    test::TestPlatform m_platform;
    test::FakeClock m_clock{hall(10, 0).toUTC()};
    std::unique_ptr<PrinterSimulator> m_printer;
    std::unique_ptr<IdCardSimulator> m_reader;
    std::unique_ptr<ScannerSimulator> m_scanner;
    std::unique_ptr<Terminal> m_terminal;
};

QTEST_MAIN(TestCheckInE2e)
#include "tst_checkin_e2e.moc"
