#include "app/services/sync/sync_service.h"

#include "app/services/logging.h"

#include <QPointer>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace hk {

SyncService::SyncService(PlatformClient &platform, OutboxStore &outbox, SenderLease &lease, BookingStore &bookings,
                         SyncStateStore &state, CatalogService &catalog, const Clock &clock, SyncSettings settings,
                         QObject *parent)
    : QObject(parent)
    , m_platform(platform)
    , m_outbox(outbox)
    , m_lease(lease)
    , m_bookings(bookings)
    , m_state(state)
    , m_catalog(catalog)
    , m_clock(clock)
    , m_settings(std::move(settings))
    , m_random(m_settings.jitterSeed ? m_settings.jitterSeed : std::random_device{}())
{
    m_health.configured = true;
    m_health.catalogVersion = m_catalog.catalog().version;
    m_timer.setInterval(std::max(1, m_settings.tickMs));
    connect(&m_timer, &QTimer::timeout, this, &SyncService::tick);
}

void SyncService::start()
{
    const QDateTime now = m_clock.now();
    m_pullDueAt = now;
    m_pushDueAt = now;
    m_timer.start();
    m_health.sender = m_lease.tryHold();
    QTimer::singleShot(0, this, &SyncService::tick);
    publish();
}

void SyncService::stop()
{
    m_timer.stop();
}

void SyncService::pullNow()
{
    m_pullDueAt = m_clock.now();
    m_pullFailures = 0;
    tick();
}

void SyncService::pushNow()
{
    m_pushDueAt = m_clock.now();
    tick();
}

void SyncService::tick()
{
    const QDateTime now = m_clock.now();
    if (!m_pulling && now >= m_pullDueAt)
        startPull();
    if (!m_pushing && now >= m_pushDueAt && holdsLease())
        startPush();
}

bool SyncService::holdsLease()
{
    const bool holds = m_lease.tryHold();
    if (holds != m_health.sender) {
        qCInfo(lcSync).noquote() << (holds ? "this terminal sends the hall's outbox now"
                                           : "this terminal does not send the hall's outbox (another holds the sender "
                                             "lease, or the hall database is out of reach); it still pulls");
        m_health.sender = holds;
        publish();
    }
    return holds;
}

qint64 SyncService::retryDelayMs(int failures)
{
    const double cap = m_settings.retryCapMs > 0 ? m_settings.retryCapMs : m_settings.pullIntervalS * 1000.0;
    const double delay = std::min(cap, m_settings.retryBaseMs * std::pow(2.0, std::min(failures, 30) - 1));
    // Half fixed, half random: terminals that lost the platform together do not return together.
    std::uniform_real_distribution<double> jitter(0.0, delay / 2);
    return qint64(delay / 2 + jitter(m_random));
}

void SyncService::succeeded()
{
    if (!m_health.online && m_health.offlineSince)
        qCInfo(lcSync).noquote() << QStringLiteral("the platform answers again, after %1 s")
                                        .arg(m_health.offlineSince->secsTo(m_clock.now()));
    m_health.online = true;
    m_health.offlineSince.reset();
    m_health.lastError.clear();
    m_health.clockOffsetS = m_platform.clockOffsetS();
}

void SyncService::failed(const QString &why)
{
    if (m_health.online || !m_health.offlineSince) {
        qCWarning(lcSync).noquote() << "platform unreachable or refusing:" << why
                                    << "- serving from the cache; events stay in the outbox";
    } else if (why != m_health.lastError) {
        qCWarning(lcSync).noquote() << "platform still failing:" << why;
    }
    m_health.online = false;
    if (!m_health.offlineSince)
        m_health.offlineSince = m_clock.now();
    m_health.lastError = why;
    m_health.clockOffsetS = m_platform.clockOffsetS();
}

void SyncService::publish()
{
    if (auto counts = m_outbox.counts())
        m_health.parked = counts->parked;
    m_health.catalogVersion = m_catalog.catalog().version;
    if (m_health == m_published)
        return;
    m_published = m_health;
    Q_EMIT healthChanged(m_health);
}

// ---- pull: the catalog, then the bookings page by page --------------------------------------

