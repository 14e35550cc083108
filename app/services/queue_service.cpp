#include "app/services/queue_service.h"

#include "app/services/logging.h"

namespace hk {

QueueService::QueueService(QueueStore &store, CatalogService &catalog, const Clock &clock, QueueSettings settings,
                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_catalog(catalog)
    , m_clock(clock)
    , m_settings(settings)
{
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
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    context.choose = [policy, nowSeconds](const WindowCallState &state, const std::vector<QueuedTicket> &waiting) {
        return chooseNext(policy, state, waiting, nowSeconds);
    };
    return context;
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
        const HallWindow *w = m_catalog.catalog().findWindow(state.number);
        CallAnnouncement a{state.current->id, state.current->number, state.number,
                           w ? QString::fromStdString(w->name) : QStringLiteral("%1号窗口").arg(state.number),
                           m_catalog.centerTime().toLocal(m_clock.now()), isRecall};
        qCInfo(lcQueue).noquote() << (isRecall ? "recalled" : "called") << a.number << "to window" << a.window;
        Q_EMIT ticketCalled(a);
    }
    Q_EMIT queueChanged();
    return result;
}

void QueueService::reportServed(const std::optional<TicketRecord> &before, const Result<WindowState, QueueError> &after)
{
    if (!before || !after || (after->current && after->current->id == before->id))
        return;
    // The citizen left the window; served, unless day close got there first.
    auto ticket = m_store.ticket(before->id);
    if (ticket && ticket.value() && (*ticket)->state == TicketState::Served)
        Q_EMIT ticketServed(ServedTicket{before->id, before->number, after->number});
}

Result<WindowState, QueueError> QueueService::act(int window, Effect effect, const Step &step)
{
    auto context = contextFor(window);
    if (!context)
        return fail(context.error());
    std::optional<TicketRecord> before;
    if (effect == Effect::CallNext || effect == Effect::Finish) {
        if (auto state = m_store.windowState(window))
            before = state->current;
    }
    auto result = report(step(*context), effect);
    reportServed(before, result);
    return result;
}

Result<WindowState, QueueError> QueueService::callNext(int window)
{
    return act(window, Effect::CallNext, [this](const WindowContext &c) { return m_store.callNext(c); });
}

Result<WindowState, QueueError> QueueService::recall(int window)
{
    return act(window, Effect::Recall, [this](const WindowContext &c) { return m_store.recall(c, m_settings.recallMax); });
}

Result<WindowState, QueueError> QueueService::startServing(int window)
{
    return act(window, Effect::Quiet, [this](const WindowContext &c) { return m_store.startServing(c); });
}

Result<WindowState, QueueError> QueueService::pass(int window)
{
    return act(window, Effect::Quiet, [this](const WindowContext &c) { return m_store.pass(c); });
}

Result<WindowState, QueueError> QueueService::finish(int window)
{
    return act(window, Effect::Finish, [this](const WindowContext &c) { return m_store.finish(c); });
}

Result<WindowState, QueueError> QueueService::pause(int window)
{
    return setMode(window, WindowMode::Paused);
}

Result<WindowState, QueueError> QueueService::resume(int window)
{
    return act(window, Effect::Quiet, [this](const WindowContext &c) { return m_store.resume(c); });
}

Result<WindowState, QueueError> QueueService::setMode(int window, WindowMode mode)
{
    return act(window, Effect::Quiet, [this, mode](const WindowContext &c) { return m_store.setMode(c, mode); });
}

Result<WindowState, QueueError> QueueService::transfer(int window, const QString &toGroup)
{
    if (!m_catalog.catalog().findGroup(toGroup.toStdString()))
        return fail(QueueError{QueueError::Kind::UnknownGroup, QStringLiteral("no group %1 in the catalog").arg(toGroup)});
    return act(window, Effect::Quiet, [this, &toGroup](const WindowContext &c) { return m_store.transfer(c, toGroup); });
}

Result<WindowState, QueueError> QueueService::windowState(int window)
{
    if (!m_catalog.catalog().findWindow(window))
        return fail(QueueError{QueueError::Kind::UnknownWindow, QStringLiteral("no window %1 in the catalog").arg(window)});
    return m_store.windowState(window);
}

Result<TicketRecord, QueueError> QueueService::requeue(const QString &ticketId)
{
    auto result = m_store.requeue(ticketId, m_catalog.centerTime().toLocal(m_clock.now()));
    if (result) {
        qCInfo(lcQueue).noquote() << "re-queued" << result->number;
        Q_EMIT queueChanged();
    }
    return result;
}

} // namespace hk
