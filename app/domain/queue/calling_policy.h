#pragma once

#include "app/domain/complexity.h"
#include "app/domain/queue/ticket.h"
#include "app/domain/queue/wait_target.h"

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
    // Booked, for slack:F: when its Q5 wait starts (the later of check-in and slot start; the
    // priority time stands in when unknown) and its matter's complexity, which sets the target.
    std::optional<long long> waitFrom;
    Complexity complexity = Complexity::General;
};

// What slack:F needs to know of the hall to tell how much of a booked citizen's target is left:
// the Q5 targets, and which moments count as waiting — open minutes only, lunch and closed time
// are not waiting (Q5). Times are on the tickets' scale.
struct WaitReckoning {
    struct Span {
        long long start = 0;
        long long end = 0; // exclusive
    };
    WaitTargets targets;
    // The day's open intervals in order; nullopt: every second counts (a day with no open hours,
    // an emergency booking served outside them, B7).
    std::optional<std::vector<Span>> openHours;

    // Seconds of waiting between `from` and `to` (none when `to` is not after `from`).
    long long waitedSeconds(long long from, long long to) const;
};

// How a window in normal mode chooses (Q2): booked first (the default), booked first but one
// walk-in after every N booked calls in a row, arrival order unless a booked citizen's time runs
// short (slack:F), or plain arrival order (for comparison).
struct CallingPolicy {
    enum class Kind { BookedFirst, Interleave, Slack, Fifo };
    Kind kind = Kind::BookedFirst;
    int interleaveEvery = 0; // N of interleave:N
    // F of slack:F in thousandths (0–1000), so "time left ≤ F × target" is compared in integers.
    int slackPermille = kDefaultSlackPermille;
    bool bookingFallback = true; // Q3: a window in 预约办理 mode with no booked ticket calls normally

    // slack = slack:0.6 (DESIGN §3 Q2). On the shipped county day 0.6 leaves a few per cent of the
    // booked citizens past their target and F from about 0.78 to 0.9 at most one in 170
    // (scripts/queue-policy-table --sweep, docs/queue-policies.md): a hall that wants that sets F.
    static constexpr int kDefaultSlackPermille = 600;

    // booked_first | interleave:N (1–99) | slack | slack:F (0–1, at most three decimals) | fifo
    static std::optional<CallingPolicy> parse(std::string_view text);
    std::string toString() const; // slack as slack:F with F written out
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
// the groups the window serves (Q1); `now` is on the same scale as the tickets' times. Only slack
// reads `reckoning`.
std::optional<CallChoice> chooseNext(const CallingPolicy &policy, const WindowCallState &window,
                                     const std::vector<QueuedTicket> &waiting, long long now,
                                     const WaitReckoning &reckoning = {});

// The booked streak after a call.
int nextBookedStreak(int streak, const CallChoice &choice);

// Q4: the queue key that puts a re-queued ticket `places` places behind the head of its group's
// waiting tickets, given their keys in queue order; at the end when fewer are waiting.
double requeueKey(const std::vector<double> &groupKeysInOrder, double now, int places = 3);

} // namespace hk
