// The hall's outbox sender (DESIGN §11) against a private PostgreSQL: PgSenderLease's advisory
// lock held by one terminal at a time, given up when the holder's session ends (terminated by the
// server, or the holder gone), taken by the next terminal that asks; and two terminals' sync
// services over one outbox — only the holder sends, the other takes over when it dies, and the
// platform (the reference platform, in process) gets every event once, in order.

#include "app/services/sync/sync_service.h"
#include "db/database.h"
#include "db/hall/pg_sender_lease.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_sync_state_store.h"
#include "platform/secret_file.h"
#include "tests/platform/sim_fixture.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/private_hall.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace hk;
using namespace hk::test;

namespace {

// Makes the next check due, asks, and waits for the database's answer; none if it never came.
std::optional<bool> askNow(PgSenderLease &lease, FakeClock &clock)
{
    clock.advanceSecs(PgSenderLease::kRecheckS);
    QSignalSpy checked(&lease, &PgSenderLease::checked);
    lease.tryHold();
    if (!checked.wait(15000))
        return std::nullopt;
    return checked.first().first().toBool();
}

// Asks every kRecheckS of the fake clock, as the sync's ticks would, until the lease is held; how
// many tries that took, or none within `tries`.
std::optional<int> triesUntilHeld(PgSenderLease &lease, FakeClock &clock, int tries)
{
    for (int i = 1; i <= tries; ++i) {
        if (askNow(lease, clock).value_or(false))
            return i;
    }
    return std::nullopt;
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

SyncSettings syncSettings()
{
    SyncSettings s;
    s.centerId = QStringLiteral("SQ-001");
    s.pullIntervalS = 30;
    s.eventBatch = 10;
    s.tickMs = 5;
    s.jitterSeed = 7;
    return s;
}

// One terminal of the hall that syncs: its connection to the hall's outbox (here a SQLite file the
// terminals share; the hall's PostgreSQL stores are tested elsewhere), its lease, its client.
struct SyncingTerminal {
    SyncingTerminal(const QString &databasePath, const PrivatePostgres &pg, const QString &id, const Clock &clock,
                    const PlatformEndpoint &endpoint)
        : db(Database::open(databasePath).value())
        , queue(*db)
        , bookings(*db)
        , outbox(*db)
        , state(*db)
        , lease(hallConnectionOf(pg, id), QStringLiteral("sender-lease-") + id, clock)
        , client(HttpPlatformClient::create(endpoint, clock).value())
        , sync(*client, outbox, lease, bookings, state, catalog, clock, syncSettings())
    {
    }

    std::unique_ptr<Database> db;
    SqlQueueStore queue;
    SqlBookingStore bookings;
    SqlOutboxStore outbox;
    SqlSyncStateStore state;
    CatalogService catalog{demoCatalog()};
    PgSenderLease lease;
    std::unique_ptr<HttpPlatformClient> client;
    SyncService sync;
};

} // namespace

class TestSenderLease : public QObject {
    Q_OBJECT

    PrivatePostgres m_pg;
    FakeClock m_clock{centerTime(2, 9, 0).toUTC()};

