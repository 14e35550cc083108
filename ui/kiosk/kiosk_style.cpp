#include "ui/kiosk/kiosk_style.h"

namespace hk::kiosk {

QFont typeface(int pixelSize, bool bold)
{
    QFont f(QString::fromLatin1(kFontFamily));
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    return f;
}

QString kioskStyleSheet()
{
    return QStringLiteral(R"css(
QWidget#kioskRoot { background: %1; }
QLabel { color: %2; background: transparent; }
QWidget#header { background: %3; }
QWidget#header QLabel { color: %1; }
QPushButton { color: %1; background: %3; border: 4px solid %3; border-radius: 16px; padding: 16px 24px; }
QPushButton:pressed { background: %4; }
QPushButton:disabled { background: %7; border-color: %7; }
QPushButton:focus { border: 6px solid #FFB000; }
QPushButton#helpButton, QPushButton#homeButton { background: %1; color: %3; border: 4px solid %3; }
QPushButton#helpButton:pressed, QPushButton#homeButton:pressed { background: #E6ECF5; }
QWidget#footer { background: %1; border-top: 2px solid #C8C8C8; }
QWidget#alertBanner { background: %6; border: 4px solid %5; border-radius: 12px; }
QWidget#alertBanner QLabel { color: %5; }
QLabel#muted { color: %8; }
QLabel#alertTitle { color: %5; }
QLabel#checkInHint { color: %3; border: 4px solid %3; border-radius: 12px; padding: 20px; }
QLabel#bookedBadge { color: %1; background: %3; border-radius: 12px; padding: 8px 32px; }
)css")
        .arg(QLatin1String(kPaper), QLatin1String(kInk), QLatin1String(kBrand), QLatin1String(kBrandPressed),
             QLatin1String(kAlert), QLatin1String(kAlertPaper), QLatin1String(kDisabled), QLatin1String(kMuted));
}

} // namespace hk::kiosk
