#include "ui/kiosk/kiosk_window.h"

#include "ui/kiosk/booking_choice_view.h"
#include "ui/kiosk/guide_view.h"
#include "ui/kiosk/home_view.h"
#include "ui/kiosk/my_ticket_view.h"
#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/notice_view.h"
#include "ui/kiosk/option_list_view.h"
#include "ui/kiosk/phone_keypad_view.h"
#include "ui/kiosk/ticket_view.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace hk {

KioskWindow::KioskWindow(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    setObjectName(QStringLiteral("kioskRoot"));
    setAttribute(Qt::WA_StyledBackground);
    setWindowTitle(QStringLiteral("hallkiosk"));
    setStyleSheet(kioskStyleSheet());
    setKioskFont(this, kBodyPx);

    columnLayout(this, {}, 0)->addWidget(m_outer = new QStackedWidget(this));
    m_citizen = new QWidget(m_outer);
    m_outer->addWidget(m_citizen);
    QVBoxLayout *layout = columnLayout(m_citizen, {}, 0);
    m_stack = new QStackedWidget(m_citizen);
    m_home = new HomeView(m_stack);
    m_ticket = new TicketView(m_stack);
    m_notice = new NoticeView(m_stack);
    m_choice = new BookingChoiceView(m_stack);
    m_stack->addWidget(m_home);
    m_stack->addWidget(m_ticket);
    m_stack->addWidget(m_notice);
    m_stack->addWidget(m_choice);
    m_guide = new GuideView(m_stack);
    m_myTicket = new MyTicketView(m_stack);
    m_stack->addWidget(m_guide);
    m_stack->addWidget(m_myTicket);
    m_options = new OptionListView(m_stack);
    m_keypad = new PhoneKeypadView(m_stack);
    m_stack->addWidget(m_options);
    m_stack->addWidget(m_keypad);
    layout->addWidget(m_stack, 1);

    auto *footer = new QWidget(m_citizen);
    footer->setObjectName(QStringLiteral("footer"));
    footer->setAttribute(Qt::WA_StyledBackground);
    auto *footerLayout = new QHBoxLayout(footer);
    footerLayout->setContentsMargins(48, 24, 48, 32);
    footerLayout->setSpacing(kGapPx);
    m_countdown = kioskLabel(footer, {.name = "countdown", .wrap = true, .align = kLeading});
    m_homeButton = new QPushButton(QStringLiteral("返回首页"), footer);
    m_homeButton->setObjectName(QStringLiteral("homeButton"));
    m_helpButton = new QPushButton(QStringLiteral("帮办\n呼叫工作人员"), footer);
    m_helpButton->setObjectName(QStringLiteral("helpButton"));
    m_elderButton = new QPushButton(footer);
    m_elderButton->setObjectName(QStringLiteral("elderButton"));
    for (QPushButton *b : {m_elderButton, m_homeButton, m_helpButton}) {
        setKioskFont(b, 44, true);
        b->setMinimumSize(300, kButtonMinPx + 20);
    }
    footerLayout->addWidget(m_elderButton);
    footerLayout->addWidget(m_countdown, 1);
    footerLayout->addWidget(m_homeButton);
    footerLayout->addWidget(m_helpButton);
    layout->addWidget(footer);

    qApp->installEventFilter(this);
    connect(m_homeButton, &QPushButton::clicked, this, &KioskWindow::homeRequested);
    connect(m_helpButton, &QPushButton::clicked, this, &KioskWindow::helpRequested);
    connect(m_elderButton, &QPushButton::clicked, this, [this] {
        setElderMode(!m_elderMode);
        Q_EMIT elderModeSwitched(m_elderMode);
    });
    labelElderSwitch();
    showScreen(Screen::Home);
}

void KioskWindow::setElderMode(bool on)
{
    if (on == m_elderMode)
        return;
    m_elderMode = on;
    labelElderSwitch();
    kiosk::applyElderMode(this, on);
    Q_EMIT elderModeChanged(on);
}

void KioskWindow::labelElderSwitch()
{
    // The button says what pressing it does; its state is in words, not only in its look.
    m_elderButton->setText(m_elderMode ? QStringLiteral("标准版\n恢复常规字号") : QStringLiteral("长辈版\n字大 看得清"));
    m_elderButton->setAccessibleName(m_elderMode ? QStringLiteral("长辈版已开启，点按恢复标准版") : QStringLiteral("切换到长辈版，字更大"));
}

void KioskWindow::showScreen(Screen screen)
{
    m_screen = screen;
    switch (screen) {
    case Screen::Home:
        m_stack->setCurrentWidget(m_home);
        break;
    case Screen::Ticket:
        m_stack->setCurrentWidget(m_ticket);
        break;
    case Screen::Notice:
        m_stack->setCurrentWidget(m_notice);
        break;
    case Screen::Choice:
        m_stack->setCurrentWidget(m_choice);
        break;
    case Screen::Guide:
        m_stack->setCurrentWidget(m_guide);
        break;
    case Screen::MyTicket:
        m_stack->setCurrentWidget(m_myTicket);
        break;
    case Screen::Options:
        m_stack->setCurrentWidget(m_options);
        break;
    case Screen::Keypad:
        m_stack->setCurrentWidget(m_keypad);
        break;
    }
    // One of the two goes before the other comes: never both in the footer, even for a moment,
    // or the footer would be wider than the panel and push the window out.
    QPushButton *going = screen == Screen::Home ? m_homeButton : m_elderButton;
    QPushButton *coming = screen == Screen::Home ? m_elderButton : m_homeButton;
    going->hide();
    coming->show();
    if (screen == Screen::Home)
        setCountdown(-1);
    Q_EMIT screenShown(screen);
}

void KioskWindow::showMaintenance(QWidget *screen)
{
    if (m_outer->indexOf(screen) < 0)
        m_outer->addWidget(screen);
    m_outer->setCurrentWidget(screen);
}

void KioskWindow::closeMaintenance()
{
    if (!maintenanceShown())
        return;
    m_outer->setCurrentWidget(m_citizen);
    Q_EMIT homeRequested();
}

bool KioskWindow::maintenanceShown() const
{
    return m_outer->currentWidget() != m_citizen;
}

void KioskWindow::setCountdown(int seconds)
{
    m_countdown->setText(seconds < 0 ? QString() : QStringLiteral("%1 秒后自动返回首页").arg(seconds));
    Q_EMIT countdownChanged(seconds);
}

bool KioskWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::TouchBegin)
        Q_EMIT touched();
    return QWidget::eventFilter(watched, event);
}

} // namespace hk
