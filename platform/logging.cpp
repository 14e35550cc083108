#include "platform/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcPlatform, "hallkiosk.platform")
} // namespace hk
