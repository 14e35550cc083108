#include "ui/kiosk/ticket_view.h"

#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/qr_image.h"

#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace hk {

TicketView::TicketView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    auto *layout = new QVBoxLayout(this);
    m_layout = layout;
    layout->setContentsMargins(48, 160, 48, 48);
    layout->setSpacing(24);
    auto label = [this, layout](const char *name, int px, bool bold) {
        auto *l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        l->setFont(typeface(px, bold));
        l->setAlignment(Qt::AlignCenter);
        l->setWordWrap(true);
        layout->addWidget(l);
        return l;
    };
    m_title = label("ticketTitle", 80, true);
    m_badge = new QLabel(QStringLiteral("预约优先"), this);
    m_badge->setObjectName(QStringLiteral("bookedBadge"));
    m_badge->setFont(typeface(64, true));
    m_badge->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_badge, 0, Qt::AlignHCenter);
    m_number = label("ticketNumber", kNumberPx, true);
    m_group = label("ticketGroup", 56, true);
    m_matter = label("ticketMatter", 48, false);
    m_slot = label("ticketSlot", 48, true);
    m_ahead = label("ticketAhead", 56, false);
    m_time = label("ticketTime", kBodyPx, false);
    m_time->setObjectName(QStringLiteral("ticketTime"));
    m_qr = new QLabel(this);
    m_qr->setObjectName(QStringLiteral("ticketQr"));
    m_qr->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_qr);
    m_hint = label("ticketHint", 44, false);
    m_reprint = new QPushButton(QStringLiteral("补打一张"), this);
    m_reprint->setObjectName(QStringLiteral("reprintButton"));
    m_reprint->setFont(typeface(56, true));
    m_reprint->setMinimumSize(600, kButtonMinPx + 40);
    m_reprint->hide();
    layout->addWidget(m_reprint, 0, Qt::AlignHCenter);
    layout->addStretch();
    connect(m_reprint, &QPushButton::clicked, this, [this] {
        m_reprint->hide(); // one tap, one reprint
        Q_EMIT reprintRequested(m_ticketId);
    });
}

void TicketView::fill(const TicketSlip &slip)
{
    m_ticketId = slip.ticketId;
    const bool booked = slip.kind == TicketKind::Booked;
    m_badge->setVisible(booked);
    m_matter->setVisible(booked && !slip.matterName.isEmpty());
    m_matter->setText(QStringLiteral("预约事项：%1").arg(slip.matterName));
    m_slot->setVisible(booked && !slip.slotText.isEmpty());
    m_slot->setText(QStringLiteral("预约时段 %1").arg(slip.slotText));
    m_reprint->hide();
    m_time->show();
    m_layout->setContentsMargins(48, 160, 48, 48);
    m_number->setText(slip.number);
    m_number->setAccessibleName(QStringLiteral("您的号码 %1").arg(slip.number));
    m_group->setText(slip.groupName);
    m_ahead->setVisible(slip.peopleAhead >= 0);
    m_ahead->setText(slip.peopleAhead == 0 ? QStringLiteral("前面没有人等候")
                                           : QStringLiteral("前面还有 %1 人").arg(slip.peopleAhead));
    m_time->setText(QStringLiteral("取号时间 %1").arg(slip.issuedAtText));
}

void TicketView::showPrinted(const TicketSlip &slip)
{
    fill(slip);
    m_title->setObjectName(QStringLiteral("ticketTitle"));
    m_title->setStyleSheet({});
    m_title->setText(slip.reprint ? QStringLiteral("已补打，请取票") : QStringLiteral("请取票"));
    m_qr->clear();
    m_qr->hide();
    const QString bring = slip.materials.isEmpty() ? QString()
                                                   : QStringLiteral("\n请备齐：%1").arg(slip.materials.join(QStringLiteral("、")));
    m_hint->setText(QStringLiteral("票从下方出票口送出，请留意大厅屏幕和语音叫号") + bring);
}

void TicketView::showQr(const TicketSlip &slip, int moduleSize)
{
    m_qr->setPixmap(QPixmap::fromImage(makeQrImage(slip.qrPayload.toUtf8(), moduleSize)));
    m_qr->show();
}

void TicketView::showCheckedIn(const TicketSlip &slip, bool reprintAllowed)
{
    fill(slip);
    m_title->setStyleSheet({});
    m_title->setText(QStringLiteral("您已签到过，这是您的号码"));
    // The code, the reprint button and the booking all fit on one screen: less margin, a smaller
    // code than on the print-failed screen, and no issue time (the ticket says it).
    m_layout->setContentsMargins(48, 96, 48, 32);
    m_time->hide();
    showQr(slip, 6);
    m_reprint->setVisible(reprintAllowed);
    m_hint->setText(reprintAllowed ? QStringLiteral("票丢了可以补打一张；请留意大厅屏幕和语音叫号")
                                   : QStringLiteral("请凭此号码办理，留意大厅屏幕和语音叫号；需要帮助请按“帮办”"));
}

void TicketView::showPrintFailed(const TicketSlip &slip, const QString &reason)
{
    fill(slip);
    m_title->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kiosk::kAlert)));
    m_title->setText(QStringLiteral("票没有打印出来\n请拍照或记下号码"));
    showQr(slip, 12);
    m_hint->setText(QStringLiteral("%1\n此号码有效，请凭号码或照片办理；可请工作人员补打").arg(reason));
}

} // namespace hk
