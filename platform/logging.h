#pragma once

#include <QLoggingCategory>

namespace hk {
Q_DECLARE_LOGGING_CATEGORY(lcPlatform)
} // namespace hk
