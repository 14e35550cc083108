#include "app/ports/hall_channel.h"

#include <array>
#include <utility>

namespace hk {

namespace {

constexpr std::array<std::pair<HallNotice::Kind, const char *>, 5> kKinds{{
    {HallNotice::Kind::Window, "window"},
    {HallNotice::Kind::Queue, "queue"},
    {HallNotice::Kind::Help, "help"},
    {HallNotice::Kind::HelpTaken, "help_taken"},
    {HallNotice::Kind::Refresh, "refresh"},
}};

constexpr std::array<std::pair<HallNotice::Effect, const char *>, 4> kEffects{{
    {HallNotice::Effect::Quiet, "quiet"},
    {HallNotice::Effect::Call, "call"},
    {HallNotice::Effect::Recall, "recall"},
    {HallNotice::Effect::Finish, "finish"},
}};

} // namespace

QString nameOf(HallNotice::Kind kind)
{
    for (const auto &[k, name] : kKinds) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

QString nameOf(HallNotice::Effect effect)
{
    for (const auto &[e, name] : kEffects) {
        if (e == effect)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<HallNotice::Kind> hallNoticeKindFromString(const QString &name)
{
    for (const auto &[k, n] : kKinds) {
        if (name == QLatin1String(n))
            return k;
    }
    return std::nullopt;
}

std::optional<HallNotice::Effect> hallNoticeEffectFromString(const QString &name)
{
    for (const auto &[e, n] : kEffects) {
        if (name == QLatin1String(n))
            return e;
    }
    return std::nullopt;
}

} // namespace hk
