// app/services/sync_service (and remote_booking_service) over the real SQLite stores, the real
// HTTP client and the reference platform in process, all on one fake clock: the catalog and the
// bookings pulled, the outbox delivered in order and exactly once through every fault the
// platform can commit, and two hours without a platform compressed into seconds.

#include "app/services/day_service.h"
#include "app/services/queue_service.h"
#include "app/services/sync/remote_booking_service.h"
#include "app/services/sync/sync_service.h"
#include "db/database.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_sync_state_store.h"
#include "platform/platform_json.h"
#include "platform/sim/demo_data.h"
#include "tests/platform/sim_fixture.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/sql_values.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

using namespace hk;
using namespace hk::test;

namespace {

SyncSettings testSettings()
{
    SyncSettings s;
    s.centerId = QStringLiteral("SQ-001");
    s.pullIntervalS = 30;
    s.eventBatch = 50;
    s.bookingPage = 100;
    s.tickMs = 5;
    s.jitterSeed = 7;
    return s;
}

// A lease the test hands out and takes back, as another terminal's death or return would.
class SwitchedLease final : public SenderLease {
public:
    bool tryHold() override
    {
        ++tries;
        return held;
    }
    bool holds() const override { return held; }
    bool held = true;
    int tries = 0;
};

// The terminal's side: its database, the stores, the catalog it starts with, the client and the sync.
struct SyncRig {
    SyncRig(const Clock &clock, const PlatformEndpoint &endpoint, SyncSettings settings = testSettings())
        : client(HttpPlatformClient::create(endpoint, clock).value())
        , sync(*client, outbox, lease, bookings, state, catalog, clock, settings)
        , calls(queue, alone, catalog, clock, QueueSettings{*CallingPolicy::parse("booked_first"), 3})
        , remote(*client, bookings, catalog)
        , m_clock(clock)
    {
    }

    QString walkIn()
    {
        const QDateTime now = catalog.centerTime().toLocal(m_clock.now());
        auto t = queue.issueWalkIn({QStringLiteral("SB"), 'A', catalog.centerTime().dateOf(now), now, QStringLiteral("T01"), 0});
        return t ? t->id : QString();
    }
    int pending() { return outbox.counts().value().pending; }
    int cachedBookings(const char *where = "1") const
    {
        return count(*db, QStringLiteral("SELECT COUNT(*) FROM bookings WHERE %1").arg(QLatin1String(where)));
    }
    QStringList pendingIds()
    {
        QStringList ids;
        for (const PendingEvent &e : outbox.pending(100000).value())
            ids << e.event.id;
        return ids;
    }

