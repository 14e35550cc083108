#include "app/ports/devices/window_bus.h"

namespace hk {

QString nameOf(CallerKey key)
{
    switch (key) {
    case CallerKey::CallNext:
        return QStringLiteral("call_next");
    case CallerKey::Recall:
        return QStringLiteral("recall");
    case CallerKey::Pass:
        return QStringLiteral("pass");
    case CallerKey::Finish:
        return QStringLiteral("finish");
    case CallerKey::Pause:
        return QStringLiteral("pause");
    case CallerKey::Resume:
        return QStringLiteral("resume");
    case CallerKey::BookingMode:
        return QStringLiteral("booking");
    case CallerKey::NormalMode:
        return QStringLiteral("normal");
    }
    return QStringLiteral("unknown");
}

std::optional<CallerKey> callerKeyFromString(const QString &name)
{
    for (int k = 1; k <= 8; ++k) {
        if (nameOf(static_cast<CallerKey>(k)) == name)
            return static_cast<CallerKey>(k);
    }
    return std::nullopt;
}

QString nameOf(WindowDeviceState::Role role)
{
    switch (role) {
    case WindowDeviceState::Role::Board:
        return QStringLiteral("board");
    case WindowDeviceState::Role::Caller:
        return QStringLiteral("caller");
    case WindowDeviceState::Role::Evaluator:
        return QStringLiteral("evaluator");
    }
    return QStringLiteral("board");
}

} // namespace hk
