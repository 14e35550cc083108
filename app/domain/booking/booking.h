#pragma once

#include <optional>
#include <string_view>

namespace hk {

// A booking's life on the platform and in the terminal's cache (DESIGN §6, bookings).
enum class BookingState { Booked, Cancelled, CheckedIn, Served, NoShow, Forfeited };

// B1: where a booking was made. The terminal, web, app and mini-program are all `online`.
enum class BookingChannel { Onsite, Phone, Online };

std::string_view nameOf(BookingState state); // booked | cancelled | checked_in | served | no_show | forfeited
std::optional<BookingState> bookingStateFromString(std::string_view text);
std::string_view nameOf(BookingChannel channel); // onsite | phone | online
// "terminal", "web", "app" and "mini_program" are online channels too (B1).
std::optional<BookingChannel> bookingChannelFromString(std::string_view text);

// B6: a booking that lapsed counts as 爽约, whether the terminal noticed the time passing
// (no_show) or the citizen scanned too late (forfeited) — never both, so each counts once.
inline bool isMissed(BookingState state)
{
    return state == BookingState::NoShow || state == BookingState::Forfeited;
}

} // namespace hk
