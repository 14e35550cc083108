#pragma once

#include "app/domain/queue/ticket.h"

#include <optional>

namespace hk {

// What can happen to a ticket, and from which states (DESIGN §3, States):
// waiting → called → (serving) → served, plus passed (过号), cancelled, expired.
enum class TicketAction {
    Call,     // waiting → called
    Recall,   // called → called, repeats the announcement (Q4, at most recallMax times)
    Start,    // called → serving: the citizen has arrived at the window
    Finish,   // called | serving → served
    Pass,     // called → passed (过号)
    Requeue,  // passed → waiting, within 30 minutes, by scanning the ticket (Q4)
    Transfer, // called | serving | waiting → waiting in another group, keeping its issue time
    Cancel,   // waiting → cancelled
    Expire,   // waiting | called | passed → expired, at day close
};

// The state an action leads to, or nullopt when it does not apply to that state.
std::optional<TicketState> afterAction(TicketState state, TicketAction action);

inline constexpr int kRequeueWindowMinutes = 30;
inline constexpr int kDefaultRecallMax = 3;

} // namespace hk
