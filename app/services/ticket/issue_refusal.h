#pragma once

#include "app/ports/devices/device_error.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace hk {

// Why no ticket was issued. Nothing was stored and nothing printed.
struct IssueRefusal {
    enum class Reason {
        Closed,             // outside the issuing hours: see opensAt
        BookedOnly,         // a walk-in in the early/late hour, which serves booked matters only: see opensAt
        NotOnWeekend,       // a walk-in on a weekend day for a group with no weekend matter: see opensAt
        PrinterUnavailable, // the status check failed: see deviceError
        UnknownGroup,
        DailyCapReached,    // the group's tickets for today are all given out
        Busy,               // a ticket is being issued right now
        StoreFailure,
        BookingChanged,     // a booked ticket: the booking was checked in or lapsed meanwhile
    };
    Reason reason = Reason::StoreFailure;
    std::optional<DeviceError> deviceError;
    QString detail; // for the log
    // Closed, BookedOnly, NotOnWeekend: when these tickets are issued next, if ever.
    std::optional<QDateTime> opensAt = std::nullopt;
};

} // namespace hk

Q_DECLARE_METATYPE(hk::IssueRefusal)
