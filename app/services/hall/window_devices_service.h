#pragma once

#include "app/ports/devices/window_bus.h"
#include "app/services/catalog_service.h"
#include "app/services/hall/rating_service.h"
#include "app/services/queue_service.h"

#include <QObject>

namespace hk {

// The devices at each window follow the queue (DESIGN §4): the board shows the number called
// ("Y003 请到3号窗口"), "暂停服务" when paused and "预约办理" in booking mode; the caller's keys do
// exactly what the console's buttons do; the evaluator is asked to rate each ticket served and its
// rating is recorded as the citizen-facing page's would be.
class WindowDevicesService : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultBlinkMs = 8000; // a new call blinks this long, then stays

    WindowDevicesService(WindowBus &bus, QueueService &queue, RatingService &ratings, const CatalogService &catalog,
                         int blinkMs = kDefaultBlinkMs, QObject *parent = nullptr);

    // Puts every window's state on its board (at start-up, and whenever the bus asks).
    void showAll();
    static BoardContent boardContent(const WindowState &state, const QString &windowName, bool justCalled);

private:
    void onWindowChanged(const WindowState &state);
    void onTicketCalled(const CallAnnouncement &call);
    void onKeyPressed(int window, CallerKey key);
    void onRatingGiven(int window, const QString &ticketId, int level);
    QString windowName(int window) const;

    WindowBus &m_bus;
    QueueService &m_queue;
    RatingService &m_ratings;
    const CatalogService &m_catalog;
    int m_blinkMs;
};

} // namespace hk
