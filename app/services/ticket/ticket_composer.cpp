#include "app/services/ticket/ticket_composer.h"

#include <QCoreApplication>

namespace hk {

TicketComposer::TicketComposer(QString centerId, QString centerName, QString ticketUrlTemplate, TicketTemplate layout,
                               MonoImage logo)
    : m_centerId(std::move(centerId))
    , m_centerName(std::move(centerName))
    , m_ticketUrl(std::move(ticketUrlTemplate))
    , m_layout(std::move(layout))
    , m_logo(std::move(logo))
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

TicketSlip TicketComposer::slip(const IssuedTicket &ticket, const CatalogService &catalog, TicketSlip draft) const
{
    draft.ticketId = ticket.id;
    draft.number = ticket.number;
    draft.kind = ticket.kind;
    draft.groupCode = ticket.groupCode;
    draft.groupName = catalog.groupName(ticket.groupCode);
    draft.peopleAhead = ticket.peopleAhead;
    draft.issuedAt = ticket.issuedAt;
    draft.issuedAtText = catalog.centerTime().toLocal(ticket.issuedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    draft.qrPayload = qrPayload(ticket.id);
    return draft;
}

TicketSlip TicketComposer::slip(const TicketRecord &ticket, int peopleAhead, const CatalogService &catalog,
                                TicketSlip draft) const
{
    IssuedTicket issued;
    issued.id = ticket.id;
    issued.number = ticket.number;
    issued.kind = ticket.kind;
    issued.groupCode = ticket.groupCode;
    issued.issuedAt = ticket.issuedAt;
    issued.peopleAhead = peopleAhead;
    return slip(issued, catalog, std::move(draft));
}

PrintDocument TicketComposer::compose(const TicketSlip &slip) const
{
    const auto holds = [&slip](const QString &when) {
        if (when.isEmpty())
            return true;
        if (when == QLatin1String("booked"))
            return slip.kind == TicketKind::Booked;
        if (when == QLatin1String("walkin"))
            return slip.kind == TicketKind::WalkIn;
        if (when == QLatin1String("matter"))
            return !slip.matterName.isEmpty();
        if (when == QLatin1String("slot"))
            return !slip.slotText.isEmpty();
        if (when == QLatin1String("materials"))
            return !slip.materials.isEmpty();
        if (when == QLatin1String("ahead"))
            return slip.peopleAhead >= 0;
        if (when == QLatin1String("reprint"))
            return slip.reprint;
        return false;
    };
    const auto fill = [this, &slip](QString text) {
        text.replace(QLatin1String("{center}"), m_centerName);
        text.replace(QLatin1String("{number}"), slip.number);
        text.replace(QLatin1String("{group}"), slip.groupName);
        text.replace(QLatin1String("{matter}"), slip.matterName);
        text.replace(QLatin1String("{ahead}"), QString::number(slip.peopleAhead));
        text.replace(QLatin1String("{slot}"), slip.slotText);
        text.replace(QLatin1String("{time}"), slip.issuedAtText);
        text.replace(QLatin1String("{materials}"), slip.materials.join(QCoreApplication::translate("TicketText", "、")));
        return text;
    };

    PrintDocument doc;
    doc.title = QStringLiteral("ticket %1").arg(slip.number);
    doc.key = slip.ticketId;
    for (const TicketTemplate::Block &b : m_layout.blocks) {
        if (!holds(b.when))
            continue;
        switch (b.kind) {
        case TicketTemplate::Block::Kind::Text:
            // The citizen's language (DESIGN §14): a known text in English while English is on.
            if (const QString text = fill(QCoreApplication::translate("TicketText", b.text.toUtf8().constData()));
                !text.trimmed().isEmpty())
                doc.blocks << PrintBlock::textLine(text, b.align, b.size, b.bold);
            break;
        case TicketTemplate::Block::Kind::Qr:
            doc.blocks << PrintBlock::qr(slip.qrPayload.toUtf8());
            break;
        case TicketTemplate::Block::Kind::Feed:
            doc.blocks << PrintBlock::feed(b.lines);
            break;
        case TicketTemplate::Block::Kind::Logo:
            if (!m_logo.isNull())
                doc.blocks << PrintBlock::picture(m_logo, b.align);
            break;
        }
    }
    return doc;
}

} // namespace hk