void SyncService::startPull()
{
    m_pulling = true;
    m_pulledThisRound = 0;
    QPointer<SyncService> self(this);
    m_pullError.reset();
    m_platform.fetchCatalog([self](Result<PulledCatalog, PlatformError> result) {
        if (!self)
            return;
        if (!result) {
            const PlatformError::Kind kind = result.error().kind;
            // A platform that cannot be reached gives no bookings either; a catalog it answered
            // but the terminal cannot use does not stop the bookings (the pull still counts as failed).
            if (kind != PlatformError::Kind::BadResponse && kind != PlatformError::Kind::Refused &&
                kind != PlatformError::Kind::NotFound)
                return self->finishPull(result.error());
            self->m_pullError = result.error();
        } else {
            self->applyCatalog(result.value());
        }
        auto cursor = self->m_state.bookingCursor();
        if (!cursor) {
            qCCritical(lcSync).noquote() << "cannot read the booking cursor:" << cursor.error().detail;
            return self->finishPull(PlatformError{PlatformError::Kind::BadResponse, 0, {}, cursor.error().detail, std::nullopt});
        }
        self->pullBookings(cursor.value());
    });
}

void SyncService::applyCatalog(const PulledCatalog &pulled)
{
    const int version = pulled.catalog.version;
    const int current = m_catalog.catalog().version;
    if (version == current)
        return;
    if (QString::fromStdString(pulled.catalog.center.id) != m_settings.centerId) {
        if (m_refusedCatalogVersion != version)
            qCCritical(lcSync).noquote() << QStringLiteral("catalog version %1 is for center \"%2\", not this terminal's \"%3\": not applied")
                                                .arg(version)
                                                .arg(QString::fromStdString(pulled.catalog.center.id), m_settings.centerId);
        m_refusedCatalogVersion = version;
        return;
    }
    if (auto saved = m_state.saveCatalog({version, pulled.json}); !saved)
        qCCritical(lcSync).noquote() << "cannot keep the pulled catalog:" << saved.error().detail;
    for (const QString &w : pulled.warnings)
        qCWarning(lcSync).noquote() << "catalog version" << version << w << "(ignored)";
    m_catalog.replace(pulled.catalog);
    qCInfo(lcSync).noquote() << QStringLiteral("catalog version %1 in force (was %2)").arg(version).arg(current);
    Q_EMIT catalogApplied(version);
}

void SyncService::pullBookings(std::optional<QString> cursor)
{
    QPointer<SyncService> self(this);
    m_platform.fetchBookings(cursor, m_settings.bookingPage, [self, cursor](Result<BookingPage, PlatformError> result) {
        if (!self)
            return;
        if (!result)
            return self->finishPull(result.error());
        BookingPage page = std::move(result).value();
        for (BookingRecord &b : page.bookings) {
            b.groupCode = self->m_catalog.groupOfMatter(b.matterCode).value_or(b.groupCode);
            // Its service date is its slot start's date in the center's zone, whatever offset the
            // platform wrote (DESIGN §3, B7): the cache files it under the date its slot carries.
            b.slotStart = self->m_catalog.centerTime().toLocal(b.slotStart);
            if (b.slotEnd.isValid())
                b.slotEnd = self->m_catalog.centerTime().toLocal(b.slotEnd);
        }
        if (page.skipped)
            qCWarning(lcSync) << page.skipped << "bookings broke the contract and were left out";
        auto stored = self->m_bookings.upsertMany(page.bookings);
        if (!stored) {
            qCCritical(lcSync).noquote() << "cannot store pulled bookings:" << stored.error().detail;
            return self->finishPull(PlatformError{PlatformError::Kind::BadResponse, 0, {}, stored.error().detail, std::nullopt});
        }
        if (!page.cursor.isEmpty() && page.cursor != cursor) {
            if (auto saved = self->m_state.setBookingCursor(page.cursor); !saved)
                qCCritical(lcSync).noquote() << "cannot keep the booking cursor:" << saved.error().detail;
        }
        self->m_pulledThisRound += stored.value();
        if (stored.value())
            Q_EMIT self->bookingsApplied(stored.value());
        // A platform that says "more" without moving its cursor would have us ask forever.
        if (page.more && !page.cursor.isEmpty() && page.cursor != cursor)
            return self->pullBookings(page.cursor);
        self->finishPull(self->m_pullError);
    });
}

