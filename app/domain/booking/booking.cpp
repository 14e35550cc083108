#include "app/domain/booking/booking.h"

#include <array>
#include <utility>

namespace hk {
namespace {

constexpr std::array<std::pair<BookingState, std::string_view>, 6> kStates{{
    {BookingState::Booked, "booked"},
    {BookingState::Cancelled, "cancelled"},
    {BookingState::CheckedIn, "checked_in"},
    {BookingState::Served, "served"},
    {BookingState::NoShow, "no_show"},
    {BookingState::Forfeited, "forfeited"},
}};

} // namespace

std::string_view nameOf(BookingState state)
{
    for (const auto &[s, name] : kStates) {
        if (s == state)
            return name;
    }
    return "booked";
}

std::optional<BookingState> bookingStateFromString(std::string_view text)
{
    for (const auto &[s, name] : kStates) {
        if (text == name)
            return s;
    }
    return std::nullopt;
}

std::string_view nameOf(BookingChannel channel)
{
    switch (channel) {
    case BookingChannel::Onsite:
        return "onsite";
    case BookingChannel::Phone:
        return "phone";
    case BookingChannel::Online:
        return "online";
    }
    return "online";
}

std::optional<BookingChannel> bookingChannelFromString(std::string_view text)
{
    if (text == "onsite")
        return BookingChannel::Onsite;
    if (text == "phone")
        return BookingChannel::Phone;
    if (text == "online" || text == "terminal" || text == "web" || text == "app" || text == "mini_program")
        return BookingChannel::Online;
    return std::nullopt;
}

} // namespace hk
