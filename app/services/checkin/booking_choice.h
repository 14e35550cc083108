#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace hk {

// An ID card that matches several of today's bookings: the citizen picks one (DESIGN §1, few steps).
struct BookingOption {
    QString bookingId;
    QString matterName;
    QString groupName;
    QString slotText; // center-local "10:00–11:00"
};

struct BookingChoice {
    QString holderMasked; // "张*": the only trace of the card on screen
    QList<BookingOption> options;
};

} // namespace hk

Q_DECLARE_METATYPE(hk::BookingChoice)
