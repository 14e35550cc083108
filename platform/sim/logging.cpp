#include "platform/sim/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcSim, "hallkiosk.platform.sim")
} // namespace hk
