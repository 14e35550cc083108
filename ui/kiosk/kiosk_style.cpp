#include "ui/kiosk/kiosk_style.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QVariant>
#include <QWidget>

#include <cmath>

namespace hk::kiosk {
namespace {

constexpr const char *kStandardPxProperty = "hkStandardPx";
constexpr const char *kBoldProperty = "hkBold";
constexpr const char *kElderProperty = "hkElderMode";

void applyFont(QWidget *widget, bool elder)
{
    const int standardPx = widget->property(kStandardPxProperty).toInt();
    widget->setFont(typeface(elder ? elderPx(standardPx) : standardPx, widget->property(kBoldProperty).toBool()));
}

} // namespace

int elderPx(int standardPx)
{
    return standardPx >= kElderKeepsPx ? standardPx : int(std::lround(standardPx * kElderScale));
}

void setKioskFont(QWidget *widget, int standardPx, bool bold)
{
    widget->setProperty(kStandardPxProperty, standardPx);
    widget->setProperty(kBoldProperty, bold);
    applyFont(widget, inElderMode(widget));
}

void applyElderMode(QWidget *root, bool on)
{
    root->setProperty(kElderProperty, on);
    if (root->property(kStandardPxProperty).isValid())
        applyFont(root, on);
    const QList<QWidget *> children = root->findChildren<QWidget *>();
    for (QWidget *child : children) {
        if (child->property(kStandardPxProperty).isValid())
            applyFont(child, on);
    }
}

bool inElderMode(const QWidget *widget)
{
    for (const QWidget *w = widget; w; w = w->parentWidget()) {
        const QVariant marked = w->property(kElderProperty);
        if (marked.isValid())
            return marked.toBool();
    }
    return false;
}

QVBoxLayout *columnLayout(QWidget *owner, QMargins margins, int spacingPx)
{
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(margins);
    if (spacingPx >= 0)
        layout->setSpacing(spacingPx);
    return layout;
}

QLabel *kioskLabel(QWidget *parent, const LabelStyle &style, const QString &text)
{
    auto *label = new QLabel(text, parent);
    if (style.name)
        label->setObjectName(QLatin1String(style.name));
    setKioskFont(label, style.px, style.bold);
    label->setAlignment(style.align);
    label->setWordWrap(style.wrap);
    return label;
}

QLabel *buttonLabel(QPushButton *button, const LabelStyle &style, const QString &text)
{
    QLabel *label = kioskLabel(button, style, text);
    label->setStyleSheet(QStringLiteral("color: white;"));
    label->setAttribute(Qt::WA_TransparentForMouseEvents);
    return label;
}

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
QPushButton[serviceEntry="true"] { padding: 12px 4px; }
QPushButton#languageButton { padding: 16px 8px; }
QPushButton#helpButton, QPushButton#homeButton { background: %1; color: %3; border: 4px solid %3; }
QPushButton#helpButton:pressed, QPushButton#homeButton:pressed { background: #E6ECF5; }
QWidget#footer { background: %1; border-top: 2px solid #C8C8C8; }
QWidget#alertBanner { background: %6; border: 4px solid %5; border-radius: 12px; }
QWidget#alertBanner QLabel { color: %5; }
QLabel#muted { color: %8; }
QLabel#alertTitle { color: %5; }
QLabel#checkInHint { color: %3; border: 4px solid %3; border-radius: 12px; padding: 12px 20px; }
QLabel#bookedBadge { color: %1; background: %3; border-radius: 12px; padding: 8px 32px; }
)css")
        .arg(QLatin1String(kPaper), QLatin1String(kInk), QLatin1String(kBrand), QLatin1String(kBrandPressed),
             QLatin1String(kAlert), QLatin1String(kAlertPaper), QLatin1String(kDisabled), QLatin1String(kMuted));
}

} // namespace hk::kiosk
