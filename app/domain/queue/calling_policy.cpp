#include "app/domain/queue/calling_policy.h"

#include <algorithm>
#include <charconv>

namespace hk {
namespace {

bool hasBookedPriority(const QueuedTicket &t, long long now)
{
    // C4: a booked ticket queues as a walk-in until its priority starts.
    return t.kind == TicketKind::Booked && t.priorityAt && *t.priorityAt <= now;
}

// Booked priority order: (priority time, number) — Q2.
bool bookedBefore(const QueuedTicket &a, const QueuedTicket &b)
{
    if (*a.priorityAt != *b.priorityAt)
        return *a.priorityAt < *b.priorityAt;
    return a.sequence < b.sequence;
}

// Arrival order: (queue key, number).
bool arrivedBefore(const QueuedTicket &a, const QueuedTicket &b)
{
    if (a.queueKey != b.queueKey)
        return a.queueKey < b.queueKey;
    return a.sequence < b.sequence;
}

const QueuedTicket *firstBooked(const std::vector<QueuedTicket> &waiting, long long now)
{
    const QueuedTicket *best = nullptr;
    for (const QueuedTicket &t : waiting) {
        if (hasBookedPriority(t, now) && (!best || bookedBefore(t, *best)))
            best = &t;
    }
    return best;
}

const QueuedTicket *firstByArrival(const std::vector<QueuedTicket> &waiting, long long now, bool skipPriority)
{
    const QueuedTicket *best = nullptr;
    for (const QueuedTicket &t : waiting) {
        if (skipPriority && hasBookedPriority(t, now))
            continue;
        if (!best || arrivedBefore(t, *best))
            best = &t;
    }
    return best;
}

std::optional<CallChoice> chooseNormal(const CallingPolicy &policy, const WindowCallState &window,
                                       const std::vector<QueuedTicket> &waiting, long long now)
{
    if (policy.kind == CallingPolicy::Kind::Fifo) {
        const QueuedTicket *t = firstByArrival(waiting, now, false);
        return t ? std::optional<CallChoice>({t->id, false}) : std::nullopt;
    }
    const QueuedTicket *booked = firstBooked(waiting, now);
    const QueuedTicket *walkIn = firstByArrival(waiting, now, true);
    const bool walkInsTurn = policy.kind == CallingPolicy::Kind::Interleave && policy.interleaveEvery > 0 &&
                             window.bookedStreak >= policy.interleaveEvery;
    if (booked && !(walkInsTurn && walkIn))
        return CallChoice{booked->id, true};
    if (walkIn)
        return CallChoice{walkIn->id, false};
    return std::nullopt;
}

} // namespace

std::string_view nameOf(WindowMode mode)
{
    switch (mode) {
    case WindowMode::Normal:
        return "normal";
    case WindowMode::Booking:
        return "booking";
    case WindowMode::Paused:
        return "paused";
    }
    return "normal";
}

std::optional<WindowMode> windowModeFromString(std::string_view text)
{
    for (WindowMode m : {WindowMode::Normal, WindowMode::Booking, WindowMode::Paused}) {
        if (nameOf(m) == text)
            return m;
    }
    return std::nullopt;
}

std::optional<CallingPolicy> CallingPolicy::parse(std::string_view text)
{
    CallingPolicy policy;
    if (text == "booked_first")
        return policy;
    if (text == "fifo") {
        policy.kind = Kind::Fifo;
        return policy;
    }
    constexpr std::string_view kInterleave = "interleave:";
    if (text.substr(0, kInterleave.size()) == kInterleave) {
        const std::string_view digits = text.substr(kInterleave.size());
        int n = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (ec == std::errc() && end == digits.data() + digits.size() && n >= 1 && n <= 99) {
            policy.kind = Kind::Interleave;
            policy.interleaveEvery = n;
            return policy;
        }
    }
    return std::nullopt;
}

std::string CallingPolicy::toString() const
{
    switch (kind) {
    case Kind::BookedFirst:
        return "booked_first";
    case Kind::Fifo:
        return "fifo";
    case Kind::Interleave:
        return "interleave:" + std::to_string(interleaveEvery);
    }
    return "booked_first";
}

std::optional<CallChoice> chooseNext(const CallingPolicy &policy, const WindowCallState &window,
                                     const std::vector<QueuedTicket> &waiting, long long now)
{
    switch (window.mode) {
    case WindowMode::Paused: // Q4
        return std::nullopt;
    case WindowMode::Booking: // Q3: only booked tickets whose priority has started…
        if (const QueuedTicket *booked = firstBooked(waiting, now))
            return CallChoice{booked->id, true};
        if (!policy.bookingFallback) // …and, when none waits, the normal order unless switched off
            return std::nullopt;
        return chooseNormal(policy, window, waiting, now);
    case WindowMode::Normal:
        return chooseNormal(policy, window, waiting, now);
    }
    return std::nullopt;
}

int nextBookedStreak(int streak, const CallChoice &choice)
{
    return choice.asBooked ? streak + 1 : 0;
}

double requeueKey(const std::vector<double> &keys, double now, int places)
{
    if (keys.empty())
        return now;
    if (static_cast<int>(keys.size()) <= places)
        return std::max(keys.back() + 1, now);
    // Between the places-th and the next: exactly `places` tickets stay ahead of it.
    return (keys[static_cast<size_t>(places) - 1] + keys[static_cast<size_t>(places)]) / 2;
}

} // namespace hk
