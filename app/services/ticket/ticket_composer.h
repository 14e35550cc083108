#pragma once

#include "app/ports/devices/print_document.h"
#include "app/ports/stores/queue_store.h"
#include "app/services/catalog_service.h"
#include "app/services/ticket/ticket_slip.h"
#include "app/services/ticket/ticket_template.h"

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
    // What a ticket says, on the screen and on paper: its number, group, time and QR, over `draft`
    // (what a booked ticket says besides: matter, slot, materials). Names and time from `catalog`.
    TicketSlip slip(const IssuedTicket &ticket, const CatalogService &catalog, TicketSlip draft = {}) const;
    // The same for a ticket read back from the store; `peopleAhead` < 0: not known.
    TicketSlip slip(const TicketRecord &ticket, int peopleAhead, const CatalogService &catalog, TicketSlip draft = {}) const;
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
