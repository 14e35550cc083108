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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 240, 48, 48);
    layout->setSpacing(kGapPx);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("choiceTitle"));
    setKioskFont(m_title, kTitlePx, true);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_prompt = new QLabel(QStringLiteral("请点按现在要办理的一项"), this);
    setKioskFont(m_prompt, 52);
    m_prompt->setAlignment(Qt::AlignCenter);
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
        auto *inner = new QVBoxLayout(button);
        inner->setContentsMargins(24, 16, 24, 16);
        auto *matter = new QLabel(option.matterName, button);
        setKioskFont(matter, 56, true);
        matter->setWordWrap(true);
        matter->setAlignment(Qt::AlignCenter);
        auto *when = new QLabel(QStringLiteral("%1 · %2").arg(option.slotText, option.groupName), button);
        setKioskFont(when, 44);
        when->setAlignment(Qt::AlignCenter);
        for (QLabel *l : {matter, when}) {
            l->setStyleSheet(QStringLiteral("color: white;"));
            l->setAttribute(Qt::WA_TransparentForMouseEvents);
            inner->addWidget(l);
        }
        connect(button, &QPushButton::clicked, this, [this, id = option.bookingId] { Q_EMIT bookingChosen(id); });
        m_options->addWidget(button);
        m_buttons.append(button);
    }
}

} // namespace hk