void SyncService::finishPull(const std::optional<PlatformError> &error)
{
    m_pulling = false;
    const QDateTime now = m_clock.now();
    if (error) {
        ++m_pullFailures;
        m_pullDueAt = now.addMSecs(retryDelayMs(m_pullFailures));
        failed(describe(*error));
    } else {
        m_pullFailures = 0;
        m_pullDueAt = now.addSecs(m_settings.pullIntervalS);
        m_health.lastPull = now;
        succeeded();
        if (m_pulledThisRound)
            qCInfo(lcSync) << m_pulledThisRound << "bookings updated from the platform";
    }
    publish();
    Q_EMIT pullFinished(!error);
}

// ---- push: the outbox, oldest first, one batch at a time ------------------------------------

void SyncService::startPush()
{
    auto pending = m_outbox.pending(m_settings.eventBatch);
    if (!pending) {
        qCCritical(lcSync).noquote() << "cannot read the outbox:" << pending.error().detail;
        m_pushDueAt = m_clock.now().addMSecs(retryDelayMs(++m_pushFailures));
        return;
    }
    if (pending->empty())
        return; // due again at the next tick: a new event goes out within a tick
    std::vector<OutboxEvent> events;
    QStringList ids;
    for (const PendingEvent &p : pending.value()) {
        events.push_back(p.event);
        ids << p.event.id;
    }
    m_pushing = true;
    QPointer<SyncService> self(this);
    m_platform.sendEvents(events, [self, ids](Result<EventBatchReply, PlatformError> reply) {
        if (self)
            self->onEventsAnswered(ids, reply);
    });
}

void SyncService::onEventsAnswered(const QStringList &ids, const Result<EventBatchReply, PlatformError> &reply)
{
    m_pushing = false;
    const QDateTime now = m_clock.now();
    if (!reply) {
        // Nothing is known of this batch: every event stays and goes again, the platform
        // recognising by id whatever it already applied.
        const QString why = describe(reply.error());
        if (auto noted = m_outbox.noteAttempt(ids, why); !noted)
            qCCritical(lcSync).noquote() << "cannot note a failed push:" << noted.error().detail;
        m_pushDueAt = now.addMSecs(retryDelayMs(++m_pushFailures));
        failed(why);
        publish();
        Q_EMIT pushFinished(false);
        return;
    }
    const QSet<QString> sent(ids.begin(), ids.end());
    QStringList delivered;
    QSet<QString> settled;
    for (const QStringList *list : {&reply->accepted, &reply->duplicates}) {
        for (const QString &id : *list) {
            if (sent.contains(id) && !settled.contains(id)) {
                delivered << id;
                settled.insert(id);
            }
        }
    }
    std::vector<ParkedEvent> parked;
    for (const EventRejection &r : reply->rejected) {
        if (sent.contains(r.id) && !settled.contains(r.id)) {
            parked.push_back({r.id, r.error});
            settled.insert(r.id);
            qCWarning(lcSync).noquote() << "the platform rejected event" << r.id << "(" << r.error
                                        << ") - parked: kept and shown in health, not resent by itself";
        }
    }
    QStringList unanswered;
    for (const QString &id : ids) {
        if (!settled.contains(id))
            unanswered << id;
    }
    if (auto done = m_outbox.settle(delivered, parked); !done) {
        qCCritical(lcSync).noquote() << "cannot settle delivered events:" << done.error().detail;
        // They stay pending and go again; the platform reports them duplicates then.
        m_pushDueAt = now.addMSecs(retryDelayMs(++m_pushFailures));
        publish();
        Q_EMIT pushFinished(false);
        return;
    }
    if (!unanswered.isEmpty())
        (void)m_outbox.noteAttempt(unanswered, QStringLiteral("not acknowledged"));
    m_health.lastPush = now;
    succeeded();
    if (settled.isEmpty()) {
        // An answer about none of what was sent: do not ask again at once.
        m_pushDueAt = now.addMSecs(retryDelayMs(++m_pushFailures));
    } else {
        m_pushFailures = 0;
        m_pushDueAt = now;
        if (ids.size() >= m_settings.eventBatch) // likely more waiting: keep draining
            QTimer::singleShot(0, this, &SyncService::tick);
    }
    publish();
    Q_EMIT eventsSettled(int(delivered.size()), int(parked.size()));
    Q_EMIT pushFinished(true);
}

} // namespace hk
