// The way into the technicians' maintenance menu on the kiosk's screen (DESIGN §12), over a real
// KioskWindow (offscreen), the real StaffSessionService on a real SQLite file, and a clock only the
// test moves: the 5 s hold in the top-left corner (by mouse and by touch) opens the sign-in, and a
// brief tap, a hold elsewhere, a hold that slides out or one that lets go at 4 s opens nothing; the
// names are the technicians' only; a wrong PIN is refused, the fifth locks the id for 15 minutes
// (DESIGN §7); the menu leaves after 120 s without a touch, signed out, back on the citizens' home.

#include "app/services/catalog_service.h"
#include "app/services/staff/pin_hasher.h"
#include "app/services/staff/staff_session_service.h"
#include "db/database.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_staff_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/maintenance/maintenance_gate.h"
#include "ui/kiosk/maintenance/sign_in_view.h"

#include <QApplication>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

constexpr int kWakeMs = 20;
constexpr int kFewWakeUpsMs = 8 * kWakeMs;

StaffMember member(const char *id, const char *name, StaffMember::Role role, const QString &pin)
{
    StaffMember m;
    m.id = id;
    m.name = name;
    m.role = role;
    if (role == StaffMember::Role::Clerk)
        m.windows = {3};
    m.pinHash = PinHasher::hash(pin, 1000).toStdString();
    return m;
}

struct Rig {
    Rig()
    {
        window.resize(1080, 1920);
        window.show();
        (void)QTest::qWaitForWindowExposed(&window);
    }
    QTemporaryDir dir;
    std::unique_ptr<Database> db = Database::open(dir.filePath(QStringLiteral("kiosk.db"))).value();
    SqlStaffStore staffStore{*db};
    test::FakeClock clock{QDateTime(QDate(2026, 11, 24), QTime(2, 0), Qt::UTC)};
    CatalogService catalog{test::demoCatalog()};
    SqlAuditLog audit{*db};
    StaffSessionService staff{staffStore, audit, catalog, clock,
                              {member("S03", "王芳", StaffMember::Role::Clerk, QStringLiteral("3690")),
                               member("T01", "赵工", StaffMember::Role::Technician, QStringLiteral("2468")),
                               member("T02", "钱工", StaffMember::Role::Technician, QStringLiteral("1357"))}};
    KioskWindow window;
    MaintenanceGate gate{window, staff, clock, MaintenanceGateSettings{.idleS = 120, .wakeMs = kWakeMs}};

    // A mouse event where a finger would be, sent to the widget under it as the platform would.
    void mouse(QEvent::Type type, QPoint at, Qt::MouseButtons buttons)
    {
        QWidget *target = window.childAt(at);
        if (!target)
            target = &window;
        const QPointF local = target->mapFrom(&window, QPointF(at));
        QMouseEvent event(type, local, window.mapToGlobal(QPointF(at)), Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(target, &event);
    }
    void press(QPoint at) { mouse(QEvent::MouseButtonPress, at, Qt::LeftButton); }
    void moveHeld(QPoint to) { mouse(QEvent::MouseMove, to, Qt::LeftButton); }
    void release(QPoint at) { mouse(QEvent::MouseButtonRelease, at, Qt::NoButton); }
    void pass(int seconds)
    {
        clock.advanceSecs(seconds);
        QTest::qWait(kFewWakeUpsMs);
    }
    void holdCornerToOpen()
    {
        press({60, 60});
        pass(5);
        release({60, 60});
    }
    template <typename W = QPushButton> W *find(const QString &name) const { return window.findChild<W *>(name); }
    void tap(const QString &name)
    {
        QPushButton *b = find(name);
        QVERIFY2(b && b->isVisible(), qPrintable(name));
        QTest::mouseClick(b, Qt::LeftButton);
    }
    void enterPin(const QString &technician, const QString &pin)
    {
        if (!find(QStringLiteral("pinOk"))->isVisible())
            tap(QStringLiteral("technician_") + technician);
        for (QChar digit : pin)
            tap(QStringLiteral("pinKey") + digit);
        tap(QStringLiteral("pinOk"));
        waitForTheAnswer();
    }
    // The PIN is checked on a worker thread; the gate says 正在验证… until the answer is back.
    void waitForTheAnswer() { QTRY_VERIFY_WITH_TIMEOUT(message() != QStringLiteral("正在验证…"), 10000); }
    QString message() const { return find<QLabel>(QStringLiteral("pinMessage"))->text(); }
};

} // namespace

