#pragma once

#include "app/domain/queue/calling_policy.h"
#include "app/ports/clock.h"
#include "app/ports/hall_channel.h"
#include "app/ports/stores/queue_store.h"
#include "app/services/audit_trail_service.h"
#include "app/services/catalog_service.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>

#include <functional>

namespace hk {

// What the hall hears and sees when a number is called: boards, voice, the hall display.
struct CallAnnouncement {
    QString ticketId;
    QString number;
    int window = 0;
    QString windowName; // the catalog's name: "3号窗口", "综合窗口"
    QDateTime at;
    bool recall = false;
};

// A citizen done at a window: what the evaluator and the rating page ask about next.
struct ServedTicket {
    QString ticketId;
    QString number;
    int window = 0;
};

struct QueueSettings {
    CallingPolicy policy;
    int recallMax = 3;
};

// The window staff's use cases (DESIGN §3 Calling, §7 routes): call next, recall, start serving,
// pass, finish, pause and resume, 预约办理 mode, transfer, re-queue. Each is one store transaction;
// what changed is reported upward as signals for the console, the boards and the voice, and told
// to the hall's other terminals through the `HallChannel`. What they tell in turn is reported with
// the same signals, read from the store (DESIGN §11, "Live"), so whatever listens here follows the
// calls of every console and caller in the hall.
class QueueService : public QObject {
    Q_OBJECT
public:
    static inline const QString kNoActor = QStringLiteral("terminal");

    QueueService(QueueStore &store, HallChannel &hall, CatalogService &catalog, const Clock &clock, QueueSettings settings,
                 QObject *parent = nullptr);
    // Where each action done here is written (DESIGN §16); none: not audited (tools, tests).
    void setAuditTrail(AuditTrailService *trail) { m_audit = trail; }

    // `actor`: who acts, for the audit log (DESIGN §16) — "staff:S01" from a console, "caller:3"
    // from a window's caller; "terminal" when no one is named (the day simulator, tests).
    Result<WindowState, QueueError> callNext(int window, const QString &actor = kNoActor);
    Result<WindowState, QueueError> recall(int window, const QString &actor = kNoActor);
    Result<WindowState, QueueError> startServing(int window, const QString &actor = kNoActor);
    Result<WindowState, QueueError> pass(int window, const QString &actor = kNoActor);
    Result<WindowState, QueueError> finish(int window, const QString &actor = kNoActor);
    Result<WindowState, QueueError> pause(int window, const QString &actor = kNoActor);
    Result<WindowState, QueueError> resume(int window, const QString &actor = kNoActor);
    Result<WindowState, QueueError> setMode(int window, WindowMode mode, const QString &actor = kNoActor); // normal | booking
    Result<WindowState, QueueError> transfer(int window, const QString &toGroup, const QString &actor = kNoActor);
    Result<WindowState, QueueError> windowState(int window);
    // Q4: a passed ticket back in the queue; audited as `ticket_requeued` by `actor` ("citizen" at
    // the kiosk's 排队查询).
    Result<TicketRecord, QueueError> requeue(const QString &ticketId, const QString &actor = kNoActor);
    // Every window's state and the queue, reported again as they stand in the store: after a
    // reconnect, when notices may have been missed.
    void refreshAll();

    const QueueSettings &settings() const { return m_settings; }

Q_SIGNALS:
    void windowChanged(const hk::WindowState &state);
    void ticketCalled(const hk::CallAnnouncement &announcement);
    void queueChanged();
    void ticketServed(const hk::ServedTicket &ticket); // by finish, or by a call-next that finished it

private:
    // What a window action does beyond the window: a call is heard in the hall, and the citizen
    // who leaves the window after a call-next or a finish was served.
    enum class Effect { Quiet, CallNext, Recall, Finish };
    using Step = std::function<Result<WindowState, QueueError>(const WindowContext &)>;

    // What the audit log says of an action: its name, and what changed beyond the window's state.
    struct Audited {
        QString action; // "ticket_called", "window_mode_changed", …
        QString actor;
        QJsonObject detail = {};
    };
    Result<WindowState, QueueError> act(int window, Effect effect, const Step &step, const Audited &audited);
    void audit(const Audited &audited, int window, const std::optional<TicketRecord> &before, const WindowState &after);
    Result<WindowContext, QueueError> contextFor(int window) const;
    // What slack:F needs to tell a booked citizen's time left on `serviceDate` (Q5: open minutes).
    WaitReckoning waitReckoning(const CivilDate &serviceDate) const;
    Result<WindowState, QueueError> report(Result<WindowState, QueueError> result, Effect effect);
    // The citizen who left the window, when they left it served; reported as `ticketServed`.
    std::optional<ServedTicket> reportServed(const std::optional<TicketRecord> &before, const Result<WindowState, QueueError> &after);
    CallAnnouncement announcementOf(const TicketRecord &ticket, int window, bool recall, const QDateTime &at) const;
    void publish(const WindowState &state, Effect effect, const std::optional<ServedTicket> &served);
    // Another terminal's change, reported as if it had been made here.
    void onNoticed(const HallNotice &notice);
    void followWindow(const HallNotice &notice);

    QueueStore &m_store;
    HallChannel &m_hall;
    CatalogService &m_catalog;
    const Clock &m_clock;
    QueueSettings m_settings;
    AuditTrailService *m_audit = nullptr;
};

} // namespace hk

Q_DECLARE_METATYPE(hk::CallAnnouncement)
Q_DECLARE_METATYPE(hk::ServedTicket)
