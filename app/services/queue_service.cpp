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

Result<WindowState, QueueError> QueueService::report(Result<WindowState, QueueError> result, bool announce, bool isRecall)
{
    if (!result) {
        qCInfo(lcQueue).noquote() << "refused:" << result.error().detail;
        return result;
    }
    const WindowState &state = result.value();
    Q_EMIT windowChanged(state);
    if (announce && state.current) {
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

#define HK_WITH_CONTEXT(window)                                                                                        \
    auto context = contextFor(window);                                                                                 \
    if (!context)                                                                                                      \
        return fail(context.error());

Result<WindowState, QueueError> QueueService::callNext(int window)
{
    HK_WITH_CONTEXT(window)
    const auto before = m_store.windowState(window);
    auto result = report(m_store.callNext(*context), true, false);
    reportServed(before ? before->current : std::nullopt, result);
    return result;
}

Result<WindowState, QueueError> QueueService::recall(int window)
{
    HK_WITH_CONTEXT(window)
    return report(m_store.recall(*context, m_settings.recallMax), true, true);
}

Result<WindowState, QueueError> QueueService::startServing(int window)
{
    HK_WITH_CONTEXT(window)
    return report(m_store.startServing(*context), false, false);
}

Result<WindowState, QueueError> QueueService::pass(int window)
{
    HK_WITH_CONTEXT(window)
    return report(m_store.pass(*context), false, false);
}

Result<WindowState, QueueError> QueueService::finish(int window)
{
    HK_WITH_CONTEXT(window)
    const auto before = m_store.windowState(window);
    auto result = report(m_store.finish(*context), false, false);
    reportServed(before ? before->current : std::nullopt, result);
    return result;
}

Result<WindowState, QueueError> QueueService::pause(int window)
{
    HK_WITH_CONTEXT(window)
    return report(m_store.setMode(*context, WindowMode::Paused), false, false);
}

Result<WindowState, QueueError> QueueService::resume(int window)
{
    HK_WITH_CONTEXT(window)
    return report(m_store.resume(*context), false, false);
}

Result<WindowState, QueueError> QueueService::setMode(int window, WindowMode mode)
{
    if (mode == WindowMode::Paused)
        return pause(window);
    HK_WITH_CONTEXT(window)
    return report(m_store.setMode(*context, mode), false, false);
}

Result<WindowState, QueueError> QueueService::transfer(int window, const QString &toGroup)
{
    if (!m_catalog.catalog().findGroup(toGroup.toStdString()))
        return fail(QueueError{QueueError::Kind::UnknownGroup, QStringLiteral("no group %1 in the catalog").arg(toGroup)});
    HK_WITH_CONTEXT(window)
    return report(m_store.transfer(*context, toGroup), false, false);
}

#undef HK_WITH_CONTEXT

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
