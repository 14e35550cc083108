#include "app/domain/queue/ticket.h"

#include <array>
#include <cstdio>
#include <utility>

namespace hk {
namespace {

constexpr std::array kKindNames{std::pair{TicketKind::WalkIn, std::string_view("walkin")},
                                std::pair{TicketKind::Booked, std::string_view("booked")}};

constexpr std::array kStateNames{std::pair{TicketState::Waiting, std::string_view("waiting")},
                                 std::pair{TicketState::Called, std::string_view("called")},
                                 std::pair{TicketState::Serving, std::string_view("serving")},
                                 std::pair{TicketState::Served, std::string_view("served")},
                                 std::pair{TicketState::Passed, std::string_view("passed")},
                                 std::pair{TicketState::Cancelled, std::string_view("cancelled")},
                                 std::pair{TicketState::Expired, std::string_view("expired")}};

constexpr std::array kPrintNames{std::pair{PrintState::Pending, std::string_view("pending")},
                                 std::pair{PrintState::Printed, std::string_view("printed")},
                                 std::pair{PrintState::PrintFailed, std::string_view("print_failed")}};

template <typename Table, typename Enum> std::string_view lookupName(const Table &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return name;
    }
    return {};
}

template <typename Table>
auto valueOf(const Table &table, std::string_view text)
    -> std::optional<typename Table::value_type::first_type>
{
    for (const auto &[v, name] : table) {
        if (name == text)
            return v;
    }
    return std::nullopt;
}

} // namespace

std::string_view nameOf(TicketKind kind) { return lookupName(kKindNames, kind); }
std::string_view nameOf(TicketState state) { return lookupName(kStateNames, state); }
std::string_view nameOf(PrintState state) { return lookupName(kPrintNames, state); }

std::optional<TicketKind> ticketKindFromString(std::string_view text)
{
    return valueOf(kKindNames, text);
}
std::optional<TicketState> ticketStateFromString(std::string_view text)
{
    return valueOf(kStateNames, text);
}
std::optional<PrintState> printStateFromString(std::string_view text)
{
    return valueOf(kPrintNames, text);
}

std::string formatTicketNumber(char prefix, int sequence)
{
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%c%03d", prefix, sequence);
    return buffer;
}

std::string formatOfflineTicketNumber(char prefix, int terminalIndex, int sequence)
{
    return offlineSeries(prefix, terminalIndex) + formatTicketNumber(prefix, sequence).substr(1);
}

std::string offlineSeries(char prefix, int terminalIndex)
{
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%c%d-", prefix, terminalIndex);
    return buffer;
}

} // namespace hk
