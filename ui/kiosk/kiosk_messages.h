#pragma once

#include "app/ports/device_error.h"

#include <QString>

namespace hk {

// What a citizen reads when a device stops the terminal: what happened, and what to do instead.
struct CitizenMessage {
    QString title;
    QString text;
};

CitizenMessage printerProblem(DeviceError error);
QString printFailureReason(DeviceError error);

} // namespace hk
