// ui/kiosk/kiosk_presenter headless: the presenter over a real KioskWindow (offscreen), the real
// services over a real SQLite store, a printer the test scripts and a clock only the test moves.
// When the screens go home, measured in the clock's seconds: every countdown is on screen from at
// least 20 s before it ends (DESIGN §1), the ticket's 20 s and the print failure's 90 s, a touch
// gives the full time again, and 长辈版 goes back to the hall's setting once the citizen has gone.
// The presenter wakes once a second of real time; each step below waits for that wake-up.

#include "ui/kiosk/kiosk_presenter.h"

#include "app/services/checkin/check_in_service.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "tests/support/hall_time.h"
#include "tests/support/kiosk_hall.h"
#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/kiosk_window.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

constexpr int kWakeMs = 20;             // the presenter looks at the fake clock this often
constexpr int kOneWakeUpMs = 5 * kWakeMs; // long enough for one look, however loaded the machine

QString secondsLeft(int seconds)
{
    return QStringLiteral("%1 秒后自动返回首页").arg(seconds);
}

struct Rig : KioskHall {
    // Tuesday 24 November 2026, 10:00 in the hall (UTC+8): issuing.
    explicit Rig(KioskSettings settings)
        : KioskHall(QDateTime(QDate(2026, 11, 24), QTime(2, 0), Qt::UTC))
        , presenter(window, issue, checkIn, help, catalog, health, day, overview, clock, settings)
    {
        health.setDeviceHealth(QStringLiteral("printer"), printer.health());
        window.resize(1080, 1920);
        window.show();
        presenter.start();
    }

    KioskWindow window;
    KioskPresenter presenter;

    void tap(const char *name) { QTest::mouseClick(window.findChild<QPushButton *>(QLatin1String(name)), Qt::LeftButton); }
    // A press where nothing reacts to it: the citizen is still there.
    void touch() { QTest::mouseClick(window.findChild<QLabel *>(QStringLiteral("countdown")), Qt::LeftButton); }
    void touchHome() { QTest::mouseClick(window.findChild<QLabel *>(QStringLiteral("centerName")), Qt::LeftButton); }
    QString countdown() const { return window.findChild<QLabel *>(QStringLiteral("countdown"))->text(); }
    QString label(const char *name) const { return window.findChild<QLabel *>(QLatin1String(name))->text(); }
    KioskWindow::Screen screen() const { return window.currentScreen(); }
};

// The hall's settings, spelled out: the tests below count these seconds.
KioskSettings hallSettings(bool elderMode = false)
{
    return KioskSettings{.ticketScreenS = 20, .printFailedS = 90, .idleTimeoutS = 60, .elderMode = elderMode, .wakeMs = kWakeMs};
}

} // namespace

