#include "app/services/ticket_composer.h"

namespace hk {

TicketComposer::TicketComposer(QString centerId, QString centerName, QString ticketUrlTemplate)
    : m_centerId(std::move(centerId))
    , m_centerName(std::move(centerName))
    , m_ticketUrl(std::move(ticketUrlTemplate))
{
}

QString TicketComposer::qrPayload(const QString &ticketId) const
{
    if (m_ticketUrl.isEmpty())
        return QStringLiteral("HK1:%1:%2").arg(m_centerId, ticketId);
    QString url = m_ticketUrl;
    url.replace(QLatin1String("{center}"), m_centerId);
    url.replace(QLatin1String("{ticket}"), ticketId);
    return url;
}

PrintDocument TicketComposer::compose(const TicketSlip &slip) const
{
    using A = PrintBlock::Align;
    PrintDocument doc;
    doc.title = QStringLiteral("ticket %1").arg(slip.number);
    doc.blocks << PrintBlock::textLine(m_centerName, A::Center, 1, true)
               << PrintBlock::feed(1);
    if (slip.kind == TicketKind::Booked)
        doc.blocks << PrintBlock::textLine(QStringLiteral("预约优先"), A::Center, 2, true);
    doc.blocks << PrintBlock::textLine(slip.number, A::Center, 4, true)
               << PrintBlock::textLine(slip.groupName, A::Center, 2, false);
    if (slip.reprint)
        doc.blocks << PrintBlock::textLine(QStringLiteral("（补打）"), A::Center, 1, true);
    if (slip.kind == TicketKind::Booked) {
        if (!slip.matterName.isEmpty())
            doc.blocks << PrintBlock::textLine(QStringLiteral("预约事项 %1").arg(slip.matterName), A::Center);
        if (!slip.slotText.isEmpty())
            doc.blocks << PrintBlock::textLine(QStringLiteral("预约时段 %1").arg(slip.slotText), A::Center);
        if (!slip.materials.isEmpty())
            doc.blocks << PrintBlock::textLine(QStringLiteral("请备齐材料：%1").arg(slip.materials.join(QStringLiteral("、"))), A::Left);
    }
    doc.blocks << PrintBlock::feed(1);
    if (slip.peopleAhead >= 0)
        doc.blocks << PrintBlock::textLine(QStringLiteral("前面还有 %1 人").arg(slip.peopleAhead), A::Center, 1, true);
    doc.blocks << PrintBlock::textLine(QStringLiteral("取号时间 %1").arg(slip.issuedAtText), A::Center)
               << PrintBlock::feed(1)
               << PrintBlock::qr(slip.qrPayload.toUtf8())
               << PrintBlock::textLine(QStringLiteral("请留意叫号，过号后30分钟内可凭此码重新排队"), A::Center)
               << PrintBlock::textLine(QStringLiteral("请妥善保管本票，凭票办理"), A::Center);
    return doc;
}

} // namespace hk
