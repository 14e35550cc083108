#include "ui/kiosk/maintenance/maintenance_style.h"

#include "ui/kiosk/kiosk_style.h"

#include <QLabel>
#include <QPushButton>

namespace hk::kiosk::maintenance {

QPushButton *button(QWidget *parent, const QString &text, const char *name)
{
    auto *b = new QPushButton(text, parent);
    if (name)
        b->setObjectName(QLatin1String(name));
    b->setAccessibleName(QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    b->setFont(typeface(kButtonPx, true));
    b->setMinimumSize(kTargetPx, kTargetPx);
    return b;
}

QLabel *label(QWidget *parent, int px, const char *name, bool wrap)
{
    auto *l = new QLabel(parent);
    if (name)
        l->setObjectName(QLatin1String(name));
    l->setFont(typeface(px));
    l->setWordWrap(wrap);
    l->setAlignment(kLeading);
    return l;
}

QString breakable(const QString &text, int run)
{
    constexpr QChar kZeroWidthSpace(0x200B);
    QString out;
    out.reserve(text.size() + text.size() / run);
    int length = 0;
    for (const QChar c : text) {
        // Spaces, and the CJK characters (each a break opportunity of its own), end a run.
        if (c.isSpace() || c == kZeroWidthSpace || c.unicode() >= 0x2E80) {
            length = 0;
        } else if (++length > run) {
            out += kZeroWidthSpace;
            length = 1;
        }
        out += c;
    }
    return out;
}

QString unbreakable(QString text)
{
    return text.remove(QChar(0x200B));
}

QString styleSheet()
{
    return QStringLiteral(R"css(
QWidget#maintenanceHeader { background: %1; }
QWidget#maintenanceHeader QLabel { color: white; }
QPushButton[pageButton="true"] { background: white; color: %1; border: 4px solid %1; }
QPushButton[pageButton="true"]:checked { background: %1; color: white; }
QPushButton[choice="true"] { background: white; color: %1; border: 4px solid %1; }
QPushButton[choice="true"]:checked { background: %1; color: white; }
QLabel#outcome { border: 3px solid %1; border-radius: 8px; padding: 8px; }
QLabel#outcome[failed="true"] { color: %2; border-color: %2; }
QPlainTextEdit#frameLog { font-family: "Noto Sans Mono CJK SC"; color: %3; background: #F4F4F4; }
)css")
        .arg(QLatin1String(kBrand), QLatin1String(kAlert), QLatin1String(kInk));
}

} // namespace hk::kiosk::maintenance
