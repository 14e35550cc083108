#pragma once

#include <QString>

class QLabel;
class QPushButton;
class QWidget;

namespace hk::kiosk::maintenance {

// The technicians' menu (DESIGN §12): text may go down to 24 px (technicians, not citizens), targets
// stay ≥ 120 × 120 px, 24 px apart; the colours and the font are the citizens' (kiosk_style.h).
inline constexpr int kTextPx = 28;   // what a page says
inline constexpr int kSmallPx = 24;  // details, the frame log: the least §12 allows
inline constexpr int kButtonPx = 30; // a button's word
inline constexpr int kTitlePx = 36;
inline constexpr int kTargetPx = 120;
inline constexpr int kGapPx = 24;

// A button of the menu: at least a target's size, its text (which is also its accessible name) in
// the menu's size, the object name the tests find it by. (Not through setKioskFont either.)
QPushButton *button(QWidget *parent, const QString &text, const char *name = nullptr);
// A label of the menu. The menu's texts are set with a plain font, not through setKioskFont: the
// citizens' 长辈版 switch does not reach them.
QLabel *label(QWidget *parent, int px = kTextPx, const char *name = nullptr, bool wrap = true);
// `text` with a zero-width space (U+200B) after every `run` characters of a run the line breaker
// could not break — a path, a scanned code, a URI — so a word-wrapped label wraps it instead of
// growing past the panel. What a label shows is compared with `unbreakable` (the tests, outcome()).
QString breakable(const QString &text, int run = 24);
QString unbreakable(QString text);
// The style sheet of the menu's own parts, over the kiosk's.
QString styleSheet();

} // namespace hk::kiosk::maintenance
