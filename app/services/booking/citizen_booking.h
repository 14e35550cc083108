#pragma once

#include "app/domain/time/civil_date.h"
#include "app/ports/devices/device_error.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace hk {

// What the citizen's booking screens offer and what a booking slip says (DESIGN §14). Nothing here
// holds an ID number or a name: the slip carries the masked phone and the platform's QR token.

struct DayOffer {
    CivilDate date;
    int openSlots = 0; // slots of that day with places left, far enough ahead to book (B2)
};

struct SlotOffer {
    QDateTime start; // center-local
    QDateTime end;
    int placesLeft = 0;
};

struct BookingSlip {
    QString bookingId;
    QString centerName;
    QString matterName;
    QString groupName;
    QString dateText;  // 2026年12月3日 星期四
    QString slotText;  // 09:00–10:00
    QString hallAddress;
    QStringList materials;
    QString qrToken;   // YY1.… as the platform signed it
    QString phoneMasked;
    QString checkInRule; // C1 in words
    QString cancelRule;  // B4 in words
    bool cancelled = false; // a cancel confirmation rather than a booking slip
};

// One of the citizen's bookings the cancel screen lists (from the cache).
struct CitizenBooking {
    QString bookingId;
    QString matterName;
    QString dateText;
    QString slotText;
    QDateTime slotStart; // center-local
    bool cancellable = true; // B4: ≥ cancel_lead_minutes ahead
};

// The end of a booking or a cancel: what the slip says, and whether it printed.
struct SlipOutcome {
    BookingSlip slip;
    std::optional<DeviceError> printError; // none: printed whole
};

} // namespace hk

Q_DECLARE_METATYPE(hk::SlipOutcome)
