#include "drivers/devices/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcPrinter, "hallkiosk.drivers.printer")
} // namespace hk
