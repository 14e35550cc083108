#include "app/services/hall/queue_overview_service.h"

#include "app/domain/queue/wait_target.h"

#include <algorithm>
#include <map>

namespace hk {

QueueOverviewService::QueueOverviewService(QueueOverviewReader &reader, QueueService &queue, const CatalogService &catalog,
                                           const Clock &clock)
    : m_reader(reader)
    , m_queue(queue)
    , m_catalog(catalog)
    , m_clock(clock)
{
}

Result<QueueOverview, StoreError> QueueOverviewService::overview()
{
    const Catalog &catalog = m_catalog.catalog();
    const QDateTime now = m_clock.now();
    auto waiting = m_reader.waiting(m_catalog.centerTime().dateOf(now));
    if (!waiting)
        return fail(waiting.error());

    QueueOverview out;
    std::map<QString, qsizetype> index;
    for (const Group &g : catalog.groups) {
        index[QString::fromStdString(g.code)] = out.groups.size();
        out.groups.append({QString::fromStdString(g.code), QString::fromStdString(g.name), 0, 0, std::nullopt, std::nullopt, 0});
    }
    // Each window's state read once per overview (the home screen asks for one at every refresh;
    // on a hall each read is a round trip to the database).
    std::map<int, std::optional<WindowState>> states;
    const auto stateOf = [&](int number) -> const std::optional<WindowState> & {
        auto found = states.find(number);
        if (found == states.end()) {
            auto state = m_queue.windowState(number);
            found = states.emplace(number, state ? std::optional<WindowState>(state.value()) : std::nullopt).first;
        }
        return found->second;
    };
    // Windows that could switch to 预约办理 for a group: in normal mode, with no switch pending, and
    // not the last such window of any group they serve — a group whose only normal window turns to
    // booking mode has its walk-ins wait behind every booking (docs/queue-policies.md: 综合咨询,
    // served by window 8 alone, waited hours when it did).
    const auto normal = [&](int number) {
        const auto &state = stateOf(number);
        return state && state->mode == WindowMode::Normal && !state->pendingMode;
    };
    const auto anotherNormalServes = [&](const std::string &group, int except) {
        return std::any_of(catalog.windows.begin(), catalog.windows.end(),
                           [&](const HallWindow &x) { return x.number != except && x.serves(group) && normal(x.number); });
    };
    const auto leavesNoGroupAlone = [&](const HallWindow &w) {
        return std::all_of(catalog.groups.begin(), catalog.groups.end(),
                           [&](const Group &g) { return !w.serves(g.code) || anotherNormalServes(g.code, w.number); });
    };
    std::map<QString, std::optional<int>> switchable;
    const auto windowFor = [&](const QString &group) -> std::optional<int> {
        if (auto found = switchable.find(group); found != switchable.end())
            return found->second;
        std::optional<int> pick;
        for (const HallWindow &w : catalog.windows) {
            if (!w.serves(group.toStdString()))
                continue;
            if (normal(w.number) && leavesNoGroupAlone(w)) {
                pick = w.number;
                break;
            }
        }
        switchable[group] = pick;
        return pick;
    };

    const WaitTargets &targets = catalog.rules.waitTargets;
    const CenterTime &time = m_catalog.centerTime();
    const LocalDateTime localNow = time.localOf(now);
    // Q5: waits count open minutes only — lunch and closed time are not waiting.
    const auto openSecondsSince = [&](const QDateTime &from) {
        return from.isValid() ? m_catalog.calendar().openSecondsBetween(time.localOf(from), localNow) : 0LL;
    };
    for (const WaitingTicket &t : waiting.value()) {
        auto it = index.find(t.groupCode);
        if (it == index.end()) {
            index[t.groupCode] = out.groups.size();
            out.groups.append({t.groupCode, t.groupCode, 0, 0, std::nullopt, std::nullopt, 0});
            it = index.find(t.groupCode);
        }
        GroupWaiting &g = out.groups[it->second];
        ++g.waiting;
        g.oldestWaitS = std::max<qint64>(g.oldestWaitS.value_or(0), openSecondsSince(t.issuedAt));
        if (t.kind != TicketKind::Booked)
            continue;
        ++g.bookedWaiting;
        // Q5: the wait runs from the later of check-in and the slot start.
        const QDateTime start = t.slotStart ? std::max(t.issuedAt, *t.slotStart) : t.issuedAt;
        const qint64 waited = openSecondsSince(start);
        const WaitStatus status = waitStatus(targets, t.complexity.value_or(Complexity::General), waited);
        if (!status.atRisk)
            continue;
        out.atRisk.append({t.id, t.number, t.groupCode, waited, status.targetSeconds, status.overdue, windowFor(t.groupCode)});
    }
    // Seed 000 "做好解释工作": the wait a ticket taken now can expect, against the group's target.
    auto handled = m_reader.recentlyHandled(time.dateOf(now), kHandledPerGroup * int(std::max<size_t>(1, catalog.groups.size())) * 4);
    if (!handled)
        return fail(handled.error());
    for (GroupWaiting &g : out.groups) {
        const std::string code = g.code.toStdString();
        int target = 0;
        for (const Matter &m : catalog.matters) {
            if (m.group == code)
                target = std::max(target, targets.minutesFor(m.complexity));
        }
        g.targetS = qint64(target > 0 ? target : targets.generalMinutes) * 60;
        qint64 total = 0;
        int count = 0;
        for (const HandledTicket &h : handled.value()) {
            if (h.groupCode == g.code && count < kHandledPerGroup) {
                total += h.handlingS;
                ++count;
            }
        }
        int windows = 0;
        for (const HallWindow &w : catalog.windows) {
            if (!w.serves(code))
                continue;
            const auto &state = stateOf(w.number);
            if (state && state->mode != WindowMode::Paused)
                ++windows;
        }
        if (count > 0 && windows > 0)
            g.expectedWaitS = (qint64(g.waiting) * total + qint64(count) * windows - 1) / (qint64(count) * windows);
    }

    // The longest share of its target first: the console lists the most urgent at the top.
    std::stable_sort(out.atRisk.begin(), out.atRisk.end(), [](const AtRiskTicket &a, const AtRiskTicket &b) {
        return a.waitedS * b.targetS > b.waitedS * a.targetS;
    });
    return out;
}

Result<std::vector<RecentCall>, StoreError> QueueOverviewService::recentCalls(int limit)
{
    return m_reader.recentCalls(m_catalog.centerTime().dateOf(m_clock.now()), limit);
}

} // namespace hk
