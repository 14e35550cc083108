#include "app/services/report/report_service.h"

#include "app/domain/queue/wait_target.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace hk {

namespace {

// Nearest rank: the smallest value with at least p % of the values at or below it.
std::optional<qint64> nearestRank(std::vector<qint64> &values, int percent)
{
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    const size_t rank = std::max<size_t>(1, (size_t(percent) * n + 99) / 100);
    return values[std::min(rank, n) - 1];
}

std::optional<qint64> average(const std::vector<qint64> &values)
{
    if (values.empty())
        return std::nullopt;
    qint64 sum = 0;
    for (qint64 v : values)
        sum += v;
    return qint64(std::llround(double(sum) / double(values.size())));
}

std::optional<double> share(int part, int whole)
{
    return whole > 0 ? std::optional<double>(double(part) / double(whole)) : std::nullopt;
}

// The hall's offset from UTC at an instant, looked up in the zone database once per quarter hour of
// UTC (a zone changes its offset on a quarter hour): a month's report converts some 500,000
// instants, and a QTimeZone lookup each made that its largest cost.
class OffsetCache {
public:
    explicit OffsetCache(const QTimeZone &zone)
        : m_zone(zone)
    {
    }

    int offsetAt(qint64 utcSeconds)
    {
        const qint64 quarter = utcSeconds >= 0 ? utcSeconds / 900 : (utcSeconds - 899) / 900;
        auto [it, added] = m_offsets.try_emplace(quarter, 0);
        if (added)
            it->second = m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(quarter * 900, Qt::UTC));
        return it->second;
    }
    LocalDateTime local(const QDateTime &instant)
    {
        const qint64 s = instant.toSecsSinceEpoch();
        return LocalDateTime::fromSeconds(s + offsetAt(s));
    }
    // The instant with the hall's offset, as the CSV writes it.
    QDateTime withOffset(const QDateTime &instant)
    {
        const qint64 s = instant.toSecsSinceEpoch();
        return QDateTime::fromSecsSinceEpoch(s, Qt::OffsetFromUTC, offsetAt(s));
    }

private:
    QTimeZone m_zone;
    std::unordered_map<qint64, int> m_offsets;
};

// A ticket with what the report measures of it.
struct Measured {
    const ReportTicket *ticket = nullptr;
    LocalDateTime issued; // the hall's clock
    std::optional<LocalDateTime> called;
    std::optional<qint64> waitS;
    std::optional<qint64> handlingS;
    bool withinTarget = false; // booked, called within its Q5 target
};

// Adds tickets up into one ReportFigures.
class Tally {
public:
    explicit Tally(const Catalog &catalog)
    {
        for (const HallWindow &w : catalog.windows)
            m_windows[w.number];
    }

    void add(const Measured &m)
    {
        const ReportTicket &t = *m.ticket;
        const bool booked = t.kind == TicketKind::Booked;
        KindFigures &kind = booked ? static_cast<KindFigures &>(m_figures.booked) : m_figures.walkIn;
        ++kind.issued;
        if (t.state == TicketState::Served)
            ++kind.served;
        if (t.passedAt)
            ++kind.passed;
        if (t.state == TicketState::Expired)
            ++kind.expired;
        if (m.waitS) {
            (booked ? m_bookedWaits : m_walkInWaits).push_back(*m.waitS);
            if (booked) {
                TargetCount &c = m_targets[t.complexity.value_or(Complexity::General)];
                ++c.called;
                c.within += m.withinTarget ? 1 : 0;
            }
        }
        if (t.state == TicketState::Served) {
            ++m_figures.handling.served;
            if (m.handlingS)
                m_handling.push_back(*m.handlingS);
            if (t.window) {
                WindowTally &w = m_windows[*t.window];
                ++w.served;
                if (m.handlingS) {
                    w.handlingSum += *m.handlingS;
                    ++w.handled;
                }
            }
        }
        if (t.ratingLevel && *t.ratingLevel >= 1 && *t.ratingLevel <= 5) {
            ++m_figures.ratings.count;
            ++m_figures.ratings.byLevel[size_t(*t.ratingLevel - 1)];
            if (const auto window = t.ratingWindow ? t.ratingWindow : t.window) {
                WindowTally &w = m_windows[*window];
                w.ratingSum += *t.ratingLevel;
                ++w.rated;
            }
        }
    }

