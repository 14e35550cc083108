#include "app/services/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcIssue, "hallkiosk.services.issue")
Q_LOGGING_CATEGORY(lcHelp, "hallkiosk.services.help")
Q_LOGGING_CATEGORY(lcHealth, "hallkiosk.services.health")
} // namespace hk
