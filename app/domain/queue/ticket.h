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

// A hall terminal's offline series (DESIGN §11, "Losing the database"): the prefix, the terminal's
// `hall.index` (1–9), a hyphen and at least three digits — "A2-001" … "A2-999", "A2-1000" —
// never mistaken for a live number of the hall ("A001").
std::string formatOfflineTicketNumber(char prefix, int terminalIndex, int sequence);
// The number series an offline number is counted in, and kept under in the hall after its merge:
// "A2-", distinct from the hall's own "A", so the two never meet in `UNIQUE (day, series, seq)`.
std::string offlineSeries(char prefix, int terminalIndex);
inline constexpr int kMinTerminalIndex = 1;
inline constexpr int kMaxTerminalIndex = 9;

} // namespace hk
