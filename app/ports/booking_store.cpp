#include "app/ports/booking_store.h"

#include <array>
#include <utility>

namespace hk {
namespace {

const std::array<std::pair<BookingState, const char *>, 6> kNames{{
    {BookingState::Booked, "booked"},
    {BookingState::Cancelled, "cancelled"},
    {BookingState::CheckedIn, "checked_in"},
    {BookingState::Served, "served"},
    {BookingState::NoShow, "no_show"},
    {BookingState::Forfeited, "forfeited"},
}};

} // namespace

QString nameOf(BookingState state)
{
    for (const auto &[s, name] : kNames) {
        if (s == state)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("booked");
}

std::optional<BookingState> bookingStateFromString(const QString &text)
{
    for (const auto &[s, name] : kNames) {
        if (text == QLatin1String(name))
            return s;
    }
    return std::nullopt;
}

} // namespace hk
