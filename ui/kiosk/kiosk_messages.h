#pragma once

#include "app/ports/device_error.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hk {

// What a citizen reads when a device stops the terminal: what happened, and what to do instead.
struct CitizenMessage {
    QString title;
    QString text;
};

CitizenMessage printerProblem(DeviceError error);
QString printFailureReason(DeviceError error);
// Outside the issuing hours: when tickets are issued next, in the center's time, said the way a
// citizen says it (今天 / 明天 / a date with its weekday).
CitizenMessage hallClosed(const std::optional<QDateTime> &opensAtLocal, const QDate &today);

} // namespace hk
