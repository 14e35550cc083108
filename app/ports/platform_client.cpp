#include "app/ports/platform_client.h"

namespace hk {

QString nameOf(PlatformError::Kind kind)
{
    switch (kind) {
    case PlatformError::Kind::Network:
        return QStringLiteral("network");
    case PlatformError::Kind::Timeout:
        return QStringLiteral("timeout");
    case PlatformError::Kind::Server:
        return QStringLiteral("server error");
    case PlatformError::Kind::BadResponse:
        return QStringLiteral("bad response");
    case PlatformError::Kind::ClockSkew:
        return QStringLiteral("clock skew");
    case PlatformError::Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case PlatformError::Kind::Refused:
        return QStringLiteral("refused");
    case PlatformError::Kind::NotFound:
        return QStringLiteral("not found");
    }
    return QStringLiteral("unknown");
}

QString describe(const PlatformError &error)
{
    QString text = nameOf(error.kind);
    if (error.httpStatus)
        text += QStringLiteral(" (HTTP %1)").arg(error.httpStatus);
    if (!error.code.isEmpty())
        text += QStringLiteral(" %1").arg(error.code);
    if (!error.message.isEmpty())
        text += QStringLiteral(": %1").arg(error.message);
    return text;
}

} // namespace hk
