#pragma once

#include <QLoggingCategory>

namespace hk {
Q_DECLARE_LOGGING_CATEGORY(lcIssue)
Q_DECLARE_LOGGING_CATEGORY(lcHelp)
Q_DECLARE_LOGGING_CATEGORY(lcHealth)
Q_DECLARE_LOGGING_CATEGORY(lcQueue)
Q_DECLARE_LOGGING_CATEGORY(lcDay)
Q_DECLARE_LOGGING_CATEGORY(lcStaff)
Q_DECLARE_LOGGING_CATEGORY(lcRating)
Q_DECLARE_LOGGING_CATEGORY(lcVoice)
Q_DECLARE_LOGGING_CATEGORY(lcWindows)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcCheckIn)
Q_DECLARE_LOGGING_CATEGORY(lcMaintenance)
Q_DECLARE_LOGGING_CATEGORY(lcAudit)
} // namespace hk

#include <QString>

namespace hk {
// Text a client sent (a staff id, a ticket number, a header), made safe for one log line: control
// characters (C0, DEL, C1, U+2028/2029) become `\n`, `\t`, `\r`, `\e` or `\xNN`/`\uNNNN`, and the
// backslash itself `\\`, so no client can forge a line or colour a terminal (DESIGN §16). At most
// `maxLength` characters are kept, the cut marked with `…`.
QString escapedForLog(const QString &clientText, qsizetype maxLength = 80);
} // namespace hk
