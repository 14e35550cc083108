#include "app/queuesim/day_simulation.h"

#include "app/domain/booking/booking_rules.h"
#include "app/domain/catalog.h"
#include "app/domain/time/working_calendar.h"
#include "app/services/catalog_service.h"
#include "app/services/hall/complaint_service.h"
#include "app/services/queue_service.h"
#include "app/services/report/report_json.h"
#include "app/services/report/report_service.h"
#include "db/database.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_report_reader.h"

#include <QMap>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <map>

namespace hk {
namespace {

class SimClock final : public Clock {
public:
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &instant) { m_now = instant; }

private:
    QDateTime m_now;
};

Result<Catalog, QString> catalogFor(const std::vector<TraceRow> &trace, const HallPlan &hall)
{
    QSet<QString> codes;
    for (const TraceRow &r : trace)
        codes.insert(r.group);
    for (const HallPlan::Window &w : hall.windows) {
        for (const QString &g : w.groups) {
            if (g != QLatin1String("*"))
                codes.insert(g);
        }
    }
    QStringList sorted(codes.begin(), codes.end());
    sorted.sort();
    // Single-letter group codes are their own ticket letters; otherwise letters are handed out.
    const bool lettersAreCodes = std::all_of(sorted.begin(), sorted.end(), [](const QString &c) {
        return c.size() == 1 && c.at(0) >= QLatin1Char('A') && c.at(0) <= QLatin1Char('Z') && c.at(0) != QLatin1Char('Y');
    });
    static const char kLetters[] = "ABCDEFGHIJKLMNOPQRSTUVWXZ";
    if (!lettersAreCodes && sorted.size() > qsizetype(sizeof kLetters - 1))
        return fail(QStringLiteral("too many groups (%1) for the ticket letters").arg(sorted.size()));
    Catalog c;
    c.center = {"SIM", "模拟政务服务中心", "Asia/Shanghai", ""};
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        Group g;
        g.code = sorted[i].toStdString();
        g.name = g.code;
        g.prefix = lettersAreCodes ? char(sorted[i].at(0).unicode()) : kLetters[i];
        c.groups.push_back(g);
    }
    for (const HallPlan::Window &w : hall.windows) {
        HallWindow hw;
        hw.number = w.number;
        hw.name = QStringLiteral("%1号窗口").arg(w.number).toStdString();
        for (const QString &g : w.groups)
            hw.groups.push_back(g.toStdString());
        c.windows.push_back(hw);
    }
    c.hours.extended.lunch = hall.lunch;
    c.calendar.workdays = {hall.date}; // the simulated day is a working day, whatever its weekday
    return c;
}

enum class EventType { ServiceEnd = 0, Arrival = 1, Open = 2 }; // order at the same second

struct SimEvent {
    EventType type;
    int index; // trace row (Arrival) or window number (ServiceEnd)
};

} // namespace

