#include "app/services/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcIssue, "hallkiosk.services.issue")
Q_LOGGING_CATEGORY(lcHelp, "hallkiosk.services.help")
Q_LOGGING_CATEGORY(lcHealth, "hallkiosk.services.health")
Q_LOGGING_CATEGORY(lcQueue, "hallkiosk.services.queue")
Q_LOGGING_CATEGORY(lcDay, "hallkiosk.services.day")
Q_LOGGING_CATEGORY(lcStaff, "hallkiosk.services.staff")
Q_LOGGING_CATEGORY(lcRating, "hallkiosk.services.rating")
Q_LOGGING_CATEGORY(lcVoice, "hallkiosk.services.voice")
Q_LOGGING_CATEGORY(lcWindows, "hallkiosk.services.windows")
Q_LOGGING_CATEGORY(lcSync, "hallkiosk.services.sync")
Q_LOGGING_CATEGORY(lcCheckIn, "hallkiosk.services.checkin")
Q_LOGGING_CATEGORY(lcMaintenance, "hallkiosk.services.maintenance")
Q_LOGGING_CATEGORY(lcAudit, "hallkiosk.services.audit")
} // namespace hk
