#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hk {

enum class TicketKind { WalkIn, Booked };

// The queue state (DESIGN §3). The print state is kept beside it, never folded into it.
enum class TicketState { Waiting, Called, Serving, Served, Passed, Cancelled, Expired };

enum class PrintState { Pending, Printed, PrintFailed };

std::string_view nameOf(TicketKind kind);     // "walkin" | "booked"
std::string_view nameOf(TicketState state);   // "waiting" | "called" | …
std::string_view nameOf(PrintState state);    // "pending" | "printed" | "print_failed"
std::optional<TicketKind> ticketKindFromString(std::string_view text);
std::optional<TicketState> ticketStateFromString(std::string_view text);
std::optional<PrintState> printStateFromString(std::string_view text);

// "A001" … "A999", "A1000" …: the prefix letter and at least three digits (DESIGN §3, Tickets).
std::string formatTicketNumber(char prefix, int sequence);

} // namespace hk
