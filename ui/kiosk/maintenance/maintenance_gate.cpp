#include "ui/kiosk/maintenance/maintenance_gate.h"

#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/maintenance/corner_hold.h"
#include "ui/kiosk/maintenance/maintenance_style.h"
#include "ui/kiosk/maintenance/sign_in_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace hk {

namespace {
constexpr const char kChecking[] = "正在验证…";
}

using namespace kiosk::maintenance;

MaintenanceGate::MaintenanceGate(KioskWindow &window, StaffSessionService &staff, const Clock &clock, MaintenanceGateSettings settings,
                                 QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_staff(staff)
    , m_clock(clock)
    , m_settings(settings)
{
    m_hold = new CornerHold(window, clock, std::min(settings.wakeMs, 100), this);
    connect(m_hold, &CornerHold::held, this, &MaintenanceGate::openSignIn);

    m_screen = new QWidget(&window);
    m_screen->setObjectName(QStringLiteral("maintenanceScreen"));
    m_screen->setStyleSheet(styleSheet());
    auto *layout = new QVBoxLayout(m_screen);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *header = new QWidget(m_screen);
    header->setObjectName(QStringLiteral("maintenanceHeader"));
    header->setAttribute(Qt::WA_StyledBackground);
    auto *headerRow = new QHBoxLayout(header);
    headerRow->setContentsMargins(32, 16, 32, 16);
    QLabel *title = label(header, kTitlePx, "maintenanceTitle", false);
    title->setText(QStringLiteral("设备维护"));
    headerRow->addWidget(title);
    m_who = label(header, kTextPx, "maintenanceWho", false);
    m_who->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    headerRow->addWidget(m_who, 1);
    layout->addWidget(header);
    m_stack = new QStackedWidget(m_screen);
    m_signIn = new TechnicianSignInView(m_stack);
    m_stack->addWidget(m_signIn);
    layout->addWidget(m_stack, 1);
    m_screen->hide();

    connect(m_signIn, &TechnicianSignInView::pinEntered, this, &MaintenanceGate::onPinEntered);
    connect(m_signIn, &TechnicianSignInView::cancelled, this, &MaintenanceGate::leave);
    connect(&m_window, &KioskWindow::touched, this, [this] {
        if (m_open)
            m_lastTouch = m_clock.now();
    });
    m_wake.setInterval(settings.wakeMs);
    connect(&m_wake, &QTimer::timeout, this, &MaintenanceGate::onWake);
}

MaintenanceGate::~MaintenanceGate()
{
    if (m_session)
        m_staff.signOut(m_session->token);
}

void MaintenanceGate::setMenu(QWidget *menu)
{
    if (m_menu)
        m_stack->removeWidget(m_menu);
    m_menu = menu;
    if (menu)
        m_stack->addWidget(menu);
}

void MaintenanceGate::openSignIn()
{
    if (m_open)
        return;
    QList<TechnicianSignInView::Technician> technicians;
    for (const StaffListing &t : m_staff.technicians())
        technicians.append({t.id, t.name});
    m_signIn->setTechnicians(technicians);
    m_signIn->showNames();
    m_who->setText(QStringLiteral("闲置 %1 秒自动退出").arg(m_settings.idleS));
    m_stack->setCurrentWidget(m_signIn);
    m_open = true;
    m_hold->setEnabled(false);
    m_lastTouch = m_clock.now();
    m_window.showMaintenance(m_screen);
    m_wake.start();
    Q_EMIT openChanged(true);
}

void MaintenanceGate::onPinEntered(const QString &staffId, const QString &pin)
{
    // Copied first: `pin` may be the view's own text, which clearPin empties.
    const SignInAttempt attempt{std::nullopt, staffId, pin, StaffSessionService::kKioskClient};
    m_signIn->clearPin();
    m_signIn->setMessage(QString::fromUtf8(kChecking), false);
    // The PIN is hashed off the GUI thread (DESIGN §16); the answer comes back here, never after
    // this gate is gone.
    m_staff.signInAsync(attempt, this,
                        [this](Result<StaffSession, SignInError> signedIn) { onSignInAnswered(std::move(signedIn)); });
}

void MaintenanceGate::onSignInAnswered(Result<StaffSession, SignInError> signedIn)
{
    if (!m_open) { // closed (idle, 退出) while the PIN was checked
        if (signedIn)
            m_staff.signOut(signedIn->token);
        return;
    }
    if (!signedIn) {
        const SignInError &e = signedIn.error();
        const StaffPolicy &policy = m_staff.policy();
        switch (e.kind) {
        case SignInError::Kind::Locked:
            m_signIn->setMessage(QStringLiteral("已锁定：连续输错 %1 次，请 %2 分钟后再试。")
                                     .arg(policy.maxFailures)
                                     .arg((e.retryAfterS + 59) / 60),
                                 true);
            break;
        case SignInError::Kind::RateLimited:
            m_signIn->setMessage(QStringLiteral("尝试过于频繁，请 %1 秒后再试。").arg(e.retryAfterS), true);
            break;
        case SignInError::Kind::BadCredentials:
            m_signIn->setMessage(QStringLiteral("密码不正确，请重新输入。连续输错 %1 次将锁定 %2 分钟。")
                                     .arg(policy.maxFailures)
                                     .arg(policy.lockMinutes),
                                 true);
            break;
        default:
            m_signIn->setMessage(QStringLiteral("无法登录（%1）").arg(e.detail), true);
            break;
        }
        return;
    }
    if (signedIn->role != StaffMember::Role::Technician) { // the list holds technicians only; a guard
        m_staff.signOut(signedIn->token);
        m_signIn->setMessage(QStringLiteral("仅限技术人员登录维护菜单。"), true);
        return;
    }
    m_signIn->setMessage(QString(), false);
    m_session = std::move(signedIn).value();
    m_who->setText(QStringLiteral("%1（%2） · 闲置 %3 秒自动退出").arg(m_session->staffName, m_session->staffId).arg(m_settings.idleS));
    if (m_menu)
        m_stack->setCurrentWidget(m_menu);
    Q_EMIT menuOpened(*m_session);
}

void MaintenanceGate::leave()
{
    if (!m_open)
        return;
    m_open = false;
    m_wake.stop();
    const bool wasSignedIn = m_session.has_value();
    if (m_session) {
        m_staff.signOut(m_session->token);
        m_session.reset();
    }
    m_signIn->showNames(); // the PIN typed so far goes with it
    m_stack->setCurrentWidget(m_signIn);
    m_window.closeMaintenance();
    m_hold->setEnabled(true);
    if (wasSignedIn)
        Q_EMIT menuClosed();
    Q_EMIT openChanged(false);
}

void MaintenanceGate::onWake()
{
    if (m_open && m_lastTouch.msecsTo(m_clock.now()) >= qint64(m_settings.idleS) * 1000)
        leave();
}

} // namespace hk
