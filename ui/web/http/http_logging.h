#pragma once

#include <QLoggingCategory>

namespace hk::http {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
}
