#pragma once

#include <QTranslator>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace hk {

class BookingChoiceView;
class GuideView;
class HomeView;
class MyTicketView;
class NoticeView;
class OptionListView;
class PhoneKeypadView;
class TicketView;

// The terminal's one window: the current screen above a footer that is on every screen —
// 帮办 always, 返回首页 and the countdown to home on every screen but home, and on home the
// 长辈版 switch, whose larger type then holds on every screen until it is switched back.
class KioskWindow : public QWidget {
    Q_OBJECT
public:
    enum class Screen { Home, Ticket, Notice, Choice, Guide, MyTicket, Options, Keypad };
    // DESIGN §14: 中文 by default; English through Qt Linguist (resources/translations), for one citizen.
    enum class Language { Chinese, English };

    explicit KioskWindow(QWidget *parent = nullptr);

    HomeView &home() { return *m_home; }
    TicketView &ticket() { return *m_ticket; }
    NoticeView &notice() { return *m_notice; }
    BookingChoiceView &choice() { return *m_choice; }
    GuideView &guide() { return *m_guide; }
    MyTicketView &myTicket() { return *m_myTicket; }
    OptionListView &options() { return *m_options; } // the booking flows' choices (DESIGN §14)
    PhoneKeypadView &keypad() { return *m_keypad; }

    void showScreen(Screen screen);
    Screen currentScreen() const { return m_screen; }
    void setCountdown(int seconds); // < 0 hides it
    void setElderMode(bool on);
    bool elderMode() const { return m_elderMode; }
    // Installs or removes the English translator; every widget re-texts on the LanguageChange that
    // follows, and languageChanged tells the presenter to render what it put on screen again.
    // English is refused (false) when the program holds no English translation.
    bool setLanguage(Language language);
    Language language() const { return m_language; }

    // The technicians' maintenance screen (DESIGN §12) in place of the citizens' screens and footer,
    // until closeMaintenance(), which then asks for home (homeRequested): the next citizen finds
    // home, with nothing of the last one's. The window does not own `screen` beyond its lifetime as
    // a child: it is re-parented here.
    void showMaintenance(QWidget *screen);
    void closeMaintenance();
    bool maintenanceShown() const;

Q_SIGNALS:
    void screenShown(hk::KioskWindow::Screen screen);
    void homeRequested();
    void helpRequested();
    void elderModeChanged(bool on); // by the citizen's switch or setElderMode()
    void languageChanged(hk::KioskWindow::Language language); // by the citizen's switch or setLanguage()
    void elderModeSwitched(bool on); // by the citizen's switch alone (the voice greets a switch-on)
    void countdownChanged(int seconds); // what setCountdown() shows; < 0 none
    void maintenanceOpened(); // showMaintenance() put the technician's screen over the citizens'
    void touched(); // any press anywhere: the citizen is still there

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void labelElderSwitch();
    void retranslate();

    QStackedWidget *m_outer;  // the citizens' screens with their footer, or the maintenance screen
    QWidget *m_citizen;
    QStackedWidget *m_stack;
    HomeView *m_home;
    TicketView *m_ticket;
    NoticeView *m_notice;
    BookingChoiceView *m_choice;
    GuideView *m_guide;
    MyTicketView *m_myTicket;
    OptionListView *m_options;
    PhoneKeypadView *m_keypad;
    QLabel *m_countdown;
    QPushButton *m_homeButton;
    QPushButton *m_helpButton;
    QPushButton *m_elderButton;
    QPushButton *m_languageButton;
    QTranslator m_english;
    Screen m_screen = Screen::Home;
    bool m_elderMode = false;
    Language m_language = Language::Chinese;
    int m_countdownS = -1;
};

} // namespace hk
