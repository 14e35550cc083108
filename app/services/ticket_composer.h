#pragma once

#include "app/ports/print_document.h"
#include "app/services/ticket_slip.h"

#include <QString>

namespace hk {

// Lays a ticket out for the printer: center, number in large type, group, people ahead, time, QR,
// footer. The QR carries `HK1:<center>:<ticket uuid>` or the platform's ticket URL (DESIGN §3).
class TicketComposer {
public:
    TicketComposer(QString centerId, QString centerName, QString ticketUrlTemplate = {});

    QString qrPayload(const QString &ticketId) const;
    PrintDocument compose(const TicketSlip &slip) const;
    void setCenterName(QString name) { m_centerName = std::move(name); }

private:
    QString m_centerId;
    QString m_centerName;
    QString m_ticketUrl;
};

} // namespace hk