Result<SimReport, QString> DaySimulation::run(const std::vector<TraceRow> &trace, const HallPlan &hall, const Options &options)
{
    auto catalogResult = catalogFor(trace, hall);
    if (!catalogResult)
        return fail(catalogResult.error());
    auto database = Database::open(options.database);
    if (!database)
        return fail(database.error().detail);
    SqlQueueStore store(*database.value());
    CatalogService catalog(catalogResult.value());
    SimClock clock;
    NullHallChannel alone; // the simulator is one terminal
    QueueService queue(store, alone, catalog, clock, QueueSettings{options.policy, 3});
    const Catalog &cat = catalog.catalog();
    const QTimeZone zone(QByteArray::fromStdString(cat.center.timezone));
    const QDateTime midnight(toQDate(hall.date), QTime(0, 0), zone);
    const auto instant = [&](int secondOfDay) { return midnight.addSecs(secondOfDay); };

    // The hall's hours as the terminal sees them: the catalog's defaults, lunch kept open on request.
    const WorkingCalendar calendar(cat);
    std::vector<std::pair<int, int>> open;
    for (const Interval &i : calendar.openHours(hall.date))
        open.emplace_back(i.start * 60, i.end * 60);
    const Interval issuing = *calendar.issuingHours(hall.date);
    const int issuingStart = issuing.start * 60;
    const int issuingEnd = issuing.end * 60;
    const auto checkIn = [&](const TraceRow &r, int t) {
        const LocalDateTime slot(hall.date, *r.slotStart);
        return evaluateCheckIn({cat.center.id, slot, BookingState::Booked, lapsesAt(slot, cat.rules)}, cat.center.id, cat.rules,
                               calendar, LocalDateTime(hall.date, t));
    };
    const auto isOpen = [&](int t) {
        return std::any_of(open.begin(), open.end(), [t](const auto &i) { return t >= i.first && t < i.second; });
    };

    SimReport report;
    report.policy = QString::fromStdString(options.policy.toString());
    std::multimap<std::pair<int, int>, SimEvent> events; // (second, type order) → event
    const auto schedule = [&](int t, SimEvent e) { events.emplace(std::make_pair(t, int(e.type)), e); };
    std::vector<int> arrivalOf(trace.size(), 0);
    std::vector<bool> asWalkIn(trace.size(), false);
    for (size_t i = 0; i < trace.size(); ++i) {
        const TraceRow &r = trace[i];
        if (!r.arrival) {
            ++report.noShow; // B5: never came
            continue;
        }
        arrivalOf[i] = *r.arrival;
        int at = std::max(*r.arrival, issuingStart); // those early wait at the door
        if (r.kind == TicketKind::Booked) {
            const auto decision = checkIn(r, *r.arrival);
            if (!decision && std::holds_alternative<refusal::Late>(decision.error())) { // C1: lapsed, takes a walk-in ticket
                asWalkIn[i] = true;
                ++report.lateAsWalkIn;
            } else if (!decision && std::holds_alternative<refusal::TooEarly>(decision.error())) { // comes back when allowed
                at = std::max(at, std::get<refusal::TooEarly>(decision.error()).comeBackAt.secondOfDay());
            }
        }
        if (at >= issuingEnd) {
            ++report.turnedAway;
            continue;
        }
        schedule(at, {EventType::Arrival, int(i)});
    }
    for (const auto &i : open)
        schedule(i.first, {EventType::Open, 0});

    for (const HallPlan::Window &w : hall.windows) {
        if (w.mode == WindowMode::Booking) {
            clock.set(instant(issuingStart));
            if (auto set = queue.setMode(w.number, WindowMode::Booking); !set)
                return fail(set.error().detail);
        }
    }

    QMap<QString, size_t> rowOf;  // ticket id → trace row
    QMap<int, bool> busy;         // window → serving someone
    double servingMinutes = 0;
    const auto callAt = [&](int window, int t) -> Result<void, QString> {
        auto state = queue.callNext(window);
        if (!state)
            return fail(state.error().detail);
        busy[window] = state->current.has_value();
        if (state->current) {
            const TraceRow &r = trace[rowOf.value(state->current->id)];
            servingMinutes += r.serviceMinutes;
            schedule(t + int(r.serviceMinutes * 60 + 0.5), {EventType::ServiceEnd, window});
        }
        return Ok{};
    };
    const auto wakeIdle = [&](int t, const QString &group) -> Result<void, QString> {
        if (!isOpen(t))
            return Ok{};
        for (const HallWindow &w : cat.windows) {
            if (busy.value(w.number) || (!group.isEmpty() && !w.serves(group.toStdString())))
                continue;
            if (auto called = callAt(w.number, t); !called)
                return called;
        }
        return Ok{};
    };

    int lastArrival = -1;
    int sameSecond = 0;
    while (!events.empty()) {
        const auto it = events.begin();
        const int t = it->first.first;
        const SimEvent e = it->second;
        events.erase(it);
        clock.set(instant(t));
        switch (e.type) {
        case EventType::Arrival: {
            const TraceRow &r = trace[size_t(e.index)];
            const Group *g = cat.findGroup(r.group.toStdString());
            const CivilDate date = hall.date;
            // Citizens arriving in the same second (the crowd at the door at 08:30) are issued one
            // after another, a millisecond apart in trace order: the queue's order among them is
            // the trace's, not a tie the store breaks as it likes, and every run is the same.
            sameSecond = t == lastArrival ? sameSecond + 1 : 0;
            lastArrival = t;
            const QDateTime issuedAt = instant(t).addMSecs(sameSecond);
            Result<IssuedTicket, QueueError> issued = fail(QueueError{});
            const auto decision = r.kind == TicketKind::Booked && !asWalkIn[size_t(e.index)] ? checkIn(r, t)
                                                                                              : fail(CheckInRefusal{refusal::Late{}});
            if (decision) {
                const QDateTime priority = instant(decision->priorityAt.secondOfDay()); // C4
                issued = store.issueBooked({QStringLiteral("sim-%1").arg(e.index), r.group, QString(), cat.rules.bookedPrefix, date,
                                            issuedAt, priority, instant(*r.slotStart), r.complexity, QStringLiteral("SIM")});
            } else {
                issued = store.issueWalkIn({r.group, g->prefix, date, issuedAt, QStringLiteral("SIM"), 0});
            }
            if (!issued)
                return fail(QStringLiteral("trace row %1: %2").arg(e.index + 2).arg(issued.error().detail));
            rowOf.insert(issued->id, size_t(e.index));
            if (auto woken = wakeIdle(t, r.group); !woken)
                return fail(woken.error());
            break;
        }
        case EventType::ServiceEnd:
            if (isOpen(t)) {
                if (auto called = callAt(e.index, t); !called) // finishes the citizen, calls the next
                    return fail(called.error());
            } else {
                if (auto finished = queue.finish(e.index); !finished)
                    return fail(finished.error().detail);
                busy[e.index] = false;
            }
            break;
        case EventType::Open:
            if (auto woken = wakeIdle(t, QString()); !woken)
                return fail(woken.error());
            break;
        }
    }
    const QDateTime closesAt = instant(calendar.dayCloseAt(hall.date)->secondOfDay());
    // A window still serving at close is finished at the end of the day's last open interval.
    auto closed = store.closeDay(DayClose{hall.date, closesAt, open.empty() ? closesAt : instant(open.back().second),
                                          closesAt.addSecs(-qint64(cat.rules.lateForfeitMinutes) * 60)});
    if (!closed)
        return fail(closed.error().detail);
    report.expired = closed->expired;

    auto tickets = store.tickets(hall.date);
    if (!tickets)
        return fail(tickets.error().detail);
    std::vector<double> bookedWaits, walkInWaits;
    int withinTarget = 0;
    for (const TicketRecord &t : tickets.value()) {
        const size_t row = rowOf.value(t.id);
        const TraceRow &r = trace[row];
        SimReport::Waits &w = t.kind == TicketKind::Booked ? report.booked : report.walkIn;
        ++w.count;
        if (!t.calledAt)
            continue;
        ++w.called;
        const QDateTime calledAt = *t.calledAt;
        if (t.kind == TicketKind::Booked) {
            // Q5: the wait runs from the later of arrival and slot start, in open minutes only
            // (lunch and closed time are not waiting), as the console measures it.
            const int from = std::max(arrivalOf[row], *r.slotStart);
            const qint64 waitedSeconds = calendar.openSecondsBetween(LocalDateTime(hall.date, from),
                                                                     LocalDateTime(hall.date, int(midnight.secsTo(calledAt))));
            bookedWaits.push_back(double(waitedSeconds) / 60.0);
            if (!waitStatus(cat.rules.waitTargets, r.complexity, waitedSeconds).overdue)
                ++withinTarget;
        } else {
            // Counted as the day's report counts it (DESIGN §13, "waits as Q5"): open minutes from
            // arrival to the call; the time at the door before opening and over lunch is not waiting.
            const qint64 waitedSeconds = calendar.openSecondsBetween(LocalDateTime(hall.date, arrivalOf[row]),
                                                                     LocalDateTime(hall.date, int(midnight.secsTo(calledAt))));
            walkInWaits.push_back(double(waitedSeconds) / 60.0);
        }
    }
    report.booked.p50 = nearestRank(bookedWaits, 50);
    report.booked.p90 = nearestRank(bookedWaits, 90);
    report.booked.max = nearestRank(bookedWaits, 100);
    report.booked.withinTargetShare = report.booked.count ? double(withinTarget) / report.booked.count : 0;
    report.walkIn.p50 = nearestRank(walkInWaits, 50);
    report.walkIn.p90 = nearestRank(walkInWaits, 90);
    report.walkIn.max = nearestRank(walkInWaits, 100);
    double openMinutes = 0;
    for (const auto &i : open)
        openMinutes += (i.second - i.first) / 60.0;
    report.utilisation = servingMinutes / (openMinutes * double(cat.windows.size()));
    if (options.dayReport) {
        // The figures a supervisor reads for this day, from the same stored tickets.
        SqlReportReader reader(*database.value());
        SqlComplaintStore cases(*database.value());
        ComplaintService complaints(cases, catalog, clock);
        ReportService reports(reader, catalog, complaints);
        auto day = reports.day(hall.date, ReportService::Rows::Excluded);
        if (!day)
            return fail(day.error().detail);
        report.dayReport = dayReportJson(day->total);
    }
    return report;
}

} // namespace hk