class TestMaintenanceGate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aBriefTapInTheCornerOpensNothing()
    {
        Rig rig;
        for (int i = 0; i < 10; ++i) { // tapped again and again: each tap is brief
            rig.press({60, 60});
            rig.release({60, 60});
            rig.pass(1);
        }
        rig.pass(10);
        QVERIFY(!rig.window.maintenanceShown());
        QVERIFY(!rig.gate.isOpen());
    }

    void aHoldElsewhereOpensNothing()
    {
        Rig rig;
        for (QPoint at : {QPoint(540, 1000), QPoint(205, 60), QPoint(60, 205), QPoint(1000, 60), QPoint(900, 1800)}) {
            rig.press(at);
            rig.pass(6);
            QVERIFY2(!rig.window.maintenanceShown(), qPrintable(QStringLiteral("%1,%2").arg(at.x()).arg(at.y())));
            rig.release(at);
        }
    }

    void aHoldThatSlidesOutOrLetsGoEarlyOpensNothing()
    {
        Rig rig;
        rig.press({60, 60});
        rig.pass(2);
        rig.moveHeld({100, 150}); // still in the corner
        rig.moveHeld({60, 320});  // out of it
        rig.pass(4);
        QVERIFY(!rig.window.maintenanceShown());
        rig.moveHeld({60, 60}); // sliding back in does not start a hold: a hold starts with a press
        rig.pass(6);
        QVERIFY(!rig.window.maintenanceShown());
        rig.release({60, 60});

        rig.press({60, 60});
        rig.pass(4);
        QVERIFY(!rig.window.maintenanceShown());
        rig.release({60, 60}); // let go at 4 s
        rig.pass(2);
        QVERIFY(!rig.window.maintenanceShown());
    }

    void fiveSecondsInTheCornerOpenTheSignIn()
    {
        Rig rig;
        rig.press({20, 180});
        rig.pass(4);
        QVERIFY(!rig.window.maintenanceShown());
        rig.pass(1);
        QVERIFY(rig.window.maintenanceShown());
        QVERIFY(rig.gate.isOpen());
        rig.release({20, 180});
        // The technicians of the staff file, never a clerk.
        QVERIFY(rig.find(QStringLiteral("technician_T01"))->isVisible());
        QVERIFY(rig.find(QStringLiteral("technician_T01"))->text().contains(QStringLiteral("赵工")));
        QVERIFY(rig.find(QStringLiteral("technician_T02"))->isVisible());
        QVERIFY(!rig.find(QStringLiteral("technician_S03")));
        // The citizens' footer is gone with their screens.
        QVERIFY(!rig.find(QStringLiteral("helpButton"))->isVisible());

        // 返回 goes back to the citizens' home, and the corner works again.
        QSignalSpy home(&rig.window, &KioskWindow::homeRequested);
        rig.tap(QStringLiteral("signInBack"));
        QVERIFY(!rig.window.maintenanceShown());
        QCOMPARE(home.size(), 1);
        QVERIFY(rig.find(QStringLiteral("helpButton"))->isVisible());
        rig.holdCornerToOpen();
        QVERIFY(rig.window.maintenanceShown());
    }

    void aFingerHeldInTheCornerOpensItToo()
    {
        Rig rig;
        QPointingDevice *touchscreen = QTest::createTouchDevice();
        QTest::touchEvent(&rig.window, touchscreen).press(0, QPoint(80, 80));
        rig.pass(2);
        QTest::touchEvent(&rig.window, touchscreen).release(0, QPoint(80, 80));
        rig.pass(6);
        QVERIFY(!rig.window.maintenanceShown()); // a lift ends it

        QTest::touchEvent(&rig.window, touchscreen).press(0, QPoint(80, 80));
        rig.pass(2);
        QTest::touchEvent(&rig.window, touchscreen).move(0, QPoint(80, 600));
        rig.pass(6);
        QVERIFY(!rig.window.maintenanceShown()); // slid out
        QTest::touchEvent(&rig.window, touchscreen).release(0, QPoint(80, 600));

        QTest::touchEvent(&rig.window, touchscreen).press(0, QPoint(80, 80));
        rig.pass(5);
        QVERIFY(rig.window.maintenanceShown());
        QTest::touchEvent(&rig.window, touchscreen).release(0, QPoint(80, 80));
    }

    void aWrongPinIsRefusedAndTheRightOneSignsIn()
    {
        Rig rig;
        QSignalSpy opened(&rig.gate, &MaintenanceGate::menuOpened);
        rig.holdCornerToOpen();
        rig.tap(QStringLiteral("technician_T01"));
        QVERIFY(rig.find<QLabel>(QStringLiteral("pinWho"))->text().contains(QStringLiteral("赵工")));
        QVERIFY(!rig.find(QStringLiteral("pinOk"))->isEnabled()); // nothing typed yet
        rig.tap(QStringLiteral("pinKey1"));
        rig.tap(QStringLiteral("pinKey2"));
        QCOMPARE(rig.find<QLabel>(QStringLiteral("pinDots"))->text(), QStringLiteral("●●")); // dots, never the digits
        rig.tap(QStringLiteral("pinErase"));
        QCOMPARE(rig.find<QLabel>(QStringLiteral("pinDots"))->text(), QStringLiteral("●"));
        rig.tap(QStringLiteral("pinOk")); // "1": wrong
        QCOMPARE(rig.message(), QStringLiteral("正在验证…")); // hashed elsewhere: no answer inside the tap
        rig.waitForTheAnswer();
        QVERIFY2(rig.message().startsWith(QStringLiteral("密码不正确")), qPrintable(rig.message()));
        QCOMPARE(opened.size(), 0);
        QVERIFY(!rig.gate.session());

        rig.enterPin(QStringLiteral("T01"), QStringLiteral("2468"));
        QCOMPARE(opened.size(), 1);
        const auto session = opened.first().first().value<StaffSession>();
        QCOMPARE(session.staffId, QStringLiteral("T01"));
        QCOMPARE(session.role, StaffMember::Role::Technician);
        QVERIFY(rig.staff.authorize(session.token).ok());
        QVERIFY(rig.find<QLabel>(QStringLiteral("maintenanceWho"))->text().contains(QStringLiteral("赵工")));

        // 退出: signed out, the citizens' home.
        QSignalSpy closed(&rig.gate, &MaintenanceGate::menuClosed);
        rig.gate.leave();
        QCOMPARE(closed.size(), 1);
        QVERIFY(!rig.window.maintenanceShown());
        QCOMPARE(rig.window.currentScreen(), KioskWindow::Screen::Home);
        QCOMPARE(rig.staff.authorize(session.token).error().kind, AuthError::Kind::Invalid);
    }

    void theFifthWrongPinLocksForFifteenMinutes()
    {
        Rig rig;
        QSignalSpy opened(&rig.gate, &MaintenanceGate::menuOpened);
        rig.holdCornerToOpen();
        for (int i = 1; i <= 4; ++i) {
            rig.enterPin(QStringLiteral("T01"), QStringLiteral("0000"));
            QVERIFY2(rig.message().startsWith(QStringLiteral("密码不正确")), qPrintable(rig.message()));
        }
        rig.enterPin(QStringLiteral("T01"), QStringLiteral("0000"));
        QCOMPARE(rig.message(), QStringLiteral("已锁定：连续输错 5 次，请 15 分钟后再试。"));
        // The right PIN does not help now, and the minutes left go down with the clock.
        rig.clock.advanceSecs(6 * 60 + 10);
        rig.enterPin(QStringLiteral("T01"), QStringLiteral("2468"));
        QCOMPARE(rig.message(), QStringLiteral("已锁定：连续输错 5 次，请 9 分钟后再试。"));
        QCOMPARE(opened.size(), 0);
        // Another technician is not locked out by it.
        rig.tap(QStringLiteral("pinBack"));
        rig.enterPin(QStringLiteral("T02"), QStringLiteral("1357"));
        QCOMPARE(opened.size(), 1);
        rig.gate.leave();

        rig.clock.advanceSecs(9 * 60);
        rig.holdCornerToOpen();
        rig.enterPin(QStringLiteral("T01"), QStringLiteral("2468"));
        QCOMPARE(opened.size(), 2);
        QCOMPARE(rig.gate.session()->staffId, QStringLiteral("T01"));
    }

    void theMenuLeavesAfterTwoMinutesWithoutATouch()
    {
        Rig rig;
        auto *menu = new QPushButton(QStringLiteral("菜单"));
        menu->setObjectName(QStringLiteral("aMenuButton"));
        rig.gate.setMenu(menu);
        QSignalSpy closed(&rig.gate, &MaintenanceGate::menuClosed);
        rig.holdCornerToOpen();
        rig.enterPin(QStringLiteral("T01"), QStringLiteral("2468"));
        const QString token = rig.gate.session()->token;
        QVERIFY(menu->isVisible());
        rig.pass(110);
        QVERIFY(rig.window.maintenanceShown());
        QTest::mouseClick(menu, Qt::LeftButton); // a touch: the full two minutes again
        rig.pass(110);
        QVERIFY(rig.window.maintenanceShown());
        rig.pass(11);
        QVERIFY(!rig.window.maintenanceShown());
        QCOMPARE(closed.size(), 1);
        QCOMPARE(rig.window.currentScreen(), KioskWindow::Screen::Home);
        QCOMPARE(rig.staff.authorize(token).error().kind, AuthError::Kind::Invalid);

        // The sign-in left alone goes too, and takes the digits typed with it.
        rig.holdCornerToOpen();
        rig.tap(QStringLiteral("technician_T01"));
        rig.tap(QStringLiteral("pinKey2"));
        rig.pass(121);
        QVERIFY(!rig.window.maintenanceShown());
        rig.holdCornerToOpen();
        QVERIFY(rig.find(QStringLiteral("technician_T01"))->isVisible());
        QVERIFY(!rig.find(QStringLiteral("pinOk"))->isVisible());
        QCOMPARE(closed.size(), 1); // nobody had signed in
    }
};

QTEST_MAIN(TestMaintenanceGate)
#include "tst_maintenance_gate.moc"
