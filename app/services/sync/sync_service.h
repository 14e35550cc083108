#pragma once

#include "app/ports/clock.h"
#include "app/ports/platform_client.h"
#include "app/ports/sender_lease.h"
#include "app/ports/stores/booking_store.h"
#include "app/ports/stores/outbox_store.h"
#include "app/ports/stores/sync_state_store.h"
#include "app/ports/sync_health.h"
#include "app/services/catalog_service.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <optional>
#include <random>

namespace hk {

struct SyncSettings {
    QString centerId;        // the terminal's center: a catalog for another one is refused
    int pullIntervalS = 30;  // platform.pull_interval_s
    int eventBatch = 50;     // events per POST
    int bookingPage = 500;   // bookings per GET
    int tickMs = 1000;       // how often the service looks at what is due (real time)
    int retryBaseMs = 1000;  // the first retry after a failure …
    int retryCapMs = 0;      // … doubling up to this; 0: the pull interval
    quint32 jitterSeed = 0;  // 0: a random seed
};

// Keeps the terminal and the platform in step (DESIGN §6, seed 000 §三(六), seed 001 §三):
// pulls the catalog (applied when its version changes) and the bookings by cursor every pull
// interval, and sends the outbox in order, in batches, removing each event only once the platform
// has accepted it or reported it a duplicate; a rejected one is parked. Failures are retried with
// exponential backoff and jitter; the terminal serves from its cache meanwhile. Every decision
// about time uses the injected clock, so an outage of hours runs in seconds under a fake one.
// In a hall the outbox is the hall's: only the terminal holding the `SenderLease` sends it (DESIGN
// §11), asking for the lease before each push; every terminal pulls.
class SyncService : public QObject {
    Q_OBJECT
public:
    SyncService(PlatformClient &platform, OutboxStore &outbox, SenderLease &lease, BookingStore &bookings,
                SyncStateStore &state, CatalogService &catalog, const Clock &clock, SyncSettings settings,
                QObject *parent = nullptr);

    void start();
    void stop();
    // One look at what is due: a pull, a push, or nothing.
    void tick();
    // Makes a pull due now (after a fault is cleared, from the maintenance menu, in tests).
    void pullNow();
    // Makes a push due now, when this terminal holds the sender lease (the maintenance menu).
    void pushNow();

    SyncHealth health() const { return m_health; }
    bool idle() const { return !m_pulling && !m_pushing; }

Q_SIGNALS:
    void healthChanged(const hk::SyncHealth &health);
    void pullFinished(bool ok);
    void pushFinished(bool ok); // after each batch, whatever became of it
    void catalogApplied(int version);
    void bookingsApplied(int stored);
    void eventsSettled(int delivered, int parked);

private:
    void startPull();
    void pullBookings(std::optional<QString> cursor);
    void finishPull(const std::optional<PlatformError> &error);
    void applyCatalog(const PulledCatalog &pulled);
    // Whether this terminal sends the outbox now; a change shows in health.
    bool holdsLease();
    void startPush();
    void onEventsAnswered(const QStringList &ids, const Result<EventBatchReply, PlatformError> &reply);
    void succeeded();
    void failed(const QString &why);
    qint64 retryDelayMs(int failures);
    void publish();

    PlatformClient &m_platform;
    OutboxStore &m_outbox;
    SenderLease &m_lease;
    BookingStore &m_bookings;
    SyncStateStore &m_state;
    CatalogService &m_catalog;
    const Clock &m_clock;
    SyncSettings m_settings;
    QTimer m_timer;
    std::mt19937 m_random;

    QDateTime m_pullDueAt;
    QDateTime m_pushDueAt;
    int m_pullFailures = 0;
    int m_pushFailures = 0;
    bool m_pulling = false;
    bool m_pushing = false;
    int m_pulledThisRound = 0;
    std::optional<PlatformError> m_pullError; // the catalog failed, the bookings went on
    std::optional<int> m_refusedCatalogVersion;
    SyncHealth m_health;
    SyncHealth m_published;
};

} // namespace hk
