#include "drivers/devices/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcPrinter, "hallkiosk.drivers.printer")
Q_LOGGING_CATEGORY(lcHallbus, "hallkiosk.drivers.hallbus")
Q_LOGGING_CATEGORY(lcSpeaker, "hallkiosk.drivers.voice")
Q_LOGGING_CATEGORY(lcIdCard, "hallkiosk.drivers.idcard")
Q_LOGGING_CATEGORY(lcScanner, "hallkiosk.drivers.scanner")
} // namespace hk