    QTemporaryDir dir;
    std::unique_ptr<Database> db = Database::open(dir.filePath(QStringLiteral("terminal.db"))).value();
    SqlQueueStore queue{*db};
    SqlBookingStore bookings{*db};
    SqlOutboxStore outbox{*db};
    SqlSyncStateStore state{*db};
    CatalogService catalog{demoCatalog()};
    std::unique_ptr<HttpPlatformClient> client;
    SwitchedLease lease;
    NullHallChannel alone;
    SyncService sync;
    QueueService calls;
    RemoteBookingService remote;

private:
    const Clock &m_clock;
};

// A platform that writes its instants in UTC (DESIGN §6 allows any offset): one page of bookings,
// no catalog.
class UtcPlatform final : public PlatformClient {
public:
    explicit UtcPlatform(BookingPage page)
        : m_page(std::move(page))
    {
    }
    void fetchCatalog(Callback<PulledCatalog> done) override
    {
        later([done] { done(fail(PlatformError{PlatformError::Kind::NotFound, 404, {}, QStringLiteral("no catalog"), std::nullopt})); });
    }
    void fetchBookings(const std::optional<QString> &, int, Callback<BookingPage> done) override
    {
        later([this, done] { done(m_page); });
    }
    void sendEvents(const std::vector<OutboxEvent> &, Callback<EventBatchReply> done) override
    {
        later([done] { done(EventBatchReply{}); });
    }
    void fetchSlots(const CivilDate &, const QString &, Callback<std::vector<SlotAvailability>> done) override
    {
        later([done] { done(std::vector<SlotAvailability>{}); });
    }
    void createBooking(const BookingOrder &, Callback<PlacedBooking> done) override
    {
        later([done] { done(fail(PlatformError{PlatformError::Kind::NotFound, 404, {}, QString(), std::nullopt})); });
    }
    void cancelBooking(const QString &, Callback<BookingRecord> done) override
    {
        later([done] { done(fail(PlatformError{PlatformError::Kind::NotFound, 404, {}, QString(), std::nullopt})); });
    }
    std::optional<qint64> clockOffsetS() const override { return std::nullopt; }

private:
    void later(std::function<void()> work) { QTimer::singleShot(0, &m_context, std::move(work)); }
    BookingPage m_page;
    QObject m_context;
};

QStringList platformIds(SimPlatform &sim)
{
    QStringList ids;
    for (const ReceivedEvent &e : sim.platform.store().eventsAfter(0, 1000000))
        ids << e.id;
    return ids;
}

// Runs the fake clock fast while a test waits for something to happen.
class TimeLapse {
public:
    TimeLapse(FakeClock &clock, int secondsPerStep)
    {
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [&clock, secondsPerStep] { clock.advanceSecs(secondsPerStep); });
        m_timer.start(5);
    }

private:
    QTimer m_timer;
};

} // namespace

class TestSyncService : public QObject {
    Q_OBJECT

    FakeClock m_clock{centerTime(2, 9, 0).toUTC()};

private Q_SLOTS:
    void init() { m_clock.set(centerTime(2, 9, 0).toUTC()); }

    void pullsTheCatalogAndTheBookings()
    {
        SimPlatform sim(m_clock);
        QCOMPARE(DemoData::generate(sim.platform, {CivilDate(2026, 12, 2), 2, 120, 0.1, 3}).booked, 240);
        QVERIFY(sim.start());
        SyncRig t(m_clock, sim.endpoint());
        QCOMPARE(t.catalog.catalog().version, 1);
        QSignalSpy pulled(&t.sync, &SyncService::pullFinished);
        QSignalSpy applied(&t.sync, &SyncService::catalogApplied);
        t.sync.start();
        QVERIFY(pulled.wait(20000));
        QCOMPARE(pulled.first().first().toBool(), true);
        QCOMPARE(applied.size(), 1);
        QCOMPARE(t.catalog.catalog().version, 2); // the platform's, in force at once …
        QCOMPARE(t.state.catalog().value()->version, 2); // … and kept for the next start
        QCOMPARE(t.cachedBookings(), 240);              // three pages of 100
        QCOMPARE(t.cachedBookings("group_code = ''"), 0); // each with the group of its matter
        QCOMPARE(t.cachedBookings("status = 'cancelled'"), sim.platform.store().countByStatus().value(QStringLiteral("cancelled")).toInt());
        QVERIFY(t.state.bookingCursor().value());
        const SyncHealth h = t.sync.health();
        QVERIFY(h.online);
        QCOMPARE(*h.lastPull, m_clock.now());
        QCOMPARE(h.catalogVersion, 2);
        QVERIFY(!h.offlineSince);

        // A cancellation on the platform: gone from check-in with the next pull.
        const BookingRecord someone = sim.platform.store().changesSince(0, 1).bookings.front();
        QVERIFY(sim.platform.cancel(someone.id, centerTime(1, 10)) || someone.status == BookingState::Cancelled);
        t.sync.pullNow();
        QVERIFY(pulled.wait(20000));
        QCOMPARE(t.bookings.find(someone.id).value()->status, BookingState::Cancelled);
        QCOMPARE(applied.size(), 1); // the same catalog version is not applied again
    }