class TestKioskPresenter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setFont(QFont(QString::fromLatin1(kiosk::kFontFamily)));
    }

    void homeExplainsALongWaitAndDropsItAfter()
    {
        // Seed 000 "做好解释工作": past the group's target (社保医保: 30 min, it has a complex matter),
        // home says so calmly; once the wait drops back, the line is gone.
        Rig rig(hallSettings());
        const auto waitingSB = [&rig] {
            QVERIFY(rig.store.issueWalkIn({QStringLiteral("SB"), 'A', CivilDate(2026, 11, 24), rig.clock.now().toTimeZone(hallZone()),
                                           QStringLiteral("T01"), 0})
                        .ok());
        };
        auto *notice = rig.window.findChild<QLabel *>(QStringLiteral("waitNotice"));
        QVERIFY(notice);
        waitingSB();
        QVERIFY(rig.queue.callNext(1).ok());
        rig.clock.advanceSecs(20 * 60); // handled in 20 minutes
        QVERIFY(rig.queue.finish(1).ok());
        for (int i = 0; i < 6; ++i)
            waitingSB(); // 6 × 20 min ÷ 3 windows (1, 2, 8) = 40 min > 30
        QTRY_VERIFY(notice->isVisible());
        QCOMPARE(notice->text(), QStringLiteral("“社保医保”现在办事的人多，大约要等 40 分钟。请您耐心等候，谢谢理解。"));
        QCOMPARE(rig.window.currentScreen(), KioskWindow::Screen::Home);
        for (int w : {1, 2, 8})
            QVERIFY(rig.queue.callNext(w).ok()); // 3 left: 20 min
        rig.clock.advanceSecs(60);
        QTRY_VERIFY(!notice->isVisible());
        QVERIFY(notice->text().isEmpty());
    }

    void everyCountdownWarnsAndThenGoesHome_data()
    {
        QTest::addColumn<QString>("screen");
        QTest::addColumn<int>("seconds");
        QTest::newRow("ticket") << QStringLiteral("ticket") << 20;
        QTest::newRow("print failed") << QStringLiteral("print failed") << 90;
        QTest::newRow("printer refused") << QStringLiteral("printer refused") << 20;
        QTest::newRow("help called") << QStringLiteral("help called") << 20;
        QTest::newRow("check-in refused") << QStringLiteral("check-in refused") << 20;
    }
    void everyCountdownWarnsAndThenGoesHome()
    {
        QFETCH(QString, screen);
        QFETCH(int, seconds);
        Rig rig(hallSettings());
        rig.tap("elderButton"); // 长辈版: the next citizen finds the hall's setting again
        QVERIFY(rig.window.elderMode());
        KioskWindow::Screen expected = KioskWindow::Screen::Notice;
        if (screen == QLatin1String("ticket")) {
            rig.tap("groupButton_SB");
            expected = KioskWindow::Screen::Ticket;
            QTRY_COMPARE(rig.label("ticketTitle"), QStringLiteral("请取票"));
        } else if (screen == QLatin1String("print failed")) {
            rig.printer.printResult = fail(DeviceError::PaperOut);
            rig.tap("groupButton_SB");
            expected = KioskWindow::Screen::Ticket;
            QTRY_VERIFY(rig.label("ticketTitle").contains(QStringLiteral("请拍照或记下号码")));
        } else if (screen == QLatin1String("printer refused")) {
            rig.printer.status = fail(DeviceError::CoverOpen);
            rig.tap("groupButton_SB");
            QTRY_COMPARE(rig.label("noticeTitle"), QStringLiteral("打印机仓门未关好，暂时无法取号"));
        } else if (screen == QLatin1String("help called")) {
            rig.tap("helpButton");
            QCOMPARE(rig.label("noticeTitle"), QStringLiteral("已通知工作人员"));
        } else {
            rig.checkIn.presentCode(QStringLiteral("https://example.org/menu"));
            QTRY_COMPARE(rig.label("noticeTitle"), QStringLiteral("这不是预约二维码"));
        }
        QCOMPARE(rig.screen(), expected);
        QCOMPARE(rig.countdown(), secondsLeft(seconds));

        // Nobody touches it. 20 s before the end the countdown still says so …
        rig.clock.advanceSecs(seconds - 20);
        QTRY_COMPARE(rig.countdown(), secondsLeft(20));
        QCOMPARE(rig.screen(), expected);
        // … and counts down to its last second on the same screen …
        rig.clock.advanceSecs(19);
        QTRY_COMPARE(rig.countdown(), secondsLeft(1));
        QCOMPARE(rig.screen(), expected);
        // … then home, with nothing of the citizen's left and the hall's type.
        rig.clock.advanceSecs(1);
        QTRY_COMPARE(rig.screen(), KioskWindow::Screen::Home);
        QCOMPARE(rig.countdown(), QString());
        QCOMPARE(rig.label("noticeTitle"), QString());
        QVERIFY(!rig.window.elderMode());
    }

    void printingHasNoCountdown()
    {
        // From a screen with a countdown to the printer: nothing counts while the ticket prints.
        Rig rig(hallSettings());
        rig.checkIn.presentCode(QStringLiteral("https://example.org/menu"));
        QTRY_COMPARE(rig.countdown(), secondsLeft(20));
        rig.issue.issueWalkIn(QStringLiteral("SB")); // as a notice's 改取现场号 does
        // The scripted printer answers once the event loop runs again.
        QCOMPARE(rig.screen(), KioskWindow::Screen::Notice);
        QCOMPARE(rig.label("noticeTitle"), QStringLiteral("正在出票，请稍候……"));
        QCOMPARE(rig.countdown(), QString());
        QTRY_COMPARE(rig.screen(), KioskWindow::Screen::Ticket);
        QCOMPARE(rig.countdown(), secondsLeft(20));
    }

    void aTouchGivesTheFullTimeAgain()
    {
        Rig rig(hallSettings());
        rig.tap("groupButton_SB");
        QTRY_COMPARE(rig.screen(), KioskWindow::Screen::Ticket);
        rig.clock.advanceSecs(15);
        QTRY_COMPARE(rig.countdown(), secondsLeft(5));
        rig.touch();
        QCOMPARE(rig.countdown(), secondsLeft(20));
        // 34 s after the ticket came out, 19 s after the touch: still there.
        rig.clock.advanceSecs(19);
        QTRY_COMPARE(rig.countdown(), secondsLeft(1));
        QCOMPARE(rig.screen(), KioskWindow::Screen::Ticket);
        rig.clock.advanceSecs(1);
        QTRY_COMPARE(rig.screen(), KioskWindow::Screen::Home);
    }

    void elderModeGoesBackToTheHallsSettingOnAnUntouchedHome_data()
    {
        QTest::addColumn<bool>("hallSetting");
        QTest::newRow("hall: standard") << false;
        QTest::newRow("hall: 长辈版") << true;
    }
    void elderModeGoesBackToTheHallsSettingOnAnUntouchedHome()
    {
        QFETCH(bool, hallSetting);
        Rig rig(hallSettings(hallSetting));
        QCOMPARE(rig.window.elderMode(), hallSetting);
        rig.tap("elderButton");
        QCOMPARE(rig.window.elderMode(), !hallSetting);
        rig.clock.advanceSecs(59);
        QTest::qWait(kOneWakeUpMs);
        QCOMPARE(rig.window.elderMode(), !hallSetting);
        // A touch on home: she is still reading it, and gets the whole idle time again.
        rig.touchHome();
        rig.clock.advanceSecs(59);
        QTest::qWait(kOneWakeUpMs);
        QCOMPARE(rig.window.elderMode(), !hallSetting);
        rig.clock.advanceSecs(1);
        QTRY_COMPARE(rig.window.elderMode(), hallSetting);
        QCOMPARE(rig.screen(), KioskWindow::Screen::Home);
    }

    void homeClockTurnsWithTheMinute()
    {
        Rig rig(hallSettings());
        QCOMPARE(rig.label("clock"), QStringLiteral("10:00"));
        rig.clock.advanceSecs(59);
        QTest::qWait(kOneWakeUpMs);
        QCOMPARE(rig.label("clock"), QStringLiteral("10:00"));
        rig.clock.advanceSecs(1);
        QTRY_COMPARE(rig.label("clock"), QStringLiteral("10:01"));
    }

    void aClockSetBackDoesNotHoldTheScreen()
    {
        // A time sync moves the clock back an hour while a ticket is on screen: the countdown goes on
        // from where it was, not for another hour.
        Rig rig(hallSettings());
        rig.tap("groupButton_SB");
        QTRY_COMPARE(rig.screen(), KioskWindow::Screen::Ticket);
        rig.clock.advanceSecs(10);
        QTRY_COMPARE(rig.countdown(), secondsLeft(10));
        rig.clock.advanceSecs(-3600);
        QTest::qWait(kOneWakeUpMs);
        QCOMPARE(rig.countdown(), secondsLeft(10));
        rig.clock.advanceSecs(10);
        QTRY_COMPARE(rig.screen(), KioskWindow::Screen::Home);
    }
};

QTEST_MAIN(TestKioskPresenter)
#include "tst_kiosk_presenter.moc"
