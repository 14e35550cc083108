#pragma once

#include "app/domain/queue/ticket.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace hk {

// What the citizen holds: everything the ticket screen and the printed ticket show.
struct TicketSlip {
    QString ticketId;
    QString number;
    TicketKind kind = TicketKind::WalkIn;
    QString groupCode;
    QString groupName;
    QString matterName;   // a booked ticket's matter, or the one the citizen chose
    QString slotText;     // a booked ticket's slot, center-local "09:00–10:00"
    QStringList materials; // a booked ticket's reminder of what to bring (一次性告知)
    int peopleAhead = 0;  // < 0: not known
    QDateTime issuedAt;   // instant
    QString issuedAtText; // center-local "2026-11-24 09:05"
    QString qrPayload;
    bool reprint = false; // printed again (补打): the ticket says so
};

} // namespace hk

Q_DECLARE_METATYPE(hk::TicketSlip)
