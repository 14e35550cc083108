#include "app/services/day_service.h"

#include "app/services/logging.h"

#include <algorithm>

namespace hk {

DayService::DayService(QueueStore &queue, BookingStore &bookings, CatalogService &catalog, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_bookings(bookings)
    , m_catalog(catalog)
    , m_clock(clock)
{
    connect(&m_timer, &QTimer::timeout, this, &DayService::tick);
    // New hours or a new calendar may open or close the terminal at once.
    connect(&m_catalog, &CatalogService::catalogChanged, this, &DayService::tick);
}

void DayService::start(int tickMs)
{
    tick();
    m_timer.start(tickMs);
}

void DayService::tick()
{
    const QDateTime now = m_clock.now();
    closeDueDays(now);
    markNoShows(now);
    const IssuingState state = issuingState();
    if (m_lastIssuing != state) {
        m_lastIssuing = state;
        qCInfo(lcDay).noquote() << (state.issuing ? QStringLiteral("issuing hours: open")
                                                  : QStringLiteral("issuing hours: closed until %1")
                                                        .arg(state.nextStart ? m_catalog.centerTime().toLocal(*state.nextStart).toString(Qt::ISODate)
                                                                             : QStringLiteral("further notice")));
        Q_EMIT issuingChanged(state);
    }
}

IssuingState DayService::issuingState() const
{
    const CenterTime &time = m_catalog.centerTime();
    const LocalDateTime local = time.localOf(m_clock.now());
    const WorkingCalendar &calendar = m_catalog.calendar();
    IssuingState state;
    state.issuing = calendar.isIssuing(local);
    if (!state.issuing) {
        if (auto next = calendar.nextIssuingStart(local))
            state.nextStart = time.instantOf(*next);
    }
    return state;
}

void DayService::closeDueDays(const QDateTime &now)
{
    auto days = m_queue.unclosedDays();
    if (!days) {
        qCCritical(lcDay).noquote() << "cannot read the days to close:" << days.error().detail;
        return;
    }
    const CenterTime &time = m_catalog.centerTime();
    const LocalDateTime local = time.localOf(now);
    for (const CivilDate &day : days.value()) {
        const auto closesAt = m_catalog.calendar().dayCloseAt(day);
        const bool due = day < local.date() || (day == local.date() && closesAt && local >= *closesAt);
        if (!due)
            break; // days come in order: the rest lie ahead (bookings of coming days)
        auto closed = close(day, now);
        if (!closed) {
            qCCritical(lcDay).noquote() << "cannot close" << QString::fromStdString(day.toString()) << closed.error().detail;
            return; // try again at the next tick; nothing of that day changed
        }
        qCInfo(lcDay).noquote() << "day closed:" << QString::fromStdString(day.toString()) << "—" << closed->expired << "expired,"
                                << closed->served << "finished at close," << closed->noShows << "no-shows";
        Q_EMIT dayClosed(day, closed.value());
    }
}

Result<DayCloseSummary, StoreError> DayService::close(const CivilDate &day, const QDateTime &now)
{
    const CenterTime &time = m_catalog.centerTime();
    DayClose close;
    close.serviceDate = day;
    close.at = time.toLocal(now);
    // A ticket still at a window is finished at the end of the day's service, not at a later
    // start-up; a booking lapses only once its own slot start + 30 min has passed (B5, B7).
    const std::vector<Interval> open = m_catalog.calendar().openHours(day);
    close.serviceEnd = open.empty() ? close.at : time.toLocal(time.instantOf(LocalDateTime::at(day, open.back().end)));
    close.lapsedBefore = now.addSecs(-qint64(m_catalog.catalog().rules.lateForfeitMinutes) * 60);
    return m_queue.closeDay(close);
}

Result<DayCloseSummary, QString> DayService::closeNow(const CivilDate &day)
{
    const QDateTime now = m_clock.now();
    const CivilDate today = m_catalog.centerTime().localOf(now).date();
    const QString date = QString::fromStdString(day.toString());
    if (today < day)
        return fail(QStringLiteral("%1 lies ahead: only today or an earlier day can be closed").arg(date));
    auto days = m_queue.unclosedDays();
    if (!days)
        return fail(QStringLiteral("cannot read the days to close: %1").arg(days.error().detail));
    if (std::find(days->begin(), days->end(), day) == days->end())
        return fail(QStringLiteral("%1 has nothing left to close (closed already, or no tickets and no bookings)").arg(date));
    auto closed = close(day, now);
    if (!closed)
        return fail(QStringLiteral("cannot close %1: %2").arg(date, closed.error().detail));
    qCInfo(lcDay).noquote() << "day closed by hand:" << date << "—" << closed->expired << "expired," << closed->served
                            << "finished at close," << closed->noShows << "no-shows";
    Q_EMIT dayClosed(day, closed.value());
    return closed.value();
}

void DayService::markNoShows(const QDateTime &now)
{
    // B5: lapsed once late_forfeit_minutes past the slot start; the store takes slots started before.
    const QDateTime lapsedBefore = now.addSecs(-qint64(m_catalog.catalog().rules.lateForfeitMinutes) * 60);
    auto marked = m_bookings.markNoShows(lapsedBefore, m_catalog.centerTime().toLocal(now));
    if (!marked) {
        qCCritical(lcDay).noquote() << "cannot mark lapsed bookings:" << marked.error().detail;
        return;
    }
    if (marked.value() > 0) {
        qCInfo(lcDay) << marked.value() << "booking(s) lapsed: no-show";
        Q_EMIT noShowsMarked(marked.value());
    }
}

} // namespace hk
