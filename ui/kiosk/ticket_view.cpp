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
    // Sized so that the print-failed screen — title, number, QR, hint and 补打 — fits the portrait
    // 1080 × 1920 panel above the footer.
    layout->setContentsMargins(48, 96, 48, 32);
    layout->setSpacing(16);
    auto label = [this, layout](const char *name, int px, bool bold) {
        auto *l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        l->setFont(typeface(px, bold));
        l->setAlignment(Qt::AlignCenter);
        l->setWordWrap(true);
        layout->addWidget(l);
        return l;
    };
    m_title = label("ticketTitle", 72, true);
    m_number = label("ticketNumber", kNumberPx, true);
    m_group = label("ticketGroup", 56, true);
    m_ahead = label("ticketAhead", 56, false);
    m_time = label("ticketTime", kBodyPx, false);
    m_time->setObjectName(QStringLiteral("ticketTime"));
    m_qr = new QLabel(this);
    m_qr->setObjectName(QStringLiteral("ticketQr"));
    m_qr->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_qr);
    m_hint = label("ticketHint", kBodyPx, false);
    m_reprint = new QPushButton(QStringLiteral("补打\n再打印一次"), this);
    m_reprint->setObjectName(QStringLiteral("reprintButton"));
    m_reprint->setFont(typeface(48, true));
    m_reprint->setMinimumSize(480, kButtonMinPx);
    m_reprint->hide();
    layout->addWidget(m_reprint, 0, Qt::AlignHCenter);
    m_reprintNote = label("reprintNote", kBodyPx, false);
    m_reprintNote->hide();
    layout->addStretch();
    connect(m_reprint, &QPushButton::clicked, this, &TicketView::reprintRequested);
}

void TicketView::setReprintOffer(ReprintOffer offer, const QString &note)
{
    m_reprint->setVisible(offer != ReprintOffer::None);
    m_reprint->setEnabled(offer == ReprintOffer::Available);
    m_reprint->setText(offer == ReprintOffer::Printing ? QStringLiteral("正在补打……") : QStringLiteral("补打\n再打印一次"));
    m_reprintNote->setText(note);
    m_reprintNote->setVisible(!note.isEmpty());
    m_hint->setVisible(note.isEmpty()); // the note says what now, in the hint's place
}

void TicketView::fill(const TicketSlip &slip)
{
    m_number->setText(slip.number);
    m_number->setAccessibleName(QStringLiteral("您的号码 %1").arg(slip.number));
    m_group->setText(slip.groupName);
    m_ahead->setText(slip.peopleAhead == 0 ? QStringLiteral("前面没有人等候")
                                           : QStringLiteral("前面还有 %1 人").arg(slip.peopleAhead));
    m_time->setText(QStringLiteral("取号时间 %1").arg(slip.issuedAtText));
}

void TicketView::showPrinted(const TicketSlip &slip)
{
    fill(slip);
    m_title->setObjectName(QStringLiteral("ticketTitle"));
    m_title->setStyleSheet({});
    m_title->setText(QStringLiteral("请取票"));
    m_qr->clear();
    m_qr->hide();
    m_hint->setText(QStringLiteral("票从下方出票口送出，请留意大厅屏幕和语音叫号"));
    setReprintOffer(ReprintOffer::None);
    m_hint->show();
}

void TicketView::showPrintFailed(const TicketSlip &slip, const QString &reason)
{
    fill(slip);
    m_title->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kiosk::kAlert)));
    m_title->setText(QStringLiteral("票没有打印出来\n请拍照或记下号码"));
    const QImage qr = makeQrImage(slip.qrPayload.toUtf8(), 8);
    m_qr->setPixmap(QPixmap::fromImage(qr));
    m_qr->show();
    m_hint->setText(QStringLiteral("%1\n此号码有效，请凭号码或照片办理；可请工作人员补打").arg(reason));
}

} // namespace hk
