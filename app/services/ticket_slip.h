#pragma once

#include "app/domain/ticket.h"

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
    int peopleAhead = 0;  // < 0: not known (a reprint)
    QDateTime issuedAt;   // instant
    QString issuedAtText; // center-local "2026-11-24 09:05"
    QString qrPayload;
    // A booked ticket (C4) also says what was booked and what to bring (一次性告知).
    QString matterName;
    QString slotText;     // center-local "10:00–11:00"
    QStringList materials;
    bool reprint = false; // the one reprint C2 allows
};

} // namespace hk

Q_DECLARE_METATYPE(hk::TicketSlip)
