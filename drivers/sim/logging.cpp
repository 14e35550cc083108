#include "drivers/sim/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcSim, "hallkiosk.drivers.sim")
} // namespace hk
