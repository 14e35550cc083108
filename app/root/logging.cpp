#include "app/root/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcRoot, "hallkiosk.app")
} // namespace hk
