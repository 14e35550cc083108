#pragma once

#include "app/ports/clock.h"
#include "app/services/staff/staff_session_service.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <optional>

class QLabel;
class QStackedWidget;
class QWidget;

namespace hk {

class CornerHold;
class KioskWindow;
class TechnicianSignInView;

struct MaintenanceGateSettings {
    int idleS = 120;   // the menu (and its sign-in) leaves after this long without a touch (DESIGN §12)
    int wakeMs = 250;  // how often the gate compares the clock with the hold's and the idle's instants
};

// The way in and out of the maintenance menu on the kiosk's screen (DESIGN §12): the corner hold
// opens the sign-in in place of the citizens' screens; a technician's name and PIN sign in through
// StaffSessionService (its lock-out, DESIGN §7); then the menu (set with setMenu) until 退出, the
// sign-in's 返回 or 120 s without a touch — then the session is signed out and the citizens' home
// comes back. Time is the Clock's, as the kiosk presenter's.
class MaintenanceGate : public QObject {
    Q_OBJECT
public:
    MaintenanceGate(KioskWindow &window, StaffSessionService &staff, const Clock &clock, MaintenanceGateSettings settings = {},
                    QObject *parent = nullptr);
    ~MaintenanceGate() override;

    // The menu shown once a technician has signed in; the gate's screen takes it as a child.
    void setMenu(QWidget *menu);

    void openSignIn(); // what the corner hold does
    void leave();      // 退出: sign out, back to the citizens' home
    bool isOpen() const { return m_open; }
    const std::optional<StaffSession> &session() const { return m_session; }
    QWidget *screen() const { return m_screen; }
    TechnicianSignInView &signInView() const { return *m_signIn; }

Q_SIGNALS:
    void openChanged(bool open); // the gate's screen (sign-in or menu) replaced the citizens', or gave them back
    void menuOpened(const hk::StaffSession &session); // a technician signed in; the menu is on show
    void menuClosed();                                // …and has gone (退出 or idle)

private:
    void onPinEntered(const QString &staffId, const QString &pin);
    void onSignInAnswered(Result<StaffSession, SignInError> signedIn);
    void onWake();

    KioskWindow &m_window;
    StaffSessionService &m_staff;
    const Clock &m_clock;
    MaintenanceGateSettings m_settings;
    CornerHold *m_hold;
    QWidget *m_screen;
    QLabel *m_who;
    QStackedWidget *m_stack;
    TechnicianSignInView *m_signIn;
    QWidget *m_menu = nullptr;
    QTimer m_wake;
    bool m_open = false;
    QDateTime m_lastTouch;
    std::optional<StaffSession> m_session;
};

} // namespace hk
