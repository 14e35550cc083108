#include "ui/kiosk/screen_voice.h"

#include "app/services/hall/shared_voice.h"
#include "ui/kiosk/booking_flow_presenter.h"
#include "ui/kiosk/notice_view.h"
#include "ui/kiosk/spoken_instructions.h"

#include <QLabel>
#include <QPushButton>

#include <utility>

namespace hk {

ScreenVoice::ScreenVoice(KioskWindow &window, SharedVoice &voice, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_voice(voice)
{
    connect(&m_window, &KioskWindow::screenShown, this, &ScreenVoice::onScreenShown);
    // The citizen's 返回首页 (the presenter has already gone home: it was connected first). The
    // technician leaving the maintenance menu asks for home too: nobody asked, nothing is said.
    connect(&m_window, &KioskWindow::homeRequested, this, [this] {
        if (std::exchange(m_leavingMaintenance, false))
            return;
        if (m_window.currentScreen() == KioskWindow::Screen::Home)
            say(instruction());
    });
    // The technician's menu over the citizens' screens: what the screen below was saying stops, and
    // nothing more is said until the menu closes.
    connect(&m_window, &KioskWindow::maintenanceOpened, this, [this] {
        m_leavingMaintenance = true;
        m_voice.stopInstruction();
    });
    connect(&m_window, &KioskWindow::elderModeSwitched, this, [this](bool on) {
        if (on)
            say(instruction());
    });
    connect(&m_window, &KioskWindow::elderModeChanged, this, [this](bool on) {
        if (!on)
            m_voice.stopInstruction();
    });
    connect(&m_window, &KioskWindow::countdownChanged, this, &ScreenVoice::onCountdown);
}

void ScreenVoice::say(const QString &text)
{
    if (!m_window.elderMode() || text.isEmpty() || m_window.maintenanceShown())
        return;
    m_voice.instruct(Utterance{text, m_language, false});
}

void ScreenVoice::onScreenShown(KioskWindow::Screen screen)
{
    m_lastCountdown = -1; // this screen's countdown has not begun
    if (screen == KioskWindow::Screen::Home) {
        // Home by itself: the citizen has gone (or nobody came yet). Said only when asked for.
        m_voice.stopInstruction();
        return;
    }
    say(instruction());
}

void ScreenVoice::onCountdown(int seconds)
{
    const int before = std::exchange(m_lastCountdown, seconds);
    if (before > spoken::kIdleWarningS && seconds > 0 && seconds <= spoken::kIdleWarningS)
        say(spoken::idleWarning(seconds));
}

QString ScreenVoice::label(const char *name) const
{
    // The screen's texts as shown (and in the language shown), found by the names the views give
    // their labels; a label the view has hidden says nothing.
    const QLabel *l = m_window.findChild<QLabel *>(QLatin1String(name));
    return l && !l->isHidden() ? l->text() : QString();
}

QString ScreenVoice::instruction() const
{
    using S = KioskWindow::Screen;
    switch (m_window.currentScreen()) {
    case S::Home:
        return spoken::home();
    case S::Notice: {
        QString action;
        for (QPushButton *b : m_window.notice().findChildren<QPushButton *>()) {
            if (!b->isHidden())
                action = b->text();
        }
        return spoken::notice(label("noticeTitle"), action);
    }
    case S::Ticket:
        return spoken::ticket(label("ticketTitle"), label("ticketNumber"));
    case S::Choice:
        return spoken::choice();
    case S::Guide:
        return spoken::guide(label("guideTitle"), label("guidePrompt"));
    case S::MyTicket: {
        const QString number = label("myTicketNumber");
        if (number.isEmpty())
            return spoken::myTicket(label("myTicketTitle"), label("myTicketText"));
        return spoken::myTicketStatus(number, label("myTicketState"));
    }
    case S::Options:
        return spoken::bookingStep(m_flow ? m_flow->step() : BookingFlowPresenter::Step::None, label("optionsTitle"));
    case S::Keypad:
        return spoken::keypad();
    }
    return {};
}

} // namespace hk
