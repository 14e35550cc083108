#pragma once

#include "ui/kiosk/kiosk_window.h"

#include <QObject>
#include <QString>

namespace hk {

class BookingFlowPresenter;
class SharedVoice;

// 长辈版 speaks (DESIGN §14): while elder mode is on, each citizen screen's instruction
// (`spoken_instructions`) is said when the screen is shown, and once more when the citizen
// switches elder mode on; a new screen cuts the one before short; the idle warning is said when
// the countdown passes 20 s. Home is said only when asked for (返回首页, `homeRequested`): home
// reached on its own — the citizen has gone, or the terminal has just started — stops the voice
// instead, as does elder mode switched off. The hall's calls go through the same SharedVoice and
// always come first. Reads what is on screen, changes nothing on it.
class ScreenVoice : public QObject {
    Q_OBJECT
public:
    ScreenVoice(KioskWindow &window, SharedVoice &voice, QObject *parent = nullptr);

    // The 预约/取消预约 steps are said by step (the option list's title may hold the citizen's name).
    void attachBookingFlow(const BookingFlowPresenter &flow) { m_flow = &flow; }
    // The language the screens are in: "zh" (default, the Mandarin voice) or "en" (espeak-ng's
    // English voice). The screens' own texts are read as shown; this file's are translated by Qt.
    void setLanguage(const QString &language) { m_language = language; }
    QString language() const { return m_language; }

    // What the screen on show says now.
    QString instruction() const;

private:
    void say(const QString &text);
    void onScreenShown(KioskWindow::Screen screen);
    void onCountdown(int seconds);
    QString label(const char *name) const;

    KioskWindow &m_window;
    SharedVoice &m_voice;
    const BookingFlowPresenter *m_flow = nullptr;
    QString m_language = QStringLiteral("zh");
    int m_lastCountdown = -1;
    bool m_leavingMaintenance = false; // the menu is open: its closing asks for home, unasked by a citizen
};

} // namespace hk
