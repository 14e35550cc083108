#pragma once

#include <QString>

namespace hk {

// Why a device could not do what it was asked (STYLE.md: one error enum per layer).
enum class DeviceError {
    Offline,      // not connected, port cannot be opened, or the printer reports offline
    Timeout,      // no (complete) reply within the deadline
    PaperOut,
    CoverOpen,
    CutterError,
    MechanicalError,
    BadReply,     // a reply that breaks the protocol
    WriteFailed,  // the transport failed part-way through a write
    Busy,         // another request is in flight and this one cannot wait
};

inline QString nameOf(DeviceError error)
{
    switch (error) {
    case DeviceError::Offline:
        return QStringLiteral("offline");
    case DeviceError::Timeout:
        return QStringLiteral("timeout");
    case DeviceError::PaperOut:
        return QStringLiteral("paper out");
    case DeviceError::CoverOpen:
        return QStringLiteral("cover open");
    case DeviceError::CutterError:
        return QStringLiteral("cutter error");
    case DeviceError::MechanicalError:
        return QStringLiteral("mechanical error");
    case DeviceError::BadReply:
        return QStringLiteral("bad reply");
    case DeviceError::WriteFailed:
        return QStringLiteral("write failed");
    case DeviceError::Busy:
        return QStringLiteral("busy");
    }
    return QStringLiteral("unknown");
}

} // namespace hk
