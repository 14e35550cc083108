#include "ui/kiosk/notice_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hk {

NoticeView::NoticeView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {64, 360, 64, 48}, 48);
    m_title = kioskLabel(this, {.name = "noticeTitle", .px = kTitlePx + 8, .bold = true, .wrap = true});
    m_text = kioskLabel(this, {.name = "noticeText", .px = 48, .wrap = true});
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    m_action = new QPushButton(this);
    m_action->setObjectName(QStringLiteral("noticeAction"));
    setKioskFont(m_action, 56, true);
    m_action->setMinimumSize(760, kButtonMinPx + 60);
    m_action->hide();
    layout->addSpacing(48);
    layout->addWidget(m_action, 0, Qt::AlignHCenter);
    layout->addStretch();
    connect(m_action, &QPushButton::clicked, this, &NoticeView::actionTriggered);
}

void NoticeView::setAction(const QString &label)
{
    m_action->setText(label);
    m_action->setVisible(!label.isEmpty());
}

void NoticeView::show(Tone tone, const QString &title, const QString &text)
{
    // The title says what happened in words; the colour only repeats it.
    m_title->setStyleSheet(tone == Tone::Alert ? QStringLiteral("color: %1;").arg(QLatin1String(kiosk::kAlert)) : QString());
    m_title->setText(title);
    m_text->setText(text);
    setAction({});
}

} // namespace hk
