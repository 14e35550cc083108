#pragma once

#include "app/ports/devices/device_error.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace hk {

// Why a reprint (补打) did not give the citizen a ticket.
struct ReprintError {
    enum class Reason {
        UnknownTicket,
        CitizenLimit,       // the citizen's one reprint at the terminal is used; staff can reprint
        NotFailed,          // the ticket printed: a citizen cannot reprint it, staff can
        Busy,               // a ticket is being issued or printed right now
        PrinterUnavailable, // the status check failed: nothing was printed, nothing counted
        PrintFailed,        // it went to the printer and failed again: counted, and in the audit log
        StoreFailure,
    };
    Reason reason = Reason::StoreFailure;
    std::optional<DeviceError> deviceError;
    QString detail; // for the log
};

} // namespace hk

Q_DECLARE_METATYPE(hk::ReprintError)