    void eventsGoOutInOrderExactlyOnce()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        SyncRig t(m_clock, sim.endpoint());
        for (int i = 0; i < 120; ++i)
            QVERIFY(!t.walkIn().isEmpty());
        for (int i = 0; i < 15; ++i)
            QVERIFY(t.calls.callNext(1 + i % 2));
        const QStringList expected = t.pendingIds();
        QVERIFY(expected.size() > 135); // issued, called, and the served ones the calls finished
        t.sync.start();
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 30000);
        QCOMPARE(platformIds(sim), expected);
        QCOMPARE(sim.platform.store().counter(QStringLiteral("duplicates")), 0);
        QVERIFY(t.sync.health().lastPush);
    }

    // DESIGN §16: a day close sends the audit chain's head as one `audit_checkpoint {rows, head}`,
    // and the platform takes it in and keeps it; a second close of that day sends no second one.
    void aDayCloseSendsTheAuditCheckpoint()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        SyncRig t(m_clock, sim.endpoint());
        SqlAuditLog audit(*t.db);
        for (int i = 0; i < 3; ++i)
            QVERIFY(audit.append({m_clock.now(), QStringLiteral("staff:S01"), QStringLiteral("ticket_called"), QStringLiteral("w:1"), {}}));
        const QString head = audit.head().value().hash;
        QVERIFY(!t.walkIn().isEmpty());
        DayService day(t.queue, t.bookings, t.catalog, m_clock);
        day.setAuditCheckpoint(&audit, &t.outbox, QStringLiteral("terminal:T01"));
        QVERIFY(day.closeNow(t.catalog.centerTime().dateOf(m_clock.now())).ok());
        QVERIFY(!day.closeNow(t.catalog.centerTime().dateOf(m_clock.now())).ok()); // closed already
        t.sync.start();
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 30000);
        std::vector<ReceivedEvent> checkpoints;
        for (const ReceivedEvent &e : sim.platform.store().eventsAfter(0, 1000000))
            if (e.type == QLatin1String("audit_checkpoint"))
                checkpoints.push_back(e);
        QCOMPARE(checkpoints.size(), size_t(1));
        QCOMPARE(checkpoints.front().data.value(QStringLiteral("rows")).toInteger(), 3);
        QCOMPARE(checkpoints.front().data.value(QStringLiteral("head")).toString(), head);
        QCOMPARE(checkpoints.front().data.value(QStringLiteral("date")).toString(), QStringLiteral("2026-12-02"));
        QCOMPARE(sim.platform.store().counter(QStringLiteral("rejected")), 0);
    }

    // DESIGN §16 in a hall: beside the hall's log, each terminal's own log (its technicians'
    // changes) gets its own `audit_checkpoint`, its id distinct by the log's name and the date —
    // from the terminal that closed the day at once, from another terminal of the hall at its
    // first tick after the day's close time (the day before, at 9:00); once each.
    void eachTerminalsOwnLogIsCheckpointed()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        SyncRig t(m_clock, sim.endpoint()); // the hall's queue and outbox
        SqlAuditLog hallLog(*t.db);
        QVERIFY(hallLog.append({m_clock.now(), QStringLiteral("staff:S01"), QStringLiteral("ticket_called"), QStringLiteral("w:1"), {}}));
        QTemporaryDir dir;
        auto ownDb1 = Database::open(dir.filePath(QStringLiteral("t01.db"))).value();
        auto ownDb2 = Database::open(dir.filePath(QStringLiteral("t02.db"))).value();
        SqlAuditLog own1(*ownDb1), own2(*ownDb2);
        for (int i = 0; i < 2; ++i)
            QVERIFY(own1.append({m_clock.now(), QStringLiteral("technician:T7"), QStringLiteral("port_assigned"), QStringLiteral("printer"), {}}));
        QVERIFY(own2.append({m_clock.now(), QStringLiteral("technician:T8"), QStringLiteral("printer_profile_changed"), QStringLiteral("printer"), {}}));
        QVERIFY(!t.walkIn().isEmpty());

        DayService first(t.queue, t.bookings, t.catalog, m_clock);
        first.setAuditCheckpoint(&hallLog, &t.outbox, QStringLiteral("hall"));
        first.setOwnAuditCheckpoint(&own1, QStringLiteral("terminal:T01"));
        DayService second(t.queue, t.bookings, t.catalog, m_clock);
        second.setAuditCheckpoint(&hallLog, &t.outbox, QStringLiteral("hall"));
        second.setOwnAuditCheckpoint(&own2, QStringLiteral("terminal:T02"));

        const auto checkpoints = [&t] {
            return test::column(*t.db, QStringLiteral("SELECT data FROM outbox WHERE type = 'audit_checkpoint' ORDER BY seq")).size();
        };
        second.tick(); // today's close time not reached: yesterday's (its close time passed) for T02
        QCOMPARE(checkpoints(), qsizetype(1));
        second.tick();
        QCOMPARE(checkpoints(), qsizetype(1)); // once
        QVERIFY(first.closeNow(t.catalog.centerTime().dateOf(m_clock.now())).ok()); // the hall's and T01's, today
        QCOMPARE(checkpoints(), qsizetype(3));
        m_clock.set(centerTime(2, 23, 0).toUTC());
        second.tick(); // closed by the other terminal: T02's own log only
        QCOMPARE(checkpoints(), qsizetype(4));
        second.tick();
        first.tick(); // once each
        QCOMPARE(checkpoints(), qsizetype(4));

        t.sync.start();
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 30000);
        std::map<QString, ReceivedEvent> byLogAndDate;
        QSet<QString> ids;
        for (const ReceivedEvent &e : sim.platform.store().eventsAfter(0, 1000000)) {
            if (e.type != QLatin1String("audit_checkpoint"))
                continue;
            byLogAndDate.emplace(e.data.value(QStringLiteral("log")).toString() + QLatin1Char(' ') + e.data.value(QStringLiteral("date")).toString(), e);
            ids.insert(e.id);
        }
        QCOMPARE(byLogAndDate.size(), size_t(4));
        QCOMPARE(ids.size(), qsizetype(4));
        const auto at = [&byLogAndDate](const char *key) { return byLogAndDate.at(QString::fromLatin1(key)).data; };
        QCOMPARE(at("hall 2026-12-02").value(QStringLiteral("rows")).toInteger(), 1);
        QCOMPARE(at("terminal:T01 2026-12-02").value(QStringLiteral("rows")).toInteger(), 2);
        // Each checkpoint is the head before its mark (`audit_checkpoint_sent`, the row after it,
        // which keeps a restarted terminal from writing the same day again).
        QCOMPARE(at("terminal:T01 2026-12-02").value(QStringLiteral("head")).toString(), own1.entries().value().at(1).hash);
        QCOMPARE(own1.entries().value().back().entry.action, QStringLiteral("audit_checkpoint_sent"));
        QCOMPARE(at("terminal:T02 2026-12-01").value(QStringLiteral("rows")).toInteger(), 1);
        QCOMPARE(at("terminal:T02 2026-12-02").value(QStringLiteral("rows")).toInteger(), 2); // the row, the 12-01 mark
        QCOMPARE(at("terminal:T02 2026-12-02").value(QStringLiteral("head")).toString(), own2.entries().value().at(1).hash);
        QCOMPARE(own2.entries().value().size(), size_t(3));
        QCOMPARE(sim.platform.store().counter(QStringLiteral("rejected")), 0);
    }

    void onlyTheLeaseHolderSendsTheOutbox()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        SyncRig t(m_clock, sim.endpoint());
        t.lease.held = false; // another terminal of the hall sends
        for (int i = 0; i < 20; ++i)
            QVERIFY(!t.walkIn().isEmpty());
        const QStringList expected = t.pendingIds();
        QSignalSpy pulled(&t.sync, &SyncService::pullFinished);
        t.sync.start();
        // It pulls as any terminal does …
        QVERIFY(pulled.wait(20000));
        QCOMPARE(pulled.first().first().toBool(), true);
        QCOMPARE(t.catalog.catalog().version, 2);
        // … and, through many ticks and a second pull, sends nothing while another holds the lease.
        const int triesBefore = t.lease.tries;
        m_clock.advanceSecs(31);
        QVERIFY(pulled.wait(20000));
        QTRY_VERIFY(t.lease.tries > triesBefore + 5);
        QCOMPARE(sim.platform.store().eventCount(), 0);
        QCOMPARE(t.pending(), 20);
        QVERIFY(!t.sync.health().sender);
        QVERIFY(!t.sync.health().lastPush);

        // The lease comes to it (the sender died): everything goes, once, in order.
        t.lease.held = true;
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 30000);
        QCOMPARE(platformIds(sim), expected);
        QVERIFY(t.sync.health().sender);
        QVERIFY(t.sync.health().lastPush);

        // And stops when it loses it: a new event stays for the next sender.
        t.lease.held = false;
        QTRY_VERIFY(!t.sync.health().sender);
        QVERIFY(!t.walkIn().isEmpty());
        const int triesNow = t.lease.tries;
        QTRY_VERIFY(t.lease.tries > triesNow + 5);
        QCOMPARE(t.pending(), 1);
        QCOMPARE(sim.platform.store().eventCount(), 20);
    }

    void aRejectedEventIsParkedAndTheRestFlow()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        SyncRig t(m_clock, sim.endpoint());
        t.walkIn();
        const OutboxEvent odd{QUuid::createUuid().toString(QUuid::WithoutBraces), QStringLiteral("ticket_teleported"),
                              t.catalog.centerTime().toLocal(m_clock.now()), {}};
        QVERIFY(t.outbox.append(odd));
        t.walkIn();
        QSignalSpy health(&t.sync, &SyncService::healthChanged);
        t.sync.start();
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 30000);
        QCOMPARE(sim.platform.store().eventCount(), 2);
        QCOMPARE(t.outbox.counts().value().parked, 1);
        QTRY_COMPARE_WITH_TIMEOUT(t.sync.health().parked, 1, 10000);
        // Parked stays parked: more pushes do not send it again.
        t.walkIn();
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 30000);
        QCOMPARE(sim.platform.store().counter(QStringLiteral("rejected")), 1);
        QSqlQuery q(t.db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT last_error FROM outbox WHERE state = 'parked'")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("unknown_type"));
    }

    void faultsLoseNothing_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("answers 500 half the time") << "fail";
        QTest::newRow("closes mid-response half the time") << "drop";
        QTest::newRow("answers garbage half the time") << "garbage";
        QTest::newRow("hangs, then recovers") << "hang";
    }
    void faultsLoseNothing()
    {
        QFETCH(QString, fault);
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        sim.server.setSeed(11);
        PlatformEndpoint endpoint = sim.endpoint();
        endpoint.timeoutMs = 300;
        SyncRig t(m_clock, endpoint);
        // Every request faulted at first, so the pushes surely meet the fault; half of them later.
        const auto planAt = [&fault](double rate) {
            FaultPlan plan;
            if (fault == QLatin1String("fail"))
                plan.failRate = rate;
            else if (fault == QLatin1String("drop"))
                plan.dropRate = rate;
            else if (fault == QLatin1String("garbage"))
                plan.garbageRate = rate;
            else
                plan.delayMs = 60000;
            return plan;
        };
        sim.server.setFaults(planAt(1.0));
        for (int i = 0; i < 160; ++i)
            t.walkIn();
        for (int i = 0; i < 10; ++i)
            QVERIFY(t.calls.callNext(1));
        const QStringList expected = t.pendingIds();
        QSignalSpy pushes(&t.sync, &SyncService::pushFinished);
        QSignalSpy health(&t.sync, &SyncService::healthChanged);
        t.sync.start();
        TimeLapse lapse(m_clock, 2);
        QTRY_VERIFY_WITH_TIMEOUT(pushes.size() >= 3, 30000);
        for (const QList<QVariant> &args : pushes)
            QCOMPARE(args.first().toBool(), false);
        QVERIFY(!t.sync.health().online);
        QCOMPARE(t.pending(), int(expected.size())); // whatever the platform did, the terminal never heard: all kept
        if (fault == QLatin1String("hang")) {
            QVERIFY(t.sync.health().lastError.startsWith(QStringLiteral("timeout")));
            sim.server.setFaults({});
        } else {
            sim.server.setFaults(planAt(0.5));
        }
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 60000);
        // Every event on the platform once, in the order the terminal wrote them.
        QCOMPARE(platformIds(sim), expected);
        bool sawOffline = false;
        for (const QList<QVariant> &args : health)
            sawOffline |= !args.first().value<SyncHealth>().online && !args.first().value<SyncHealth>().lastError.isEmpty();
        QVERIFY2(sawOffline, "the failures were visible in health");
        if (fault != QLatin1String("fail")) // the work was done before the answer was lost: resent, recognised
            QVERIFY(sim.platform.store().counter(QStringLiteral("duplicates")) > 0);
    }

    void aSkewedClockIsShownAndOvercome()
    {
        FakeClock platformClock(m_clock.now().addSecs(-7200)); // the platform's clock is two hours behind
        SimPlatform sim(platformClock);
        QVERIFY(sim.start());
        SyncRig t(m_clock, sim.endpoint());
        t.walkIn();
        t.sync.start();
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 30000);
        QVERIFY(t.sync.health().clockOffsetS);
        QCOMPARE(*t.sync.health().clockOffsetS, -7200);
        QCOMPARE(sim.platform.store().eventCount(), 1);
    }

    void twoHoursWithoutThePlatform()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        const quint16 port = sim.server.port();
        SyncRig t(m_clock, sim.endpoint());
        QSignalSpy pushes(&t.sync, &SyncService::pushFinished);
        QSignalSpy pulls(&t.sync, &SyncService::pullFinished);
        t.sync.start();
        for (int i = 0; i < 5; ++i)
            t.walkIn();
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 30000);
        const QStringList before = platformIds(sim);
        QCOMPARE(before.size(), 5);

        // The platform goes away for two hours of the terminal's clock; the hall keeps working.
        sim.server.close();
        const QDateTime outageStart = m_clock.now();
        int calls = 0;
        for (int step = 0; step < 240; ++step) {
            m_clock.advanceSecs(30);
            QVERIFY(!t.walkIn().isEmpty());
            if (step % 3 == 0 && t.calls.callNext(1 + step % 2))
                ++calls;
            pushes.clear();
            // Each step is past the longest retry delay (the pull interval): a push is tried, and fails.
            QVERIFY(pushes.wait(10000));
            QCOMPARE(pushes.last().first().toBool(), false);
        }
        QVERIFY(calls >= 70);
        const SyncHealth down = t.sync.health();
        QVERIFY(!down.online);
        QCOMPARE(*down.offlineSince, outageStart.addSecs(30));
        QVERIFY(down.lastError.startsWith(QStringLiteral("network")));
        QCOMPARE(*down.lastPush, outageStart);
        const QStringList waiting = t.pendingIds();
        QVERIFY(waiting.size() >= 240 + calls);
        QCOMPARE(t.outbox.counts().value().oldestPendingAt->secsTo(m_clock.now()), 2 * 3600 - 30); // 2 h old, shown in health

        // Back, on the same address: everything goes out once, in order.
        QVERIFY(sim.start(port));
        m_clock.advanceSecs(31);
        QTRY_COMPARE_WITH_TIMEOUT(t.pending(), 0, 60000);
        QCOMPARE(platformIds(sim), before + waiting);
        QCOMPARE(sim.platform.store().counter(QStringLiteral("duplicates")), 0);
        QTRY_VERIFY_WITH_TIMEOUT(t.sync.health().online, 10000);
        QVERIFY(!t.sync.health().offlineSince);
        QVERIFY(t.sync.health().lastError.isEmpty());
    }

    // A booking's service date is its slot start's date in the center's zone, whatever offset the
    // platform wrote: 23:30Z on the 2nd is 07:30 on the 3rd in Shanghai, and a card shown on the
    // 3rd finds it. (The reference platform writes the center's offset; this one writes UTC.)
    void aBookingIsFiledUnderItsDateInTheCentersZone()
    {
        const QByteArray page = R"({"bookings": [{"id": "bk-utc", "version": 1, "status": "booked", "matter": "SB-001",
            "slot_start": "2026-12-02T23:30:00Z", "slot_end": "2026-12-03T00:30:00Z", "channel": "phone",
            "applicant": {"name_masked": "王*", "id_digest": "5f2b5f2b", "id_masked": "3101**********0017",
                          "phone_masked": "139****0000"}}], "cursor": "c1", "more": false})";
        UtcPlatform utc(platform_json::bookingPageFromJson(QJsonDocument::fromJson(page).object()).value());
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("terminal.db"))).value();
        SqlBookingStore bookings(*db);
        SqlOutboxStore outbox(*db);
        SqlSyncStateStore state(*db);
        CatalogService catalog(demoCatalog());
        SwitchedLease lease;
        SyncService sync(utc, outbox, lease, bookings, state, catalog, m_clock, testSettings());
        QSignalSpy pulled(&sync, &SyncService::pullFinished);
        sync.start();
        QVERIFY(pulled.wait(20000));
        const std::vector<BookingRecord> third = bookings.findByDigest(QStringLiteral("5f2b5f2b"), CivilDate(2026, 12, 3)).value();
        QCOMPARE(third.size(), size_t(1));
        QCOMPARE(third.front().slotStart, centerTime(3, 7, 30));
        QCOMPARE(third.front().slotStart.offsetFromUtc(), 8 * 3600);
        QVERIFY(bookings.findByDigest(QStringLiteral("5f2b5f2b"), CivilDate(2026, 12, 2)).value().empty());
    }

    void bookingAtTheTerminalIsCachedAtOnce()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        SyncRig t(m_clock, sim.endpoint());
        const BookingOrder order{QStringLiteral("SB-001"), centerTime(3, 14), {DemoData::syntheticIdNumber(5), QStringLiteral("李四"), QString()}, {}};
        auto placed = await<PlacedBooking>([&](auto done) { t.remote.book(order, done); });
        QVERIFY2(placed, qPrintable(placed ? QString() : describe(placed.error())));
        auto cached = t.bookings.find(placed->booking.id).value();
        QVERIFY(cached); // before any pull
        QCOMPARE(cached->status, BookingState::Booked);
        QCOMPARE(cached->groupCode, QStringLiteral("SB"));
        QVERIFY(!cached->idMasked.contains(DemoData::syntheticIdNumber(5).mid(4, 10))); // never the ID number itself
        auto cancelled = await<BookingRecord>([&](auto done) { t.remote.cancel(placed->booking.id, done); });
        QVERIFY(cancelled);
        QCOMPARE(t.bookings.find(placed->booking.id).value()->status, BookingState::Cancelled);
        auto refused = await<PlacedBooking>([&](auto done) {
            t.remote.book({QStringLiteral("SB-001"), centerTime(2, 10), order.applicant, {}}, done);
        });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("lead_time"));
    }
};

QTEST_GUILESS_MAIN(TestSyncService)
#include "tst_sync_service.moc"
