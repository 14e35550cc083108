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

#include <QAbstractButton>
#include <QApplication>
#include <QLoggingCategory>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace hk {
namespace {

Q_LOGGING_CATEGORY(lcLanguage, "hallkiosk.ui.language")

// lrelease's output, compiled into the program by resources/CMakeLists.txt (qt_add_translations).
constexpr auto kEnglishQm = ":/i18n/hallkiosk_en.qm";

} // namespace

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
    // 32 px at the sides: on home in 长辈版, the buttons 长辈版, English and 帮办 need all of the rest.
    footerLayout->setContentsMargins(32, 24, 32, 32);
    footerLayout->setSpacing(kGapPx);
    m_countdown = kioskLabel(footer, {.name = "countdown", .wrap = true, .align = kLeading});
    m_homeButton = new QPushButton(footer);
    m_homeButton->setObjectName(QStringLiteral("homeButton"));
    m_helpButton = new QPushButton(footer);
    m_helpButton->setObjectName(QStringLiteral("helpButton"));
    m_elderButton = new QPushButton(footer);
    m_elderButton->setObjectName(QStringLiteral("elderButton"));
    for (QPushButton *b : {m_elderButton, m_homeButton, m_helpButton}) {
        setKioskFont(b, 44, true);
        b->setMinimumSize(300, kButtonMinPx + 20);
    }
    // 中文/English (DESIGN §14), beside 长辈版 on home: the language it switches to, in that language,
    // so a citizen who cannot read the other finds it.
    m_languageButton = new QPushButton(footer);
    m_languageButton->setObjectName(QStringLiteral("languageButton"));
    // One word at 40 px (48 in 长辈版) and a narrow padding: with 长辈版 and 帮办 at their 长辈版 size
    // the footer has no more room on home.
    setKioskFont(m_languageButton, 40, true);
    m_languageButton->setMinimumSize(180, kButtonMinPx + 20);
    footerLayout->addWidget(m_elderButton);
    footerLayout->addWidget(m_languageButton);
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
    connect(m_languageButton, &QPushButton::clicked, this, [this] {
        setLanguage(m_language == Language::Chinese ? Language::English : Language::Chinese);
    });
    retranslate();
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
    // The button says what pressing it does; its state is in words, not only in its look. A screen
    // reader says the visible words as its name (DESIGN §1: the first line is the main word, 长辈版
    // or 标准版) and the longer sentence as its description.
    m_elderButton->setText(m_elderMode ? tr("标准版\n恢复常规字号") : tr("长辈版\n字大 看得清"));
    m_elderButton->setAccessibleDescription(m_elderMode ? tr("长辈版已开启，点按恢复标准版") : tr("切换到长辈版，字更大"));
}

bool KioskWindow::setLanguage(Language language)
{
    if (language == m_language)
        return true;
    if (language == Language::English) {
        if (m_english.isEmpty() && !m_english.load(QString::fromLatin1(kEnglishQm))) {
            qCWarning(lcLanguage) << "no English translation in the program:" << kEnglishQm;
            return false;
        }
        m_language = language;
        qApp->installTranslator(&m_english); // sends LanguageChange: every widget re-texts
    } else {
        m_language = language;
        qApp->removeTranslator(&m_english);
    }
    // QApplication posts LanguageChange to the windows; sent here too, the switch re-texts every
    // widget before the next paint and before languageChanged has the presenter write its texts.
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(this, &change);
    qCInfo(lcLanguage) << "language:" << (m_language == Language::English ? "en" : "zh");
    Q_EMIT languageChanged(m_language);
    return true;
}

void KioskWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void KioskWindow::retranslate()
{
    m_homeButton->setText(tr("返回首页"));
    m_helpButton->setText(tr("帮办\n呼叫工作人员"));
    // Not translated: each word is in its own language, whatever is on.
    m_languageButton->setText(m_language == Language::Chinese ? QStringLiteral("English") : QStringLiteral("中文"));
    labelElderSwitch();
    setCountdown(m_countdownS);
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
    const bool home = screen == Screen::Home;
    for (QPushButton *going : home ? QList<QPushButton *>{m_homeButton} : QList<QPushButton *>{m_elderButton, m_languageButton})
        going->hide();
    // Home has no countdown: its place and gap go to the switches beside it (hidden before they come).
    m_countdown->setVisible(!home);
    for (QPushButton *coming : home ? QList<QPushButton *>{m_elderButton, m_languageButton} : QList<QPushButton *>{m_homeButton})
        coming->show();
    if (screen == Screen::Home)
        setCountdown(-1);
    Q_EMIT screenShown(screen);
}

void KioskWindow::showMaintenance(QWidget *screen)
{
    const bool opening = !maintenanceShown();
    if (m_outer->indexOf(screen) < 0)
        m_outer->addWidget(screen);
    m_outer->setCurrentWidget(screen);
    if (opening)
        Q_EMIT maintenanceOpened();
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
    m_countdownS = seconds;
    m_countdown->setText(seconds < 0 ? QString() : tr("%n 秒后自动返回首页", nullptr, seconds));
    Q_EMIT countdownChanged(seconds);
}

bool KioskWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::TouchBegin)
        Q_EMIT touched();
    // A screen reader presses a button through its accessible action (animateClick: no mouse, no
    // touch): that press is the citizen acting too, or the countdown would send a blind citizen
    // home in the middle of typing a phone number. Every button is polished before it is first
    // shown, the ones screens make later included.
    if (event->type() == QEvent::Polish)
        if (auto *button = qobject_cast<QAbstractButton *>(watched); button && isAncestorOf(button))
            connect(button, &QAbstractButton::pressed, this, &KioskWindow::touched, Qt::UniqueConnection);
    return QWidget::eventFilter(watched, event);
}

} // namespace hk
