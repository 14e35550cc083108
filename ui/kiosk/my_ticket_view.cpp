#include "ui/kiosk/my_ticket_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hk {

MyTicketView::MyTicketView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {64, 160, 64, 48}, 24);
    m_title = kioskLabel(this, {.name = "myTicketTitle", .px = kTitlePx + 8, .bold = true, .wrap = true});
    m_text = kioskLabel(this, {.name = "myTicketText", .px = 48, .wrap = true});
    m_number = kioskLabel(this, {.name = "myTicketNumber", .px = kNumberPx, .bold = true});
    m_group = kioskLabel(this, {.name = "myTicketGroup", .px = 56, .bold = true, .wrap = true});
    // What the citizen must check — the people ahead, the window — is ≥ 60 px (DESIGN §1).
    m_state = kioskLabel(this, {.name = "myTicketState", .px = 72, .bold = true, .wrap = true});
    m_detail = kioskLabel(this, {.name = "myTicketDetail", .px = 48, .wrap = true});
    for (QLabel *l : {m_title, m_text, m_number, m_group, m_state, m_detail})
        layout->addWidget(l);
    m_requeue = new QPushButton(this);
    m_requeue->setObjectName(QStringLiteral("requeueButton"));
    setKioskFont(m_requeue, 52, true);
    m_requeue->setMinimumSize(760, kButtonMinPx + 60);
    layout->addSpacing(24);
    layout->addWidget(m_requeue, 0, Qt::AlignHCenter);
    layout->addStretch();
    connect(m_requeue, &QPushButton::clicked, this, &MyTicketView::requeueRequested);
    clear();
    retranslate();
}

void MyTicketView::retranslate()
{
    m_requeue->setText(tr("重新排队\n回到本组队伍"));
}

void MyTicketView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void MyTicketView::clear()
{
    for (QLabel *l : {m_title, m_text, m_number, m_group, m_state, m_detail}) {
        l->clear();
        l->hide();
    }
    m_number->setAccessibleName({});
    m_detail->setStyleSheet({});
    m_requeue->hide();
}

void MyTicketView::showPrompt()
{
    clear();
    m_title->setText(tr("排队查询"));
    m_text->setText(tr("请把排队票上的二维码对准扫码口，\n就能看到前面还有几人、是否已叫到您。"));
    m_title->show();
    m_text->show();
}

void MyTicketView::showStatus(const TicketStatus &status, const QString &state, const QString &detail, bool requeue)
{
    clear();
    m_title->setText(tr("您的号码"));
    m_number->setText(status.number);
    m_number->setAccessibleName(tr("您的号码 %1").arg(status.number));
    m_group->setText(status.groupName);
    m_state->setText(state);
    m_detail->setText(detail);
    for (QLabel *l : {m_title, m_number, m_group, m_state})
        l->show();
    m_detail->setVisible(!detail.isEmpty());
    m_requeue->setVisible(requeue);
    m_requeue->setEnabled(requeue);
}

void MyTicketView::setRequeueRefused(const QString &why)
{
    m_requeue->hide();
    m_detail->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(kiosk::kAlert)));
    m_detail->setText(why);
    m_detail->show();
}

} // namespace hk
