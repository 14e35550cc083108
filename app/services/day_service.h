#pragma once

#include "app/ports/clock.h"
#include "app/ports/stores/audit_log.h"
#include "app/ports/stores/outbox_store.h"
#include "app/ports/stores/booking_store.h"
#include "app/ports/stores/queue_store.h"
#include "app/services/catalog_service.h"

#include <QMetaType>
#include <QObject>
#include <QElapsedTimer>
#include <QTimer>

#include <optional>

namespace hk {

// Whether the terminal issues tickets now (DESIGN §3, issuing hours), and if not, from when.
struct IssuingState {
    bool issuing = false;
    std::optional<QDateTime> nextStart; // an instant; none when the calendar never opens again
    friend bool operator==(const IssuingState &, const IssuingState &) = default;
};

// The hall's day as time passes (DESIGN §3): day close 60 minutes after the last issuing interval
// ends, or at the first start-up on a later day, whichever comes first; bookings that lapsed
// (B5) marked no-show as soon as the terminal notices; the issuing hours opening and closing.
// Each change is one store transaction with its events, so a power cut in between loses nothing.
class DayService : public QObject {
    Q_OBJECT
public:
    DayService(QueueStore &queue, BookingStore &bookings, CatalogService &catalog, const Clock &clock,
               QObject *parent = nullptr);

    // Catches up with what happened while the terminal was off, then looks again every `tickMs`.
    void start(int tickMs = 30000);
    // One look at the clock: closes the days that are due, marks lapsed bookings no-show, and
    // reports a change of issuing hours.
    void tick();

    IssuingState issuingState() const;

    // DESIGN §16: after each day close, `log`'s head goes to the platform as `audit_checkpoint
    // {rows, head, date}` through `outbox`. `key` names the log among the hall's ("hall", or
    // "terminal:T01" for a terminal's own): the event's id is derived from it and the day, so a
    // day closed twice (two terminals racing) still reaches the platform once.
    void setAuditCheckpoint(AuditLog *log, OutboxStore *outbox, QString key);
    // In a hall: the terminal's own log (its technicians' changes, in its SQLite file), which no
    // other terminal can read, checkpointed by this terminal as `audit_checkpoint {rows, head,
    // date, log: key}` through the outbox of setAuditCheckpoint — after each day close it makes,
    // and, for a day another terminal of the hall closed, at the first tick once the day's close
    // time (the calendar's dayCloseAt) has passed. `key` is "terminal:<id>": with the date it gives
    // the event an id distinct from the hall's checkpoint and from every other terminal's.
    void setOwnAuditCheckpoint(AuditLog *log, QString key);

    // A technician's day close (DESIGN §12, 数据): closes `day` now — today before its time, or an
    // earlier day left open. A day in the future, or one with nothing left to close, is refused
    // with why.
    Result<DayCloseSummary, QString> closeNow(const CivilDate &day);

Q_SIGNALS:
    void dayClosed(const hk::CivilDate &date, const hk::DayCloseSummary &summary);
    void noShowsMarked(int count);
    void issuingChanged(const hk::IssuingState &state);

private:
    void noticeClockJump(const QDateTime &now);
    void closeDueDays(const QDateTime &now);
    Result<DayCloseSummary, StoreError> close(const CivilDate &day, const QDateTime &now);
    void markNoShows(const QDateTime &now);
    void sendAuditCheckpoint(const CivilDate &day, const QDateTime &now);
    bool writeCheckpoint(AuditLog &log, const QString &key, const CivilDate &day, const QDateTime &now);
    void checkpointOwnLog(const QDateTime &now);
    bool ownCheckpointWritten(const CivilDate &day);
    void markOwnCheckpoint(const CivilDate &day, const QDateTime &now);

    QueueStore &m_queue;
    BookingStore &m_bookings;
    CatalogService &m_catalog;
    const Clock &m_clock;
    QTimer m_timer;
    std::optional<IssuingState> m_lastIssuing;
    QDateTime m_lastReading;     // the clock at the last tick
    QElapsedTimer m_sinceReading; // steady time since then
    AuditLog *m_auditLog = nullptr;
    OutboxStore *m_outbox = nullptr;
    QString m_auditKey;
    AuditLog *m_ownLog = nullptr;
    QString m_ownKey;
    std::optional<CivilDate> m_ownCheckpointed; // the last day whose own checkpoint was written (or tried)
};

} // namespace hk

Q_DECLARE_METATYPE(hk::IssuingState)
Q_DECLARE_METATYPE(hk::CivilDate)
Q_DECLARE_METATYPE(hk::DayCloseSummary)