    void addBookings(const ReportBookings &b)
    {
        m_figures.bookings.checkedIn += b.checkedIn;
        m_figures.bookings.noShow += b.noShow;
        m_figures.bookings.forfeited += b.forfeited;
    }

    void addHours(const std::vector<HourFigures> &hours)
    {
        for (const HourFigures &h : hours) {
            HourFigures &sum = m_hours[h.hour];
            sum.hour = h.hour;
            sum.issued += h.issued;
            sum.called += h.called;
            sum.maxWaiting = std::max(sum.maxWaiting, h.maxWaiting);
        }
    }

    ReportFigures finish(const CivilDate &from, const CivilDate &to, ComplaintCounts complaints)
    {
        ReportFigures f = m_figures;
        f.from = from;
        f.to = to;
        f.walkIn.waitAvgS = average(m_walkInWaits);
        f.walkIn.waitP50S = nearestRank(m_walkInWaits, 50);
        f.walkIn.waitP90S = nearestRank(m_walkInWaits, 90);
        f.booked.waitAvgS = average(m_bookedWaits);
        f.booked.waitP50S = nearestRank(m_bookedWaits, 50);
        f.booked.waitP90S = nearestRank(m_bookedWaits, 90);
        int called = 0, within = 0;
        for (Complexity c : {Complexity::General, Complexity::Complex, Complexity::Special}) {
            const TargetCount count = m_targets[c];
            f.booked.byComplexity[c] = TargetFigures{count.called, share(count.within, count.called)};
            called += count.called;
            within += count.within;
        }
        f.booked.withinTargetShare = share(within, called);
        f.handling.avgS = average(m_handling);
        f.handling.p90S = nearestRank(m_handling, 90);
        const auto over = std::count_if(m_handling.begin(), m_handling.end(),
                                        [](qint64 s) { return s > ReportService::kHandlingTargetS; });
        f.handling.over20minShare = share(int(over), int(m_handling.size()));
        for (const auto &[number, w] : m_windows) {
            WindowFigures out{number, w.served, std::nullopt, std::nullopt};
            if (w.handled > 0)
                out.avgHandlingS = qint64(std::llround(double(w.handlingSum) / double(w.handled)));
            if (w.rated > 0)
                out.ratingAvg = double(w.ratingSum) / double(w.rated);
            f.windows.push_back(out);
        }
        f.ratings.satisfiedShare = share(f.ratings.byLevel[3] + f.ratings.byLevel[4], f.ratings.count);
        f.complaints = complaints;
        for (const auto &[hour, h] : m_hours)
            f.hours.push_back(h);
        return f;
    }

private:
    struct TargetCount {
        int called = 0;
        int within = 0;
    };
    struct WindowTally {
        int served = 0;
        qint64 handlingSum = 0;
        int handled = 0;
        qint64 ratingSum = 0;
        int rated = 0;
    };
    ReportFigures m_figures;
    std::vector<qint64> m_walkInWaits;
    std::vector<qint64> m_bookedWaits;
    std::vector<qint64> m_handling;
    std::map<Complexity, TargetCount> m_targets;
    std::map<int, WindowTally> m_windows;
    std::map<int, HourFigures> m_hours;
};

