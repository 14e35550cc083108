#pragma once

#include "app/ports/device_error.h"
#include "app/services/check_in_problem.h"

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
// Why a scan or a card gave no ticket, and what to do instead (DESIGN §3, C1–C3).
CitizenMessage checkInProblem(const CheckInProblem &problem, const QDate &today);
// "今天 10:30", "明天（11月25日 星期三）", "11月27日 星期五": a day the way a citizen says it.
QString citizenDay(const QDate &day, const QDate &today);

} // namespace hk
