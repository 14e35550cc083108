#include "app/services/hall/window_devices_service.h"

#include "app/services/logging.h"

#include <QTimer>

namespace hk {

WindowDevicesService::WindowDevicesService(WindowBus &bus, QueueService &queue, RatingService &ratings,
                                           const CatalogService &catalog, int blinkMs, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_queue(queue)
    , m_ratings(ratings)
    , m_catalog(catalog)
    , m_blinkMs(blinkMs)
{
    connect(&m_queue, &QueueService::windowChanged, this, &WindowDevicesService::onWindowChanged);
    connect(&m_queue, &QueueService::ticketCalled, this, &WindowDevicesService::onTicketCalled);
    connect(&m_queue, &QueueService::ticketServed, this, [this](const ServedTicket &t) {
        m_bus.requestRating(t.window, t.ticketId, t.number);
    });
    connect(&m_bus, &WindowBus::keyPressed, this, &WindowDevicesService::onKeyPressed);
    connect(&m_bus, &WindowBus::ratingGiven, this, &WindowDevicesService::onRatingGiven);
}

QString WindowDevicesService::windowName(int window) const
{
    const HallWindow *w = m_catalog.catalog().findWindow(window);
    return w ? QString::fromStdString(w->name) : QStringLiteral("%1号窗口").arg(window);
}

BoardContent WindowDevicesService::boardContent(const WindowState &state, const QString &windowName, bool justCalled)
{
    BoardContent c;
    if (state.current)
        c.line1 = QStringLiteral("%1 请到%2").arg(state.current->number, windowName);
    else
        c.line1 = windowName;
    switch (state.mode) {
    case WindowMode::Paused:
        c.line2 = QStringLiteral("暂停服务");
        break;
    case WindowMode::Booking:
        c.line2 = QStringLiteral("预约办理");
        break;
    case WindowMode::Normal:
        break;
    }
    c.blink = justCalled && state.current.has_value();
    return c;
}

void WindowDevicesService::showAll()
{
    for (const HallWindow &w : m_catalog.catalog().windows) {
        if (auto state = m_queue.windowState(w.number))
            m_bus.show(w.number, boardContent(state.value(), windowName(w.number), false));
    }
}

void WindowDevicesService::onWindowChanged(const WindowState &state)
{
    m_bus.show(state.number, boardContent(state, windowName(state.number), false));
}

void WindowDevicesService::onTicketCalled(const CallAnnouncement &call)
{
    auto state = m_queue.windowState(call.window);
    if (!state)
        return;
    m_bus.show(call.window, boardContent(state.value(), call.windowName, true));
    // After a while the number stays on without blinking, unless something else came up meanwhile.
    const QString ticketId = call.ticketId;
    const int window = call.window;
    QTimer::singleShot(m_blinkMs, this, [this, window, ticketId] {
        auto now = m_queue.windowState(window);
        if (now && now->current && now->current->id == ticketId)
            m_bus.show(window, boardContent(now.value(), windowName(window), false));
    });
}

void WindowDevicesService::onKeyPressed(int window, CallerKey key)
{
    qCInfo(lcWindows).noquote() << "caller at window" << window << "pressed" << nameOf(key);
    Result<WindowState, QueueError> result = fail(QueueError{QueueError::Kind::NotAllowed, QString()});
    // The clerk at the window pressed it; the bus does not say who that is.
    const QString caller = QStringLiteral("caller:%1").arg(window);
    switch (key) {
    case CallerKey::CallNext:
        result = m_queue.callNext(window, caller);
        break;
    case CallerKey::Recall:
        result = m_queue.recall(window, caller);
        break;
    case CallerKey::Pass:
        result = m_queue.pass(window, caller);
        break;
    case CallerKey::Finish:
        result = m_queue.finish(window, caller);
        break;
    case CallerKey::Pause:
        result = m_queue.pause(window, caller);
        break;
    case CallerKey::Resume:
        result = m_queue.resume(window, caller);
        break;
    case CallerKey::BookingMode:
        result = m_queue.setMode(window, WindowMode::Booking, caller);
        break;
    case CallerKey::NormalMode:
        result = m_queue.setMode(window, WindowMode::Normal, caller);
        break;
    }
    if (!result)
        qCInfo(lcWindows).noquote() << "caller key" << nameOf(key) << "at window" << window << "did nothing:" << result.error().detail;
}

void WindowDevicesService::onRatingGiven(int window, const QString &ticketId, int level)
{
    if (ticketId.isEmpty()) {
        qCWarning(lcWindows) << "evaluator at window" << window << "rated" << level << "but no ticket was put to it; ignored";
        return;
    }
    // A second rating for the same ticket is refused by the store and ignored here (DESIGN §4).
    (void)m_ratings.rate(window, ticketId, level, QString(), RatingChannel::Evaluator);
}

} // namespace hk
