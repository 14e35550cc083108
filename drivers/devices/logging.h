#pragma once

#include <QLoggingCategory>

namespace hk {
Q_DECLARE_LOGGING_CATEGORY(lcPrinter)
Q_DECLARE_LOGGING_CATEGORY(lcHallbus)
Q_DECLARE_LOGGING_CATEGORY(lcSpeaker)
Q_DECLARE_LOGGING_CATEGORY(lcIdCard)
Q_DECLARE_LOGGING_CATEGORY(lcScanner)
} // namespace hk
