#pragma once

#include <QLoggingCategory>

namespace hk {
Q_DECLARE_LOGGING_CATEGORY(lcIssue)
Q_DECLARE_LOGGING_CATEGORY(lcHelp)
Q_DECLARE_LOGGING_CATEGORY(lcHealth)
Q_DECLARE_LOGGING_CATEGORY(lcQueue)
Q_DECLARE_LOGGING_CATEGORY(lcDay)
} // namespace hk