// A day's hours: tickets issued and called in each, and the most waiting at any moment of it. A
// ticket waits from its issue (a booked one from its check-in) to its call; one never called (expired
// or cancelled) until the end of the day's last open interval. Listed: from the first hour the hall
// opens or a ticket was issued to the last hour it is open or a ticket was issued or called.
std::vector<HourFigures> hoursOf(const std::vector<Measured> &day, const CivilDate &date, const WorkingCalendar &calendar)
{
    if (day.empty())
        return {};
    const auto secondOf = [&](const LocalDateTime &local) {
        return local.date() < date ? 0 : date < local.date() ? 86400 - 1 : local.secondOfDay();
    };
    const std::vector<Interval> open = calendar.openHours(date);
    int firstHour = open.empty() ? 23 : open.front().start / 60;
    int lastHour = open.empty() ? 0 : (open.back().end - 1) / 60;
    int dayEnd = open.empty() ? 0 : open.back().end * 60;
    std::vector<std::pair<int, int>> events; // (second of day, +1 arrives | -1 leaves)
    std::map<int, HourFigures> hours;
    for (const Measured &m : day) {
        const int issued = secondOf(m.issued);
        events.emplace_back(issued, +1);
        ++hours[issued / 3600].issued;
        firstHour = std::min(firstHour, issued / 3600);
        lastHour = std::max(lastHour, issued / 3600);
        if (open.empty())
            dayEnd = std::max(dayEnd, issued);
        if (m.called) {
            const int called = std::max(issued, secondOf(*m.called));
            ++hours[called / 3600].called;
            lastHour = std::max(lastHour, called / 3600);
            if (open.empty())
                dayEnd = std::max(dayEnd, called);
        }
    }
    for (const Measured &m : day) {
        const int issued = secondOf(m.issued);
        events.emplace_back(m.called ? std::max(issued, secondOf(*m.called)) : std::max(issued, dayEnd), -1);
    }
    // At the same second a ticket leaves before another arrives.
    std::sort(events.begin(), events.end());
    std::vector<HourFigures> out;
    size_t next = 0;
    int waiting = 0;
    for (int hour = firstHour; hour <= lastHour; ++hour) {
        while (next < events.size() && events[next].first < hour * 3600)
            waiting += events[next++].second;
        int most = waiting;
        while (next < events.size() && events[next].first < (hour + 1) * 3600) {
            waiting += events[next++].second;
            most = std::max(most, waiting);
        }
        const HourFigures &h = hours[hour];
        out.push_back({hour, h.issued, h.called, most});
    }
    return out;
}

} // namespace

ReportService::ReportService(ReportReader &reader, const CatalogService &catalog, const ComplaintService &complaints)
    : m_reader(reader)
    , m_catalog(catalog)
    , m_complaints(complaints)
{
}

Result<Report, ReportError> ReportService::day(const CivilDate &date, Rows rows)
{
    auto report = range(date, date, rows);
    if (report)
        report.value().days.clear();
    return report;
}

