#include "ui/web/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcWeb, "hallkiosk.ui.web")
} // namespace hk
