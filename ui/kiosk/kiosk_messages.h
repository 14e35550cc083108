#pragma once

#include "app/ports/devices/device_error.h"
#include "app/domain/complexity.h"
#include "app/services/checkin/check_in_problem.h"
#include "app/services/ticket/ticket_lookup_service.h"
#include "app/services/ticket/issue_refusal.h"
#include "app/services/ticket/reprint_error.h"

#include <QDateTime>
#include <QList>
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
// Why a tap on a group gave no ticket. `opensAtLocal` (Closed) is when tickets are issued next, in the
// center's time. Busy has nothing to say: the first tap's ticket is printing.
CitizenMessage issueRefused(const IssueRefusal &refusal, const std::optional<QDateTime> &opensAtLocal, const QDate &today);
// Under a print-failed ticket, when 补打 gave no ticket either.
QString reprintRefused(const ReprintError &error);
// While the ticket prints.
CitizenMessage ticketPrinting();
// 帮办: whether the request reached the staff.
CitizenMessage helpAnswer(bool sent);
// Home, when this terminal has no printer at all.
CitizenMessage noPrinterHere();
// Home: how a booked citizen checks in with the devices that work now (empty: neither works).
QString checkInHint(bool scanner, bool cardReader);
// The notice's button when a lapsed booking can become a walk-in ticket.
QString walkInInstead(const QString &groupName);
// Home, when groups' expected waits pass their targets (seed 000 "做好解释工作"): a calm line that
// names them and, for one group, about how long; empty when no group's wait passes its target.
struct LongWait {
    QString groupName;
    int minutes = 0;
};
QString longWaitNotice(const QList<LongWait> &waits);
// 办事指南: how involved a matter is, and whether and how it can be booked, in a citizen's words.
QString complexityText(Complexity complexity);
QString bookingHint(bool bookable, bool weekend);
// Under 打印材料清单: printed, or why not — the list stays on the screen.
QString materialsPrinted();
QString materialsNotPrinted(DeviceError error);
// 排队查询: a ticket's state in one line to check (≥ 60 px) and what to do, in plain words.
struct TicketStatusWords {
    QString state;
    QString detail;
};
TicketStatusWords ticketStatusWords(const TicketStatus &status);
// Why a scanned ticket shows no status, or a re-queue did not happen.
CitizenMessage ticketLookupProblem(const TicketLookupProblem &problem, const QDate &today);
QString requeueRefused(const TicketLookupProblem &problem);
// "今天 10:30", "明天（11月25日 星期三）", "11月27日 星期五": a day the way a citizen says it.
QString citizenDay(const QDate &day, const QDate &today);

} // namespace hk