Result<Report, ReportError> ReportService::range(const CivilDate &from, const CivilDate &to, Rows rows)
{
    if (!from.isValid() || !to.isValid())
        return fail(ReportError{ReportError::Kind::BadRange, QStringLiteral("not a date")});
    if (to < from)
        return fail(ReportError{ReportError::Kind::BadRange,
                                QStringLiteral("from (%1) is after to (%2)").arg(QString::fromStdString(from.toString()),
                                                                                 QString::fromStdString(to.toString()))});
    if (to.dayNumber() - from.dayNumber() + 1 > kMaxRangeDays)
        return fail(ReportError{ReportError::Kind::BadRange,
                                QStringLiteral("a report covers at most %1 days; %2 to %3 is %4")
                                    .arg(kMaxRangeDays)
                                    .arg(QString::fromStdString(from.toString()), QString::fromStdString(to.toString()))
                                    .arg(to.dayNumber() - from.dayNumber() + 1)});
    auto data = m_reader.read(from, to);
    if (!data)
        return fail(ReportError{ReportError::Kind::Store, data.error().detail});
    auto complaints = m_complaints.countsByDay(from, to);
    if (!complaints)
        return fail(ReportError{ReportError::Kind::Store, complaints.error().detail});
    ComplaintCounts complaintTotal;
    for (const ComplaintCounts &c : complaints.value()) {
        complaintTotal.opened += c.opened;
        complaintTotal.open += c.open;
        complaintTotal.overdue += c.overdue;
        complaintTotal.closed += c.closed;
    }

    const Catalog &catalog = m_catalog.catalog();
    OffsetCache zone(m_catalog.centerTime().zone());
    const WorkingCalendar &calendar = m_catalog.calendar();
    const WaitTargets &targets = catalog.rules.waitTargets;

    Report report;
    std::vector<Measured> measured;
    measured.reserve(data->tickets.size());
    if (rows == Rows::Included)
        report.rows.reserve(data->tickets.size());
    for (const ReportTicket &t : data->tickets) {
        Measured m{&t, zone.local(t.issuedAt), std::nullopt, std::nullopt, std::nullopt, false};
        if (t.calledAt)
            m.called = zone.local(*t.calledAt);
        if (t.calledAt && t.issuedAt.isValid()) {
            // Q5: open seconds only; a booked ticket's wait from the later of check-in and slot start.
            const bool fromSlot = t.kind == TicketKind::Booked && t.slotStart && *t.slotStart > t.issuedAt;
            m.waitS = calendar.openSecondsBetween(fromSlot ? zone.local(*t.slotStart) : m.issued, *m.called);
            if (t.kind == TicketKind::Booked)
                m.withinTarget = !waitStatus(targets, t.complexity.value_or(Complexity::General), *m.waitS).overdue;
        }
        if (t.state == TicketState::Served && t.calledAt && t.finishedAt)
            m.handlingS = std::max<qint64>(0, t.calledAt->secsTo(*t.finishedAt));
        measured.push_back(m);
        if (rows == Rows::Excluded)
            continue;
        ReportRow row;
        row.number = t.number;
        row.kind = t.kind;
        row.groupCode = t.groupCode;
        row.state = t.state;
        row.issuedAt = zone.withOffset(t.issuedAt);
        if (t.calledAt)
            row.calledAt = zone.withOffset(*t.calledAt);
        if (t.finishedAt)
            row.finishedAt = zone.withOffset(*t.finishedAt);
        row.window = t.window;
        row.waitS = m.waitS;
        row.handlingS = m.handlingS;
        row.rating = t.ratingLevel;
        row.ratingChannel = t.ratingLevel ? t.ratingChannel : QString();
        report.rows.push_back(std::move(row));
    }

    Tally total(catalog);
    size_t next = 0;
    size_t nextBookings = 0;
    for (CivilDate date = from; date <= to; date = date.addDays(1)) {
        Tally day(catalog);
        std::vector<Measured> ofDay;
        while (next < measured.size() && measured[next].ticket->serviceDate < date)
            ++next; // a date the reader should not have sent
        while (next < measured.size() && measured[next].ticket->serviceDate == date) {
            day.add(measured[next]);
            total.add(measured[next]);
            ofDay.push_back(measured[next++]);
        }
        while (nextBookings < data->bookings.size() && data->bookings[nextBookings].serviceDate < date)
            ++nextBookings;
        if (nextBookings < data->bookings.size() && data->bookings[nextBookings].serviceDate == date) {
            day.addBookings(data->bookings[nextBookings]);
            total.addBookings(data->bookings[nextBookings]);
        }
        const std::vector<HourFigures> hours = hoursOf(ofDay, date, calendar);
        day.addHours(hours);
        total.addHours(hours);
        if (from == to)
            continue;
        report.days.push_back(day.finish(date, date, complaints.value()[size_t(date.dayNumber() - from.dayNumber())]));
    }
    report.total = total.finish(from, to, complaintTotal);
    return report;
}

} // namespace hk