    bool sessionOf(const char *terminal)
    {
        return m_pg.psql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hallkiosk-%1'")
                             .arg(QLatin1String(terminal))) != QLatin1String("0");
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_pg.start();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    // A lease destroyed by the previous test closed its session; the server frees its lock when that
    // backend has exited, a moment later.
    void init()
    {
        QTRY_COMPARE(m_pg.psql(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")), QStringLiteral("0"));
    }

    void oneHoldsTheOtherWaits()
    {
        PgSenderLease first(hallConnectionOf(m_pg, QStringLiteral("T01")), QStringLiteral("lease-T01"), m_clock);
        PgSenderLease second(hallConnectionOf(m_pg, QStringLiteral("T02")), QStringLiteral("lease-T02"), m_clock);
        QVERIFY(!first.holds()); // nothing asked yet
        QCOMPARE(askNow(first, m_clock), std::optional<bool>(true));
        QVERIFY(first.tryHold());
        // Held, it stays held: one advisory lock in the hall, the first terminal's.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(askNow(first, m_clock), std::optional<bool>(true));
        QCOMPARE(m_pg.psql(QStringLiteral("SELECT string_agg(a.application_name, ',') FROM pg_locks l "
                                          "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted")),
                 QStringLiteral("hallkiosk-T01"));
        QCOMPARE(askNow(second, m_clock), std::optional<bool>(false));
        QVERIFY(!second.tryHold());
        QVERIFY(second.lastError().isEmpty()); // refused, not failed
        // A try before the next check is due answers from what is known, without asking.
        QSignalSpy checked(&second, &PgSenderLease::checked);
        for (int i = 0; i < 100; ++i)
            QVERIFY(!second.tryHold());
        QTest::qWait(100);
        QCOMPARE(checked.size(), 0);
    }

    void aTerminatedHoldersLeaseGoesToTheNext()
    {
        PgSenderLease first(hallConnectionOf(m_pg, QStringLiteral("T01")), QStringLiteral("lease-T01"), m_clock);
        PgSenderLease second(hallConnectionOf(m_pg, QStringLiteral("T02")), QStringLiteral("lease-T02"), m_clock);
        QCOMPARE(askNow(first, m_clock), std::optional<bool>(true));
        QCOMPARE(askNow(second, m_clock), std::optional<bool>(false));

        bool ok = false;
        m_pg.psql(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hallkiosk-T01'"), &ok);
        QVERIFY(ok);
        QTRY_VERIFY(!sessionOf("T01")); // the holder's session is over: the server freed its lock
        // Within 30 s of that: one try every kRecheckS.
        const auto tries = triesUntilHeld(second, m_clock, 30 / PgSenderLease::kRecheckS);
        QVERIFY2(tries, "the second terminal did not take the lease over");
        QCOMPARE(*tries, 1);
        // The old holder learns it at its next check, and its new session does not get it back.
        QCOMPARE(askNow(first, m_clock), std::optional<bool>(false));
        QVERIFY(!first.lastError().isEmpty());
        QCOMPARE(askNow(first, m_clock), std::optional<bool>(false));
        QVERIFY2(first.lastError().isEmpty(), qPrintable(first.lastError())); // reconnected, refused
        QVERIFY(sessionOf("T01"));
        QCOMPARE(askNow(second, m_clock), std::optional<bool>(true));
    }

    void aDestroyedHoldersLeaseGoesToTheNext()
    {
        auto first = std::make_unique<PgSenderLease>(hallConnectionOf(m_pg, QStringLiteral("T01")), QStringLiteral("lease-T01"), m_clock);
        PgSenderLease second(hallConnectionOf(m_pg, QStringLiteral("T02")), QStringLiteral("lease-T02"), m_clock);
        QCOMPARE(askNow(*first, m_clock), std::optional<bool>(true));
        QCOMPARE(askNow(second, m_clock), std::optional<bool>(false));
        first.reset();
        QTRY_VERIFY(!sessionOf("T01")); // its session closed with it, and the lock with the session
        const auto tries = triesUntilHeld(second, m_clock, 30 / PgSenderLease::kRecheckS);
        QVERIFY2(tries, "the second terminal did not take the lease over");
        QCOMPARE(*tries, 1);
    }

    void anUnreachableHallIsNoLease()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        HallConnection nowhere = hallConnectionOf(m_pg);
        nowhere.ports = {QString::number(closed.serverPort())};
        closed.close();
        PgSenderLease lease(nowhere, QStringLiteral("lease-nowhere"), m_clock);
        QCOMPARE(askNow(lease, m_clock), std::optional<bool>(false));
        QVERIFY2(lease.lastError().contains(QLatin1String("Connection refused")), qPrintable(lease.lastError()));
        QCOMPARE(askNow(lease, m_clock), std::optional<bool>(false)); // and tries again
    }

    void onlyTheSenderSendsAndTheNextTakesOver()
    {
        m_clock.set(centerTime(2, 9, 0).toUTC());
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        PlatformEndpoint second = sim.endpoint(QStringLiteral("T02"));
        second.secret = SecretFile::read(sim.keys.provisionTerminal(QStringLiteral("T02")).value()).value();
        QTemporaryDir dir;
        const QString outboxFile = dir.filePath(QStringLiteral("hall.db"));
        auto t1 = std::make_unique<SyncingTerminal>(outboxFile, m_pg, QStringLiteral("T01"), m_clock, sim.endpoint());
        SyncingTerminal t2(outboxFile, m_pg, QStringLiteral("T02"), m_clock, second);
        const auto walkIns = [&](int n) {
            const CenterTime &time = t2.catalog.centerTime();
            int issued = 0;
            for (int i = 0; i < n; ++i)
                issued += t2.queue
                              .issueWalkIn({QStringLiteral("SB"), 'A', time.dateOf(m_clock.now()), time.toLocal(m_clock.now()),
                                            QStringLiteral("T02"), 0})
                              .ok();
            return issued;
        };
        const auto pending = [&t2] { return t2.outbox.counts().value().pending; };
        const auto platformIds = [&sim] {
            QStringList ids;
            for (const ReceivedEvent &e : sim.platform.store().eventsAfter(0, 100000))
                ids << e.id;
            return ids;
        };
        const auto pendingIds = [&t2] {
            QStringList ids;
            for (const PendingEvent &e : t2.outbox.pending(100000).value())
                ids << e.event.id;
            return ids;
        };

        QCOMPARE(walkIns(20), 20);
        QStringList expected = pendingIds();
        t1->sync.start();
        QTRY_COMPARE_WITH_TIMEOUT(pending(), 0, 30000);
        QVERIFY(t1->sync.health().sender);

        // The second terminal pulls, and asks for the lease every 5 s of its clock, in vain.
        QSignalSpy pulled(&t2.sync, &SyncService::pullFinished);
        QSignalSpy asked(&t2.lease, &PgSenderLease::checked);
        TimeLapse lapse(m_clock, 1);
        t2.sync.start();
        QTRY_VERIFY_WITH_TIMEOUT(asked.size() >= 4, 30000);
        QVERIFY(pulled.size() >= 1);
        QVERIFY(!t2.sync.health().sender);
        QCOMPARE(walkIns(15), 15);
        expected += pendingIds();
        QTRY_COMPARE_WITH_TIMEOUT(pending(), 0, 30000);
        QVERIFY(!t2.sync.health().lastPush); // the first terminal sent them

        // The sender dies; the other takes over and sends what comes.
        const QDateTime died = m_clock.now();
        t1.reset();
        QCOMPARE(walkIns(15), 15);
        expected += pendingIds();
        QTRY_VERIFY_WITH_TIMEOUT(t2.sync.health().sender, 30000);
        qInfo() << "the second terminal sends" << died.secsTo(m_clock.now()) << "s (fake clock) after the first died";
        QTRY_COMPARE_WITH_TIMEOUT(pending(), 0, 30000);
        QVERIFY(t2.sync.health().lastPush);
        QCOMPARE(platformIds(), expected); // each once, in order
        QCOMPARE(sim.platform.store().counter(QStringLiteral("duplicates")), 0);
    }
};

QTEST_GUILESS_MAIN(TestSenderLease)
#include "tst_sender_lease.moc"
