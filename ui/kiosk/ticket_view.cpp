#include "ui/kiosk/ticket_view.h"

#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/qr_image.h"

#include <QEvent>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace hk {
namespace {

// Sized so that the fullest screen — a booked ticket whose print failed: title, badge, number,
// group, matter, slot, QR, hint and 补打 — fits the portrait 1080 × 1920 panel above the footer.
constexpr int kTopMarginPx = 96;
constexpr int kCompactTopMarginPx = 48;
constexpr int kSpacingPx = 16;
constexpr int kElderSpacingPx = 4;

} // namespace

TicketView::TicketView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {48, kTopMarginPx, 48, 32}, kSpacingPx);
    m_layout = layout;
    auto label = [this, layout](const char *name, int px, bool bold) {
        QLabel *l = kioskLabel(this, {.name = name, .px = px, .bold = bold, .wrap = true});
        layout->addWidget(l);
        return l;
    };
    m_title = label("ticketTitle", 72, true);
    m_badge = kioskLabel(this, {.name = "bookedBadge", .px = 64, .bold = true}, {});
    layout->addWidget(m_badge, 0, Qt::AlignHCenter);
    m_number = label("ticketNumber", kNumberPx, true);
    m_group = label("ticketGroup", 56, true);
    m_matter = label("ticketMatter", kBodyPx + 4, false);
    m_slot = label("ticketSlot", kBodyPx + 4, true);
    m_ahead = label("ticketAhead", 56, false);
    m_time = label("ticketTime", kBodyPx, false);
    m_qr = new QLabel(this);
    m_qr->setObjectName(QStringLiteral("ticketQr"));
    m_qr->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_qr);
    m_hint = label("ticketHint", kBodyPx, false);
    m_reprint = new QPushButton(this);
    m_reprint->setObjectName(QStringLiteral("reprintButton"));
    setKioskFont(m_reprint, 48, true);
    m_reprint->setMinimumSize(480, kButtonMinPx);
    m_reprint->hide();
    layout->addWidget(m_reprint, 0, Qt::AlignHCenter);
    m_reprintNote = label("reprintNote", kBodyPx, false);
    m_reprintNote->hide();
    layout->addStretch();
    connect(m_reprint, &QPushButton::clicked, this, &TicketView::reprintRequested);
    retranslate();
}

void TicketView::retranslate()
{
    m_badge->setText(tr("预约优先"));
    if (m_reprint->isEnabled())
        m_reprint->setText(tr("补打\n再打印一次"));
}

void TicketView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TicketView::setReprintOffer(ReprintOffer offer, const QString &note)
{
    m_reprint->setVisible(offer != ReprintOffer::None);
    m_reprint->setEnabled(offer == ReprintOffer::Available);
    m_reprint->setText(offer == ReprintOffer::Printing ? tr("正在补打……") : tr("补打\n再打印一次"));
    m_reprintNote->setText(note);
    m_reprintNote->setVisible(!note.isEmpty());
    m_hint->setVisible(note.isEmpty()); // the note says what now, in the hint's place
}

void TicketView::fill(const TicketSlip &slip)
{
    const bool booked = slip.kind == TicketKind::Booked;
    m_layout->setContentsMargins(48, kTopMarginPx, 48, 32);
    // 长辈版 lines are taller; the leading of the CJK face is gap enough between them.
    m_layout->setSpacing(kiosk::inElderMode(this) ? kElderSpacingPx : kSpacingPx);
    m_title->setStyleSheet({});
    m_badge->setVisible(booked);
    m_number->setText(slip.number);
    m_number->setAccessibleName(tr("您的号码 %1").arg(slip.number));
    m_group->setText(slip.groupName);
    m_matter->setVisible(booked && !slip.matterName.isEmpty());
    m_matter->setText(tr("预约事项：%1").arg(slip.matterName));
    m_slot->setVisible(booked && !slip.slotText.isEmpty());
    m_slot->setText(tr("预约时段 %1").arg(slip.slotText));
    m_ahead->setVisible(slip.peopleAhead >= 0);
    m_ahead->setText(slip.peopleAhead == 0 ? tr("前面没有人等候")
                                           : tr("前面还有 %n 人", nullptr, slip.peopleAhead));
    m_time->setText(tr("取号时间 %1").arg(slip.issuedAtText));
    m_time->show();
    m_qr->clear();
    m_qr->hide();
    setReprintOffer(ReprintOffer::None);
}

void TicketView::showQr(const TicketSlip &slip, int moduleSize)
{
    m_qr->setPixmap(QPixmap::fromImage(makeQrImage(slip.qrPayload.toUtf8(), moduleSize)));
    m_qr->show();
}

void TicketView::showPrinted(const TicketSlip &slip)
{
    fill(slip);
    m_title->setText(slip.reprint ? tr("已补打，请取票") : tr("请取票"));
    const QString bring = slip.materials.isEmpty() ? QString()
                                                   : tr("\n请备齐：%1").arg(slip.materials.join(tr("、")));
    m_hint->setText(tr("票从下方出票口送出，请留意大厅屏幕和语音叫号") + bring);
}

void TicketView::showPrintFailed(const TicketSlip &slip, const QString &reason)
{
    fill(slip);
    const bool booked = slip.kind == TicketKind::Booked;
    if (booked)
        m_layout->setContentsMargins(48, kCompactTopMarginPx, 48, 24);
    m_title->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kiosk::kAlert)));
    m_title->setText(tr("票没有打印出来\n请拍照或记下号码"));
    showQr(slip, booked ? 6 : 8);
    m_hint->setText(tr("%1\n此号码有效，请凭号码或照片办理；可请工作人员补打").arg(reason));
}

void TicketView::showCheckedIn(const TicketSlip &slip, bool reprintAllowed)
{
    fill(slip);
    m_title->setText(tr("您已签到过，这是您的号码"));
    // The code, the reprint button and the booking all fit on one screen: a smaller code than on
    // the print-failed screen, and no issue time (the ticket says it).
    m_time->hide();
    showQr(slip, 6);
    setReprintOffer(reprintAllowed ? ReprintOffer::Available : ReprintOffer::None);
    m_hint->setText(reprintAllowed ? tr("票丢了可以补打一张；请留意大厅屏幕和语音叫号")
                                   : tr("请凭此号码办理，留意大厅屏幕和语音叫号；需要帮助请按“帮办”"));
}

} // namespace hk
