#pragma once

#include "app/ports/devices/device_error.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace hk {

// What a device reports upward and what GET /api/v1/health shows (DESIGN §7).
struct DeviceHealth {
    enum class State { Ok, Warning, Error, Offline, Absent };
    State state = State::Absent;
    QString detail; // for technicians, English, never personal data
    std::optional<DeviceError> error; // why it cannot work, when it cannot

    friend bool operator==(const DeviceHealth &, const DeviceHealth &) = default;
};

inline QString nameOf(DeviceHealth::State state)
{
    switch (state) {
    case DeviceHealth::State::Ok:
        return QStringLiteral("ok");
    case DeviceHealth::State::Warning:
        return QStringLiteral("warning");
    case DeviceHealth::State::Error:
        return QStringLiteral("error");
    case DeviceHealth::State::Offline:
        return QStringLiteral("offline");
    case DeviceHealth::State::Absent:
        return QStringLiteral("absent");
    }
    return QStringLiteral("absent");
}

} // namespace hk

Q_DECLARE_METATYPE(hk::DeviceHealth)
