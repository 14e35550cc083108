#pragma once

#include "app/domain/queue/ticket.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk {

enum class WindowMode { Normal, Booking, Paused };

std::string_view nameOf(WindowMode mode); // "normal" | "booking" | "paused"
std::optional<WindowMode> windowModeFromString(std::string_view text);

// A waiting ticket as the calling policy sees it. Times are seconds on one scale the caller
// chooses (the store uses Unix seconds); the policy only compares them.
struct QueuedTicket {
    std::string id;
    std::string groupCode;
    TicketKind kind = TicketKind::WalkIn;
    int sequence = 0;                    // its number within its series, the last tie-break
    double queueKey = 0;                 // place in the arrival order (issue time, or a re-queue place)
    std::optional<long long> priorityAt; // booked: from when it is served before walk-ins (C4)
};

// How a window in normal mode chooses (Q2): booked first (the default), booked first but one
// walk-in after every N booked calls in a row, or plain arrival order (for comparison).
struct CallingPolicy {
    enum class Kind { BookedFirst, Interleave, Fifo };
    Kind kind = Kind::BookedFirst;
    int interleaveEvery = 0;     // N of interleave:N
    bool bookingFallback = true; // Q3: a window in 预约办理 mode with no booked ticket calls normally

    static std::optional<CallingPolicy> parse(std::string_view text); // booked_first | interleave:N | fifo
    std::string toString() const;
};

struct CallChoice {
    std::string ticketId;
    bool asBooked = false; // chosen for its booked priority (counts towards interleave:N)
};

struct WindowCallState {
    WindowMode mode = WindowMode::Normal;
    int bookedStreak = 0; // booked calls in a row at this window, for interleave:N
};

// Q1–Q4: which waiting ticket a window calls next, if any. `waiting` holds the waiting tickets of
// the groups the window serves (Q1); `now` is on the same scale as the tickets' times.
std::optional<CallChoice> chooseNext(const CallingPolicy &policy, const WindowCallState &window,
                                     const std::vector<QueuedTicket> &waiting, long long now);

// The booked streak after a call.
int nextBookedStreak(int streak, const CallChoice &choice);

// Q4: the queue key that puts a re-queued ticket `places` places behind the head of its group's
// waiting tickets, given their keys in queue order; at the end when fewer are waiting.
double requeueKey(const std::vector<double> &groupKeysInOrder, double now, int places = 3);

} // namespace hk
