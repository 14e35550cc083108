#include "app/services/day_service.h"

#include "app/services/logging.h"

#include <QUuid>

#include <algorithm>
#include <cstdlib>

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
    noticeClockJump(now);
    closeDueDays(now);
    checkpointOwnLog(now);
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

// The clock set forward or back (a time sync, a technician, an RTC reset) is said in the log: what
// it read, what it reads now, and what follows. Nothing else changes: numbers go on from the
// store's, a day closed stays closed (a backward jump never closes or reopens one), and waits are
// counted from the instant, never below zero (QueueStore).
void DayService::noticeClockJump(const QDateTime &now)
{
    constexpr qint64 kJumpMs = 60 * 1000;
    if (m_lastReading.isValid() && m_sinceReading.isValid()) {
        const qint64 expected = qint64(double(m_sinceReading.elapsed()) * m_clock.rate());
        const qint64 off = m_lastReading.msecsTo(now) - expected;
        if (std::abs(off) >= kJumpMs) {
            const CenterTime &time = m_catalog.centerTime();
            qCWarning(lcDay).noquote() << QStringLiteral("clock jumped %1 by %2 s: it read %3, it reads %4; ticket numbers go on, "
                                                         "closed days stay closed")
                                              .arg(off > 0 ? QStringLiteral("forward") : QStringLiteral("back"))
                                              .arg(std::abs(off) / 1000)
                                              .arg(time.toLocal(m_lastReading.addMSecs(expected)).toString(Qt::ISODate),
                                                   time.toLocal(now).toString(Qt::ISODate));
        }
    }
    m_lastReading = now;
    m_sinceReading.start();
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
        sendAuditCheckpoint(day, now);
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
    sendAuditCheckpoint(day, now);
    Q_EMIT dayClosed(day, closed.value());
    return closed.value();
}

void DayService::setAuditCheckpoint(AuditLog *log, OutboxStore *outbox, QString key)
{
    m_auditLog = log;
    m_outbox = outbox;
    m_auditKey = std::move(key);
}

void DayService::setOwnAuditCheckpoint(AuditLog *log, QString key)
{
    m_ownLog = log;
    m_ownKey = std::move(key);
}

// The day is closed whatever happens here: a checkpoint that cannot be written is logged as an
// error (the next day's carries the chain on, rows and head, so nothing in it is lost to the
// platform — only that day's mark).
void DayService::sendAuditCheckpoint(const CivilDate &day, const QDateTime &now)
{
    if (m_auditLog && m_outbox)
        writeCheckpoint(*m_auditLog, m_auditKey, day, now);
    if (m_ownLog && m_outbox && (!m_ownCheckpointed || *m_ownCheckpointed < day) && !ownCheckpointWritten(day)) {
        if (writeCheckpoint(*m_ownLog, m_ownKey, day, now))
            markOwnCheckpoint(day, now);
        m_ownCheckpointed = day;
    }
}

// Whether the own log's checkpoint of `day` was written before, by this run or an earlier one: the
// log itself keeps the mark (a row `audit_checkpoint_sent`, subject `audit_checkpoint:DATE`), so a
// restart writes no event twice (DESIGN §6: every event once).
bool DayService::ownCheckpointWritten(const CivilDate &day)
{
    auto marks = m_ownLog->entries(QStringLiteral("audit_checkpoint:%1").arg(QString::fromStdString(day.toString())));
    return marks && !marks.value().empty();
}

void DayService::markOwnCheckpoint(const CivilDate &day, const QDateTime &now)
{
    const QString date = QString::fromStdString(day.toString());
    if (auto marked = m_ownLog->append(AuditEntry{now, QStringLiteral("terminal"), QStringLiteral("audit_checkpoint_sent"),
                                                  QStringLiteral("audit_checkpoint:%1").arg(date), QJsonObject{{QStringLiteral("log"), m_ownKey}}});
        !marked)
        qCWarning(lcDay).noquote() << "audit checkpoint of" << m_ownKey << date << "sent but not marked:" << marked.error().detail;
}

// The terminal's own log in a hall: the latest day whose close time has passed (within two weeks)
// is checkpointed once, whoever closed it; the mark in the log keeps a restart from writing it again.
void DayService::checkpointOwnLog(const QDateTime &now)
{
    if (!m_ownLog || !m_outbox)
        return;
    const LocalDateTime local = m_catalog.centerTime().localOf(now);
    std::optional<CivilDate> due;
    for (int back = 0; back < 14 && !due; ++back) {
        const CivilDate day = local.date().addDays(-back);
        if (const auto closesAt = m_catalog.calendar().dayCloseAt(day); closesAt && *closesAt <= local)
            due = day;
    }
    if (!due || (m_ownCheckpointed && !(*m_ownCheckpointed < *due)))
        return;
    // A log no technician has written to yet has nothing to mark.
    if (auto head = m_ownLog->head(); head && head->rows == 0)
        return;
    if (!ownCheckpointWritten(*due) && writeCheckpoint(*m_ownLog, m_ownKey, *due, now))
        markOwnCheckpoint(*due, now);
    m_ownCheckpointed = *due; // tried once: a failure is logged, and the next day's covers the chain
}

bool DayService::writeCheckpoint(AuditLog &log, const QString &key, const CivilDate &day, const QDateTime &now)
{
    const QString date = QString::fromStdString(day.toString());
    auto head = log.head();
    if (!head) {
        qCCritical(lcDay).noquote() << "audit checkpoint of" << key << date << "not sent: cannot read the audit log:" << head.error().detail;
        return false;
    }
    static const QUuid kNamespace = QUuid::fromString(QStringLiteral("{6a0c3b53-0d0e-4a55-9a7f-2f1d0c6b8e41}"));
    OutboxEvent event;
    event.id = QUuid::createUuidV5(kNamespace, QStringLiteral("audit_checkpoint/%1/%2").arg(key, date)).toString(QUuid::WithoutBraces);
    event.type = QStringLiteral("audit_checkpoint");
    event.at = m_catalog.centerTime().toLocal(now);
    event.data = QJsonObject{{QStringLiteral("rows"), double(head->rows)},
                             {QStringLiteral("head"), head->hash.isEmpty() ? QString(64, QLatin1Char('0')) : head->hash},
                             {QStringLiteral("date"), date},
                             {QStringLiteral("log"), key}};
    if (auto appended = m_outbox->append(event); !appended) {
        qCCritical(lcDay).noquote() << "audit checkpoint of" << key << date << "not written:" << appended.error().detail;
        return false;
    }
    qCInfo(lcDay).noquote() << "audit checkpoint of" << key << date << ":" << head->rows << "rows, head" << head->hash.left(12);
    return true;
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
