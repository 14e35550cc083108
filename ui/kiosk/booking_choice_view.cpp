#include "ui/kiosk/booking_choice_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hk {

BookingChoiceView::BookingChoiceView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {48, 240, 48, 48}, kGapPx);
    m_title = kioskLabel(this, {.name = "choiceTitle", .px = kTitlePx, .bold = true, .wrap = true});
    m_prompt = kioskLabel(this, {.px = 52}, QStringLiteral("请点按现在要办理的一项"));
    layout->addWidget(m_title);
    layout->addWidget(m_prompt);
    layout->addSpacing(48);
    m_options = new QVBoxLayout();
    m_options->setSpacing(kGapPx);
    layout->addLayout(m_options);
    layout->addStretch();
}

void BookingChoiceView::clear()
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    m_title->clear();
}

void BookingChoiceView::show(const BookingChoice &choice)
{
    using namespace kiosk;
    clear();
    m_title->setText(QStringLiteral("%1 您好，您今天有 %2 个预约").arg(choice.holderMasked).arg(choice.options.size()));
    for (const BookingOption &option : choice.options) {
        auto *button = new QPushButton(this);
        button->setObjectName(QStringLiteral("choice_%1").arg(option.bookingId));
        button->setAccessibleName(QStringLiteral("%1 %2").arg(option.matterName, option.slotText));
        button->setMinimumSize(900, 220);
        QVBoxLayout *inner = columnLayout(button, {24, 16, 24, 16});
        inner->addWidget(buttonLabel(button, {.px = 56, .bold = true, .wrap = true}, option.matterName));
        inner->addWidget(buttonLabel(button, {.px = 44}, QStringLiteral("%1 · %2").arg(option.slotText, option.groupName)));
        connect(button, &QPushButton::clicked, this, [this, id = option.bookingId] { Q_EMIT bookingChosen(id); });
        m_options->addWidget(button);
        m_buttons.append(button);
    }
}

} // namespace hk
