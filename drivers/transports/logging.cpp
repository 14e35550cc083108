#include "drivers/transports/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcTransport, "hallkiosk.drivers.transport")
} // namespace hk
