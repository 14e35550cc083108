#pragma once

#include <QLoggingCategory>

namespace hk {
Q_DECLARE_LOGGING_CATEGORY(lcSim)
} // namespace hk
