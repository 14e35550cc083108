#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace hk {

// An ID card that matches several of today's bookings: the citizen picks one (DESIGN §1, few steps).
// A booking already checked in is offered as its ticket, to see again and reprint once (C2).
struct BookingOption {
    QString bookingId;
    QString matterName;
    QString groupName;
    QString slotText;     // center-local "10:00–11:00"
    QString ticketNumber; // checked in: its ticket ("Y001"), when this hall's queue holds it
    bool checkedIn = false; // true: tapping it shows its ticket; false: tapping it checks in now
};

struct BookingChoice {
    QString holderMasked; // "张*": the only trace of the card on screen
    QList<BookingOption> options;
};

} // namespace hk

Q_DECLARE_METATYPE(hk::BookingChoice)
