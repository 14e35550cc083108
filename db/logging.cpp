#include "db/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcDb, "hallkiosk.db")
} // namespace hk
