#include "app/services/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcIssue, "hallkiosk.services.issue")
Q_LOGGING_CATEGORY(lcHelp, "hallkiosk.services.help")
Q_LOGGING_CATEGORY(lcHealth, "hallkiosk.services.health")
Q_LOGGING_CATEGORY(lcQueue, "hallkiosk.services.queue")
Q_LOGGING_CATEGORY(lcDay, "hallkiosk.services.day")
Q_LOGGING_CATEGORY(lcCheckIn, "hallkiosk.services.checkin")
} // namespace hk
