#pragma once

#include "app/ports/print_document.h"
#include "app/services/ticket_slip.h"
#include "app/services/ticket_template.h"

#include <QString>

namespace hk {

// Lays a ticket out for the printer from the ticket template (TicketTemplate): center, number in
// large type, group and matter, people ahead, booking slot, time, QR, footer. The QR carries
// `HK1:<center>:<ticket uuid>` or the platform's ticket URL (DESIGN §3).
class TicketComposer {
public:
    TicketComposer(QString centerId, QString centerName, QString ticketUrlTemplate = {},
                   TicketTemplate layout = TicketTemplate::standard(), MonoImage logo = {});

    QString qrPayload(const QString &ticketId) const;
    PrintDocument compose(const TicketSlip &slip) const;
    void setCenterName(QString name) { m_centerName = std::move(name); }

private:
    QString m_centerId;
    QString m_centerName;
    QString m_ticketUrl;
    TicketTemplate m_layout;
    MonoImage m_logo;
};

} // namespace hk
