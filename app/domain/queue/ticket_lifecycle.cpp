#include "app/domain/queue/ticket_lifecycle.h"

namespace hk {

std::optional<TicketState> afterAction(TicketState s, TicketAction action)
{
    using S = TicketState;
    switch (action) {
    case TicketAction::Call:
        return s == S::Waiting ? std::optional(S::Called) : std::nullopt;
    case TicketAction::Recall:
        return s == S::Called ? std::optional(S::Called) : std::nullopt;
    case TicketAction::Start:
        return s == S::Called ? std::optional(S::Serving) : std::nullopt;
    case TicketAction::Finish:
        return s == S::Called || s == S::Serving ? std::optional(S::Served) : std::nullopt;
    case TicketAction::Pass:
        return s == S::Called ? std::optional(S::Passed) : std::nullopt;
    case TicketAction::Requeue:
        return s == S::Passed ? std::optional(S::Waiting) : std::nullopt;
    case TicketAction::Transfer:
        return s == S::Waiting || s == S::Called || s == S::Serving ? std::optional(S::Waiting) : std::nullopt;
    case TicketAction::Cancel:
        return s == S::Waiting ? std::optional(S::Cancelled) : std::nullopt;
    case TicketAction::Expire:
        return s == S::Waiting || s == S::Called || s == S::Passed ? std::optional(S::Expired) : std::nullopt;
    }
    return std::nullopt;
}

} // namespace hk
