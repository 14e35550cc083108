#include "ui/kiosk/phone_keypad_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hk {

PhoneKeypadView::PhoneKeypadView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {48, 96, 48, 32}, 24);
    m_title = kioskLabel(this, {.name = "keypadTitle", .px = kTitlePx, .bold = true, .wrap = true});
    m_number = kioskLabel(this, {.name = "phoneNumber", .px = 88, .bold = true});
    m_number->setMinimumHeight(130);
    m_error = kioskLabel(this, {.name = "phoneError", .px = 44, .bold = true, .wrap = true});
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kAlert)));
    m_error->hide();
    layout->addWidget(m_title);
    layout->addWidget(m_number);
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto *grid = new QGridLayout();
    grid->setSpacing(kGapPx);
    const auto key = [this](const QString &text, const char *name) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        setKioskFont(b, 56, true);
        // 280: room for "Delete" at 56 px in three columns on the panel (English, DESIGN §14).
        b->setMinimumSize(280, kButtonMinPx);
        return b;
    };
    static const char *const kDigitNames[] = {"key0", "key1", "key2", "key3", "key4", "key5", "key6", "key7", "key8", "key9"};
    for (int d = 1; d <= 9; ++d) {
        QPushButton *b = key(QString::number(d), kDigitNames[d]);
        connect(b, &QPushButton::clicked, this, [this, d] { press(QChar(u'0' + d)); });
        grid->addWidget(b, (d - 1) / 3, (d - 1) % 3);
    }
    QPushButton *clear = key({}, "keyClear");
    QPushButton *zero = key(QStringLiteral("0"), kDigitNames[0]);
    QPushButton *back = key({}, "keyBack");
    grid->addWidget(clear, 3, 0);
    grid->addWidget(zero, 3, 1);
    grid->addWidget(back, 3, 2);
    connect(zero, &QPushButton::clicked, this, [this] { press(u'0'); });
    connect(clear, &QPushButton::clicked, this, [this] {
        m_digits.clear();
        setError({});
        refresh();
    });
    connect(back, &QPushButton::clicked, this, [this] {
        m_digits.chop(1);
        setError({});
        refresh();
    });
    layout->addLayout(grid);

    m_confirm = new QPushButton(this);
    m_confirm->setObjectName(QStringLiteral("keypadConfirm"));
    setKioskFont(m_confirm, 56, true);
    m_confirm->setMinimumSize(900, kButtonMinPx);
    layout->addWidget(m_confirm);
    connect(m_confirm, &QPushButton::clicked, this, [this] { Q_EMIT confirmed(m_digits); });
    retranslate();
}

void PhoneKeypadView::retranslate()
{
    auto *clear = findChild<QPushButton *>(QStringLiteral("keyClear"));
    // Named by the visible word (DESIGN §1); what it does in full is the description.
    clear->setText(tr("清空"));
    clear->setAccessibleName(clear->text());
    clear->setAccessibleDescription(tr("清空 全部重输"));
    auto *back = findChild<QPushButton *>(QStringLiteral("keyBack"));
    back->setText(tr("删除"));
    back->setAccessibleName(back->text());
    back->setAccessibleDescription(tr("删除 最后一位"));
    m_confirm->setText(tr("确认手机号"));
    refresh();
}

void PhoneKeypadView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PhoneKeypadView::reset(const QString &title)
{
    m_title->setText(title);
    m_digits.clear();
    setError({});
    refresh();
}

void PhoneKeypadView::setError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void PhoneKeypadView::press(QChar digit)
{
    if (m_digits.size() >= kMaxDigits)
        return;
    m_digits.append(digit);
    setError({});
    refresh();
}

void PhoneKeypadView::refresh()
{
    // 138 0013 8000: read back in the groups people say it in; a dash for each digit still to come.
    QString shown;
    for (int i = 0; i < kMaxDigits; ++i) {
        if (i == 3 || i == 7)
            shown += QLatin1Char(' ');
        shown += i < m_digits.size() ? m_digits.at(i) : QChar(u'_');
    }
    m_number->setText(shown);
    m_number->setAccessibleName(m_digits.isEmpty() ? tr("还没有输入") : tr("已输入 %1").arg(m_digits));
}

} // namespace hk
