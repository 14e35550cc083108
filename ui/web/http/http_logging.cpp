#include "ui/web/http/http_logging.h"

namespace hk::http {
Q_LOGGING_CATEGORY(lcHttp, "hallkiosk.ui.web.http")
}
