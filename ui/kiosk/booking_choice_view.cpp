#include "ui/kiosk/booking_choice_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hk {

BookingChoiceView::BookingChoiceView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {48, 240, 48, 48}, kGapPx);
    m_title = kioskLabel(this, {.name = "choiceTitle", .px = kTitlePx, .bold = true, .wrap = true});
    m_prompt = kioskLabel(this, {.px = 52, .wrap = true}, tr("请点按现在要办理的一项"));
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
    m_title->setText(tr("%1 您好，您今天有 %2 个预约").arg(choice.holderMasked).arg(choice.options.size()));
    const bool anyCheckedIn = std::any_of(choice.options.begin(), choice.options.end(), [](const BookingOption &o) { return o.checkedIn; });
    // C2: a booking already checked in is offered as its ticket — to see again, and reprint once.
    m_prompt->setText(anyCheckedIn ? tr("已签到的，点按可再看票号、补打一次；未签到的，点按签到")
                                   : tr("请点按现在要办理的一项"));
    for (const BookingOption &option : choice.options) {
        auto *button = new QPushButton(this);
        button->setObjectName(QStringLiteral("choice_%1").arg(option.bookingId));
        const QString number = option.ticketNumber.isEmpty() ? QString() : tr(" %1 号").arg(option.ticketNumber);
        const QString detail = option.checkedIn ? tr("%1 · 已签到%2").arg(option.slotText, number)
                                                : QStringLiteral("%1 · %2").arg(option.slotText, option.groupName);
        // Named by what it shows, the matter on the first line (DESIGN §1); what a press does is
        // the description.
        button->setAccessibleName(option.matterName + QLatin1Char('\n') + detail);
        button->setAccessibleDescription(option.checkedIn ? tr("点按可再看票号、补打一次") : tr("点按签到，取预约优先号"));
        button->setMinimumSize(900, 220);
        QVBoxLayout *inner = columnLayout(button, {24, 16, 24, 16});
        inner->addWidget(buttonLabel(button, {.px = 56, .bold = true, .wrap = true}, option.matterName));
        inner->addWidget(buttonLabel(button, {.px = 44, .wrap = true}, detail));
        connect(button, &QPushButton::clicked, this, [this, id = option.bookingId] { Q_EMIT bookingChosen(id); });
        m_options->addWidget(button);
        m_buttons.append(button);
    }
}

} // namespace hk
