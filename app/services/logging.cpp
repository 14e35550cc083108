#include "app/services/logging.h"

namespace hk {
Q_LOGGING_CATEGORY(lcIssue, "hallkiosk.services.issue")
Q_LOGGING_CATEGORY(lcHelp, "hallkiosk.services.help")
Q_LOGGING_CATEGORY(lcHealth, "hallkiosk.services.health")
Q_LOGGING_CATEGORY(lcQueue, "hallkiosk.services.queue")
Q_LOGGING_CATEGORY(lcDay, "hallkiosk.services.day")
Q_LOGGING_CATEGORY(lcStaff, "hallkiosk.services.staff")
Q_LOGGING_CATEGORY(lcRating, "hallkiosk.services.rating")
Q_LOGGING_CATEGORY(lcVoice, "hallkiosk.services.voice")
Q_LOGGING_CATEGORY(lcWindows, "hallkiosk.services.windows")
Q_LOGGING_CATEGORY(lcSync, "hallkiosk.services.sync")
Q_LOGGING_CATEGORY(lcCheckIn, "hallkiosk.services.checkin")
Q_LOGGING_CATEGORY(lcMaintenance, "hallkiosk.services.maintenance")
Q_LOGGING_CATEGORY(lcAudit, "hallkiosk.services.audit")
} // namespace hk

namespace hk {

QString escapedForLog(const QString &clientText, qsizetype maxLength)
{
    QString out;
    out.reserve(std::min(clientText.size(), maxLength) + 8);
    qsizetype kept = 0;
    for (const QChar c : clientText) {
        if (kept == maxLength) {
            out += QChar(0x2026);
            break;
        }
        ++kept;
        const char16_t u = c.unicode();
        switch (u) {
        case u'\\':
            out += QLatin1String("\\\\");
            continue;
        case u'\n':
            out += QLatin1String("\\n");
            continue;
        case u'\r':
            out += QLatin1String("\\r");
            continue;
        case u'\t':
            out += QLatin1String("\\t");
            continue;
        case 0x1b:
            out += QLatin1String("\\e");
            continue;
        default:
            break;
        }
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f))
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        else if (u == 0x2028 || u == 0x2029 || u == 0x200e || u == 0x200f || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069))
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace hk
