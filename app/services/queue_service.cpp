#include "app/services/queue_service.h"

#include "app/services/logging.h"

namespace hk {

namespace {

QString modeText(WindowMode mode)
{
    const std::string_view name = nameOf(mode);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

} // namespace

QueueService::QueueService(QueueStore &store, HallChannel &hall, CatalogService &catalog, const Clock &clock,
                           QueueSettings settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_hall(hall)
    , m_catalog(catalog)
    , m_clock(clock)
    , m_settings(settings)
{
    connect(&m_hall, &HallChannel::noticed, this, &QueueService::onNoticed);
}

Result<WindowContext, QueueError> QueueService::contextFor(int window) const
{
    const HallWindow *hallWindow = m_catalog.catalog().findWindow(window);
    if (!hallWindow)
        return fail(QueueError{QueueError::Kind::UnknownWindow, QStringLiteral("no window %1 in the catalog").arg(window)});
    const QDateTime now = m_clock.now();
    WindowContext context;
    context.window = window;
    context.groups = hallWindow->groups;
    context.serviceDate = m_catalog.centerTime().dateOf(now);
    context.at = m_catalog.centerTime().toLocal(now);
    const CallingPolicy policy = m_settings.policy;
    context.readsWaits = policy.kind == CallingPolicy::Kind::Slack;
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    context.choose = [policy, nowSeconds, reckoning = waitReckoning(context.serviceDate)](const WindowCallState &state,
                                                                                         const std::vector<QueuedTicket> &waiting) {
        return chooseNext(policy, state, waiting, nowSeconds, reckoning);
    };
    return context;
}

WaitReckoning QueueService::waitReckoning(const CivilDate &serviceDate) const
{
    WaitReckoning reckoning;
    if (m_settings.policy.kind != CallingPolicy::Kind::Slack)
        return reckoning; // only slack reads it
    const Catalog &catalog = m_catalog.catalog();
    reckoning.targets = catalog.rules.waitTargets;
    // Q5: open minutes only. A day with no open hours (an emergency booking served outside them,
    // B7) counts every second: the hall is evidently serving.
    const std::vector<Interval> open = m_catalog.calendar().openHours(serviceDate);
    if (open.empty())
        return reckoning;
    const auto secondsAt = [&](MinuteOfDay minute) { // an interval may end at 24:00
        const CivilDate date = serviceDate.addDays(minute / (24 * 60));
        return m_catalog.centerTime().instantOf(date, minute % (24 * 60)).toSecsSinceEpoch();
    };
    std::vector<WaitReckoning::Span> spans;
    for (const Interval &i : open)
        spans.push_back({secondsAt(i.start), secondsAt(i.end)});
    reckoning.openHours = std::move(spans);
    return reckoning;
}

Result<WindowState, QueueError> QueueService::report(Result<WindowState, QueueError> result, Effect effect)
{
    if (!result) {
        qCInfo(lcQueue).noquote() << "refused:" << result.error().detail;
        return result;
    }
    const WindowState &state = result.value();
    Q_EMIT windowChanged(state);
    const bool isRecall = effect == Effect::Recall;
    if ((effect == Effect::CallNext || isRecall) && state.current) {
        const CallAnnouncement a = announcementOf(*state.current, state.number, isRecall, m_catalog.centerTime().toLocal(m_clock.now()));
        qCInfo(lcQueue).noquote() << (isRecall ? "recalled" : "called") << a.number << "to window" << a.window;
        Q_EMIT ticketCalled(a);
    }
    Q_EMIT queueChanged();
    return result;
}

CallAnnouncement QueueService::announcementOf(const TicketRecord &ticket, int window, bool recall, const QDateTime &at) const
{
    const HallWindow *w = m_catalog.catalog().findWindow(window);
    return CallAnnouncement{ticket.id, ticket.number, window,
                            w ? QString::fromStdString(w->name) : QStringLiteral("%1号窗口").arg(window), at, recall};
}

std::optional<ServedTicket> QueueService::reportServed(const std::optional<TicketRecord> &before,
                                                       const Result<WindowState, QueueError> &after)
{
    if (!before || !after || (after->current && after->current->id == before->id))
        return std::nullopt;
    // The citizen left the window; served, unless day close got there first.
    auto ticket = m_store.ticket(before->id);
    if (!ticket || !ticket.value() || (*ticket)->state != TicketState::Served)
        return std::nullopt;
    const ServedTicket served{before->id, before->number, after->number};
    Q_EMIT ticketServed(served);
    return served;
}

void QueueService::publish(const WindowState &state, Effect effect, const std::optional<ServedTicket> &served)
{
    HallNotice notice;
    notice.kind = HallNotice::Kind::Window;
    notice.window = state.number;
    switch (effect) {
    case Effect::Quiet:
        notice.effect = HallNotice::Effect::Quiet;
        break;
    case Effect::CallNext:
        notice.effect = HallNotice::Effect::Call;
        break;
    case Effect::Recall:
        notice.effect = HallNotice::Effect::Recall;
        break;
    case Effect::Finish:
        notice.effect = HallNotice::Effect::Finish;
        break;
    }
    // The ticket called, so a terminal that hears of it late announces the right one.
    if ((effect == Effect::CallNext || effect == Effect::Recall) && state.current)
        notice.calledTicketId = state.current->id;
    if (served)
        notice.servedTicketId = served->ticketId;
    m_hall.publish(notice);
}

Result<WindowState, QueueError> QueueService::act(int window, Effect effect, const Step &step, const Audited &audited)
{
    auto context = contextFor(window);
    if (!context)
        return fail(context.error());
    std::optional<TicketRecord> before;
    if (effect == Effect::CallNext || effect == Effect::Finish || m_audit) {
        if (auto state = m_store.windowState(window))
            before = state->current;
    }
    auto result = report(step(*context), effect);
    const std::optional<ServedTicket> served = reportServed(before, result);
    if (result) {
        publish(result.value(), effect, served);
        audit(audited, window, before, result.value());
    }
    return result;
}

// One row per action done (a refused one changed nothing): the ticket it was done to — the one
// called, or the one that left the window — else the window; the detail says the window and what
// changed. A row that cannot be written is logged and counted; the action stands.
void QueueService::audit(const Audited &audited, int window, const std::optional<TicketRecord> &before, const WindowState &after)
{
    if (!m_audit)
        return;
    QJsonObject detail = audited.detail;
    detail.insert(QStringLiteral("window"), window);
    detail.insert(QStringLiteral("mode"), modeText(after.mode));
    if (after.pendingMode)
        detail.insert(QStringLiteral("pending_mode"), modeText(*after.pendingMode));
    QString subject = QStringLiteral("window:%1").arg(window);
    const bool leaves = before && (!after.current || after.current->id != before->id);
    if (before && detail.contains(QStringLiteral("to_group")))
        detail.insert(QStringLiteral("from_group"), before->groupCode);
    if (leaves) {
        subject = before->id;
        detail.insert(QStringLiteral("number"), before->number);
        if (after.current) // call-next finished one and called the next
            detail.insert(QStringLiteral("next"), after.current->id);
    } else if (after.current) {
        subject = after.current->id;
        detail.insert(QStringLiteral("number"), after.current->number);
    }
    m_audit->record(audited.actor, audited.action, subject, detail);
}

Result<WindowState, QueueError> QueueService::callNext(int window, const QString &actor)
{
    return act(window, Effect::CallNext, [this](const WindowContext &c) { return m_store.callNext(c); },
               {QStringLiteral("ticket_called"), actor});
}

Result<WindowState, QueueError> QueueService::recall(int window, const QString &actor)
{
    return act(window, Effect::Recall, [this](const WindowContext &c) { return m_store.recall(c, m_settings.recallMax); },
               {QStringLiteral("ticket_recalled"), actor});
}

Result<WindowState, QueueError> QueueService::startServing(int window, const QString &actor)
{
    return act(window, Effect::Quiet, [this](const WindowContext &c) { return m_store.startServing(c); },
               {QStringLiteral("ticket_started"), actor});
}

Result<WindowState, QueueError> QueueService::pass(int window, const QString &actor)
{
    return act(window, Effect::Quiet, [this](const WindowContext &c) { return m_store.pass(c); }, {QStringLiteral("ticket_passed"), actor});
}

Result<WindowState, QueueError> QueueService::finish(int window, const QString &actor)
{
    return act(window, Effect::Finish, [this](const WindowContext &c) { return m_store.finish(c); },
               {QStringLiteral("ticket_finished"), actor});
}

Result<WindowState, QueueError> QueueService::pause(int window, const QString &actor)
{
    return act(window, Effect::Quiet, [this](const WindowContext &c) { return m_store.setMode(c, WindowMode::Paused); },
               {QStringLiteral("window_paused"), actor});
}

Result<WindowState, QueueError> QueueService::resume(int window, const QString &actor)
{
    return act(window, Effect::Quiet, [this](const WindowContext &c) { return m_store.resume(c); }, {QStringLiteral("window_resumed"), actor});
}

Result<WindowState, QueueError> QueueService::setMode(int window, WindowMode mode, const QString &actor)
{
    const QString action = mode == WindowMode::Paused ? QStringLiteral("window_paused") : QStringLiteral("window_mode_changed");
    return act(window, Effect::Quiet, [this, mode](const WindowContext &c) { return m_store.setMode(c, mode); },
               {action, actor, QJsonObject{{QStringLiteral("asked"), modeText(mode)}}});
}

Result<WindowState, QueueError> QueueService::transfer(int window, const QString &toGroup, const QString &actor)
{
    if (!m_catalog.catalog().findGroup(toGroup.toStdString()))
        return fail(QueueError{QueueError::Kind::UnknownGroup, QStringLiteral("no group %1 in the catalog").arg(toGroup)});
    return act(window, Effect::Quiet, [this, &toGroup](const WindowContext &c) { return m_store.transfer(c, toGroup); },
               {QStringLiteral("ticket_transferred"), actor, QJsonObject{{QStringLiteral("to_group"), toGroup}}});
}

Result<WindowState, QueueError> QueueService::windowState(int window)
{
    if (!m_catalog.catalog().findWindow(window))
        return fail(QueueError{QueueError::Kind::UnknownWindow, QStringLiteral("no window %1 in the catalog").arg(window)});
    return m_store.windowState(window);
}

Result<TicketRecord, QueueError> QueueService::requeue(const QString &ticketId, const QString &actor)
{
    auto result = m_store.requeue(ticketId, m_catalog.centerTime().toLocal(m_clock.now()));
    if (result) {
        qCInfo(lcQueue).noquote() << "re-queued" << result->number;
        if (m_audit)
            m_audit->record(actor, QStringLiteral("ticket_requeued"), result->id,
                            {{QStringLiteral("number"), result->number}, {QStringLiteral("group"), result->groupCode}});
        Q_EMIT queueChanged();
        HallNotice notice;
        notice.kind = HallNotice::Kind::Queue;
        m_hall.publish(notice);
    }
    return result;
}

void QueueService::refreshAll()
{
    for (const HallWindow &w : m_catalog.catalog().windows) {
        auto state = m_store.windowState(w.number);
        if (!state) {
            qCWarning(lcQueue).noquote() << "cannot read window" << w.number << ":" << state.error().detail;
            continue;
        }
        Q_EMIT windowChanged(state.value());
    }
    Q_EMIT queueChanged();
}

void QueueService::onNoticed(const HallNotice &notice)
{
    switch (notice.kind) {
    case HallNotice::Kind::Window:
        followWindow(notice);
        break;
    case HallNotice::Kind::Queue:
        Q_EMIT queueChanged();
        break;
    case HallNotice::Kind::Refresh:
        refreshAll();
        break;
    case HallNotice::Kind::Help:
    case HallNotice::Kind::HelpTaken:
        break; // 帮办 is HelpService's
    }
}

// The same signals, in the same order, as the action would have raised here: the window, the
// call, the queue, then the citizen who left the window served.
void QueueService::followWindow(const HallNotice &notice)
{
    const int window = notice.window;
    if (!m_catalog.catalog().findWindow(window)) {
        qCInfo(lcQueue) << "window" << window << "changed at" << notice.origin << "is not in this terminal's catalog";
        return;
    }
    auto state = m_store.windowState(window);
    if (!state) {
        qCWarning(lcQueue).noquote() << "cannot read window" << window << "changed at" << notice.origin << ":" << state.error().detail;
        return;
    }
    Q_EMIT windowChanged(state.value());

    const bool recall = notice.effect == HallNotice::Effect::Recall;
    if (notice.effect == HallNotice::Effect::Call || recall) {
        std::optional<TicketRecord> called = state->current;
        if (!notice.calledTicketId.isEmpty() && (!called || called->id != notice.calledTicketId)) {
            // The window has moved on since: the call heard is still the one made.
            auto ticket = m_store.ticket(notice.calledTicketId);
            called = ticket && ticket.value() ? ticket.value() : std::nullopt;
        }
        if (called) {
            // A call is stamped with the ticket's call; a recall leaves that unchanged, so it is
            // stamped when heard, as a recall made here is.
            const QDateTime at = !recall && called->calledAt ? *called->calledAt : m_clock.now();
            const CallAnnouncement a = announcementOf(*called, window, recall, m_catalog.centerTime().toLocal(at));
            qCInfo(lcQueue).noquote() << (recall ? "recalled" : "called") << a.number << "to window" << a.window << "at"
                                      << notice.origin;
            Q_EMIT ticketCalled(a);
        }
    }
    Q_EMIT queueChanged();

    if (!notice.servedTicketId.isEmpty()) {
        auto ticket = m_store.ticket(notice.servedTicketId);
        if (ticket && ticket.value() && (*ticket)->state == TicketState::Served)
            Q_EMIT ticketServed(ServedTicket{(*ticket)->id, (*ticket)->number, window});
    }
}

} // namespace hk
