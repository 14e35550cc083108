#pragma once

#include <QFont>
#include <QMargins>
#include <QString>

class QLabel;
class QPushButton;
class QVBoxLayout;
class QWidget;

namespace hk::kiosk {

// The panel is portrait 1080×1920 at about 70–100 ppi, read by citizens who may be 80 (DESIGN §1):
// body ≥ 36 px, a number to check ≥ 60 px, targets ≥ 120 × 120 px 24 px apart, contrast ≥ 7:1.
inline constexpr int kScreenWidth = 1080;
inline constexpr int kScreenHeight = 1920;
inline constexpr int kBodyPx = 40;
inline constexpr int kTitlePx = 64;
inline constexpr int kNumberPx = 220;
inline constexpr int kButtonMinPx = 140;
inline constexpr int kGapPx = 32;

// Colours chosen for ≥ 7:1 against their backgrounds; meaning is never carried by colour alone.
inline constexpr const char *kInk = "#111111";        // on white: 18.9:1
inline constexpr const char *kPaper = "#FFFFFF";
inline constexpr const char *kBrand = "#0A3A80";      // white on it: 11.2:1
inline constexpr const char *kBrandPressed = "#06275A";
inline constexpr const char *kAlert = "#8B0000";      // on white: 10.0:1
inline constexpr const char *kAlertPaper = "#FFF1F0"; // dark red on it: 9.2:1
inline constexpr const char *kMuted = "#3A3A3A";      // on white: 11.4:1
inline constexpr const char *kDisabled = "#5A5A5A";   // white on it: 6.9:1 → text also says why

inline constexpr const char *kFontFamily = "Noto Sans CJK SC";

// 长辈版 (elder mode, DESIGN §1): every text smaller than 56 px grows by a fifth — body 40 → 48 px,
// the least elder mode allows; type already that large (titles, the number, the clock) stays, so
// the fullest screens still fit the panel.
inline constexpr double kElderScale = 1.2;
inline constexpr int kElderKeepsPx = 56;
int elderPx(int standardPx);

QFont typeface(int pixelSize, bool bold = false);
QString kioskStyleSheet();

// Every kiosk text is set through these, so the elder-mode switch reaches all of it: the widget
// remembers its standard size and shows the elder size when it is inside a window in elder mode —
// also when it is made after the switch (a group button, a booking to choose).
void setKioskFont(QWidget *widget, int standardPx, bool bold = false);
void applyElderMode(QWidget *root, bool on); // marks root and re-sizes the texts under it
bool inElderMode(const QWidget *widget);

// The layout that stacks a widget's parts top to bottom: the margins around them and the gap
// between them (-1: the style's).
QVBoxLayout *columnLayout(QWidget *owner, QMargins margins, int spacingPx = -1);

// How a screen sets one of its texts; kioskLabel makes the label, sized through setKioskFont.
struct LabelStyle {
    const char *name = nullptr; // the object name the style sheet and the tests find it by
    int px = kBodyPx;           // the standard size
    bool bold = false;
    bool wrap = false;          // may take more than one line
    Qt::Alignment align = Qt::AlignCenter;
};
inline constexpr Qt::Alignment kLeading = Qt::AlignLeft | Qt::AlignVCenter; // a label's own default
QLabel *kioskLabel(QWidget *parent, const LabelStyle &style, const QString &text = {});
// A text inside a button's own layout: white on the button, and a press on it presses the button.
QLabel *buttonLabel(QPushButton *button, const LabelStyle &style, const QString &text = {});

} // namespace hk::kiosk
