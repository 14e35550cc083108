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

// slack:F — the booked ticket with the least time left to its target, among those whose time
// left has fallen to F × target or less; none while every booked citizen still has time.
const QueuedTicket *mostUrgentBooked(const CallingPolicy &policy, const std::vector<QueuedTicket> &waiting, long long now,
                                     const WaitReckoning &reckoning)
{
    const QueuedTicket *best = nullptr;
    long long bestLeft = 0;
    long long bestFrom = 0;
    for (const QueuedTicket &t : waiting) {
        if (!hasBookedPriority(t, now))
            continue;
        const long long from = t.waitFrom.value_or(*t.priorityAt);
        const long long target = static_cast<long long>(reckoning.targets.minutesFor(t.complexity)) * 60;
        const long long left = target - reckoning.waitedSeconds(from, now);
        if (left * 1000 > target * policy.slackPermille)
            continue; // still time: it waits its turn by arrival
        // Ties: the longer wait first, then the booked order (priority time, number). The store
        // reads, per complexity, the ticket that comes first in exactly this order.
        const bool sooner = !best || left < bestLeft ||
                            (left == bestLeft && (from < bestFrom || (from == bestFrom && bookedBefore(t, *best))));
        if (sooner) {
            best = &t;
            bestLeft = left;
            bestFrom = from;
        }
    }
    return best;
}

std::optional<CallChoice> chooseNormal(const CallingPolicy &policy, const WindowCallState &window,
                                       const std::vector<QueuedTicket> &waiting, long long now, const WaitReckoning &reckoning)
{
    if (policy.kind == CallingPolicy::Kind::Slack) {
        if (const QueuedTicket *urgent = mostUrgentBooked(policy, waiting, now, reckoning))
            return CallChoice{urgent->id, true};
        // Otherwise the oldest of either kind: a booked ticket's place is its check-in.
        const QueuedTicket *t = firstByArrival(waiting, now, false);
        return t ? std::optional<CallChoice>({t->id, false}) : std::nullopt;
    }
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

// "0", "1", "0.d…", "1.0…" with at most three decimals, in thousandths.
std::optional<int> parsePermille(std::string_view text)
{
    if (text.empty() || text.size() > 5 || (text[0] != '0' && text[0] != '1'))
        return std::nullopt;
    int permille = (text[0] - '0') * 1000;
    if (text.size() == 1)
        return permille;
    if (text[1] != '.' || text.size() == 2)
        return std::nullopt;
    int scale = 100;
    for (char c : text.substr(2)) {
        if (c < '0' || c > '9')
            return std::nullopt;
        permille += (c - '0') * scale;
        scale /= 10;
    }
    return permille <= 1000 ? std::optional<int>(permille) : std::nullopt;
}

std::string permilleText(int permille)
{
    std::string text = std::to_string(permille / 1000);
    if (int rest = permille % 1000; rest != 0) {
        std::string digits = std::to_string(1000 + rest).substr(1); // three digits, leading zeros kept
        while (digits.back() == '0')
            digits.pop_back();
        text += "." + digits;
    }
    return text;
}

} // namespace

long long WaitReckoning::waitedSeconds(long long from, long long to) const
{
    if (to <= from)
        return 0;
    if (!openHours)
        return to - from;
    long long waited = 0;
    for (const Span &open : *openHours) {
        const long long start = std::max(from, open.start);
        const long long end = std::min(to, open.end);
        if (end > start)
            waited += end - start;
    }
    return waited;
}

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
    if (text == "slack") {
        policy.kind = Kind::Slack;
        return policy;
    }
    constexpr std::string_view kSlack = "slack:";
    if (text.substr(0, kSlack.size()) == kSlack) {
        const auto permille = parsePermille(text.substr(kSlack.size()));
        if (!permille)
            return std::nullopt;
        policy.kind = Kind::Slack;
        policy.slackPermille = *permille;
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
    case Kind::Slack:
        return "slack:" + permilleText(slackPermille);
    }
    return "booked_first";
}

std::optional<CallChoice> chooseNext(const CallingPolicy &policy, const WindowCallState &window,
                                     const std::vector<QueuedTicket> &waiting, long long now, const WaitReckoning &reckoning)
{
    switch (window.mode) {
    case WindowMode::Paused: // Q4
        return std::nullopt;
    case WindowMode::Booking: // Q3: only booked tickets whose priority has started…
        if (const QueuedTicket *booked = firstBooked(waiting, now))
            return CallChoice{booked->id, true};
        if (!policy.bookingFallback) // …and, when none waits, the normal order unless switched off
            return std::nullopt;
        return chooseNormal(policy, window, waiting, now, reckoning);
    case WindowMode::Normal:
        return chooseNormal(policy, window, waiting, now, reckoning);
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
