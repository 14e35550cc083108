#pragma once

#include "app/ports/devices/window_bus.h"
#include "app/ports/stores/complaint_store.h"
#include "app/services/hall/queue_overview_service.h"
#include "app/services/hall/rating_service.h"
#include "app/services/help_service.h"
#include "app/services/queue_service.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

#include <optional>

namespace hk {

// The shapes of DESIGN §7: window state, GET /queue, the WebSocket frames. `ticket` is the number
// people see ("Y003"); `ticket_id` the ticket's UUID, as the platform events carry it.
namespace consoleJson {

QString text(std::string_view s);

QJsonObject windowState(const WindowState &state, const QString &name, const std::optional<RatableTicket> &awaitingRating,
                        const QList<WindowDeviceState> &devices);
QJsonObject queue(const QueueOverview &overview, const QList<HelpRequest> &help);
QJsonObject calledFrame(const CallAnnouncement &call);
QJsonObject calledFrame(const RecentCall &call, const QString &windowName); // a replay for a new display
QJsonObject helpFrame(const HelpRequest &request);
QJsonObject rating(const RatingRecord &rating);
// A 差评 case (DESIGN §13): times ISO 8601 with the center's offset, dues the last day each step
// is on time ("YYYY-MM-DD"), plus its `state` (open|closed) and whether it is `overdue`.
QJsonObject complaint(const ComplaintRecord &c, bool overdue, const QTimeZone &zone);

} // namespace consoleJson
} // namespace hk
