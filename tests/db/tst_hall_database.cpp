// db: the hall's PostgreSQL database (DESIGN §11) — its schema made once under an advisory lock
// whichever terminal comes first, a newer major refused and a newer minor run, a database of
// another center refused; and terminals racing on one queue: numbers never given twice, each
// ticket called by one window, each fact in the outbox once.

#include "db/database.h"
#include "db/migrations.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_rating_store.h"
#include "db/transaction.h"
#include "tests/support/hall_time.h"
#include "tests/support/sql_values.h"
#include "tests/support/store_engines.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

using namespace hk;

namespace {

const CivilDate kDay(2026, 11, 24);

WindowContext window(int number, const QDateTime &at)
{
    WindowContext c;
    c.window = number;
    c.groups = {"*"};
    c.serviceDate = kDay;
    c.at = at;
    const qint64 now = at.toSecsSinceEpoch();
    c.choose = [now](const WindowCallState &state, const std::vector<QueuedTicket> &waiting) {
        return chooseNext(CallingPolicy{}, state, waiting, now);
    };
    return c;
}

BookedRequest booked(const QString &bookingId, const QDateTime &at, const QString &terminal)
{
    BookedRequest r;
    r.bookingId = bookingId;
    r.groupCode = QStringLiteral("SB");
    r.matterCode = QStringLiteral("SB-001");
    r.serviceDate = kDay;
    r.at = at;
    r.priorityAt = at;
    r.slotStart = at.addSecs(10 * 60);
    r.terminalId = terminal;
    return r;
}

// Runs `body` on `threads` threads of their own, started together; their errors, if any.
QStringList onThreads(int threads, const std::function<QString(int)> &body)
{
    std::atomic<int> ready{0};
    QMutex mutex;
    QStringList errors;
    std::vector<std::unique_ptr<QThread>> running;
    for (int i = 0; i < threads; ++i) {
        running.emplace_back(QThread::create([&, i] {
            ++ready;
            while (ready.load() < threads)
                QThread::yieldCurrentThread();
            const QString error = body(i);
            if (!error.isEmpty()) {
                QMutexLocker lock(&mutex);
                errors << error;
            }
        }));
        running.back()->start();
    }
    for (auto &t : running)
        t->wait();
    return errors;
}

} // namespace

class TestHallDatabase : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;
    int m_databases = 0;

    // A new, empty database (no schema yet) on the private server.
    QString emptyDatabase()
    {
        const QString name = QStringLiteral("hall_%1").arg(++m_databases);
        const QString error = m_engines.createDatabase(name, QStringLiteral("template0"));
        return error.isEmpty() ? name : QString();
    }
    QString psql(const QString &sql, const QString &database)
    {
        bool ok = false;
        const QString out = m_engines.postgres().psql(sql, &ok, database);
        return ok ? out : QStringLiteral("PSQL ERROR: ") + out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void theFirstTerminalMakesTheSchemaAndClaimsTheHall()
    {
        const QString name = emptyDatabase();
        QVERIFY(!name.isEmpty());
        auto db = Database::openHall(m_engines.hall(name), QStringLiteral("SQ-001"));
        QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
        QCOMPARE(db.value()->engine(), Database::Engine::Postgres);
        QCOMPARE(db.value()->schemaVersion(), Migrations::hallMinor());
        QCOMPARE(psql(QStringLiteral("SELECT major || '.' || minor || ' ' || center FROM schema_info"), name),
                 QStringLiteral("1.%1 SQ-001").arg(Migrations::hallMinor()));
        // Every table of the SQLite schema, and the hall's own.
        for (const char *table : {"number_series", "tickets", "outbox", "windows", "bookings", "service_days", "audit_log", "ratings",
                                  "staff_signin", "staff_sessions", "hallbus_devices", "sync_state", "help_requests", "terminals"})
            QVERIFY2(test::count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))) == 0, table);
        QCOMPARE(psql(QStringLiteral("SELECT data_type FROM information_schema.columns WHERE table_name = 'outbox' AND column_name = 'seq'"), name),
                 QStringLiteral("bigint"));
        QCOMPARE(psql(QStringLiteral("SELECT data_type FROM information_schema.columns WHERE table_name = 'tickets' AND column_name = 'queue_key'"),
                      name),
                 QStringLiteral("double precision"));
        // A second start changes nothing.
        auto again = Database::openHall(m_engines.hall(name), QStringLiteral("SQ-001"));
        QVERIFY2(again.ok(), qPrintable(again ? QString() : again.error().detail));
        QCOMPARE(psql(QStringLiteral("SELECT COUNT(*) FROM schema_info"), name), QStringLiteral("1"));
    }

    void aNewerMajorIsRefusedNamingBothVersions()
    {
        const QString name = emptyDatabase();
        QVERIFY(Database::openHall(m_engines.hall(name), QStringLiteral("SQ-001")).ok());
        QCOMPARE(psql(QStringLiteral("UPDATE schema_info SET major = 2, minor = 0"), name), QString());
        auto db = Database::openHall(m_engines.hall(name), QStringLiteral("SQ-001"));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().kind, StoreError::Kind::Conflict);
        const QString expected = QStringLiteral("hall database schema 2.0 is newer than this hallkiosk (1.%1): "
                                                "install the newer hallkiosk on this terminal")
                                     .arg(Migrations::hallMinor());
        QCOMPARE(db.error().detail, expected);
        // Nothing was touched and no lock is left behind.
        QCOMPARE(psql(QStringLiteral("SELECT major || '.' || minor FROM schema_info"), name), QStringLiteral("2.0"));
        QCOMPARE(psql(QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"), name), QStringLiteral("0"));
    }

    void aNewerMinorRunsAsBefore()
    {
        // What the next release's migration would do within major 1: only add.
        const QString name = emptyDatabase();
        QVERIFY(Database::openHall(m_engines.hall(name), QStringLiteral("SQ-001")).ok());
        const int next = Migrations::hallMinor() + 1;
        QCOMPARE(psql(QStringLiteral("BEGIN; ALTER TABLE tickets ADD COLUMN lane TEXT; ALTER TABLE outbox ADD COLUMN origin TEXT; "
                                     "CREATE TABLE window_notes (window_number INTEGER PRIMARY KEY, note TEXT); "
                                     "CREATE INDEX tickets_by_lane ON tickets (lane); UPDATE schema_info SET minor = %1; COMMIT")
                          .arg(next),
                      name),
                 QString());
        auto opened = Database::openHall(m_engines.hall(name), QStringLiteral("SQ-001"));
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().detail));
        Database &db = *opened.value();
        QCOMPARE(db.schemaVersion(), next); // never moved down

        // The terminal one release behind issues, checks in, calls, finishes, takes ratings and help.
        SqlQueueStore store(db);
        const IssuedTicket walkIn =
            store.issueWalkIn({QStringLiteral("SB"), 'A', kDay, test::hall(9, 0), QStringLiteral("T01")}).value();
        const IssuedTicket bookedTicket = store.issueBooked(booked(QStringLiteral("BK-1"), test::hall(9, 1), QStringLiteral("T01"))).value();
        QCOMPARE(walkIn.number, QStringLiteral("A001"));
        QCOMPARE(bookedTicket.number, QStringLiteral("Y001"));
        QCOMPARE(store.callNext(window(3, test::hall(9, 5))).value().current->id, bookedTicket.id);
        QVERIFY(store.finish(window(3, test::hall(9, 15))).ok());
        QVERIFY(SqlRatingStore(db).record({bookedTicket.id, kDay, 3, 5, {}, false, RatingChannel::Console, test::hall(9, 16), std::nullopt, std::nullopt}).ok());
        QVERIFY(SqlHelpStore(db).add({QStringLiteral("h1"), QStringLiteral("T01"), QStringLiteral("1号"), test::hall(9, 17)}).ok());
        QCOMPARE(store.closeDay(DayClose{kDay, test::hall(17, 30), test::hall(17, 0), test::hall(17, 0)}).value().expired, 1);
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE lane IS NULL")), 2);
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE origin IS NULL")),
                 test::count(db, QStringLiteral("SELECT COUNT(*) FROM outbox")));
    }

    void aDatabaseOfAnotherCenterIsRefused()
    {
        const QString name = emptyDatabase();
        QVERIFY(Database::openHall(m_engines.hall(name), QStringLiteral("SQ-001")).ok());
        auto db = Database::openHall(m_engines.hall(name), QStringLiteral("SQ-002"));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().kind, StoreError::Kind::Conflict);
        QCOMPARE(db.error().detail, QStringLiteral("the hall database belongs to center SQ-001; this terminal is of center SQ-002"));
        // One whose center was never recorded is claimed by the first terminal that opens it.
        QCOMPARE(psql(QStringLiteral("UPDATE schema_info SET center = NULL"), name), QString());
        QVERIFY(Database::openHall(m_engines.hall(name), QStringLiteral("SQ-002")).ok());
        QCOMPARE(psql(QStringLiteral("SELECT center FROM schema_info"), name), QStringLiteral("SQ-002"));
        QVERIFY(!Database::openHall(m_engines.hall(name), QStringLiteral("SQ-001")).ok());
    }

    void terminalsStartingAtOnceMakeTheSchemaOnce()
    {
        const QString name = emptyDatabase();
        QVERIFY(!name.isEmpty());
        const HallConnection hall = m_engines.hall(name);
        const QStringList errors = onThreads(4, [&hall](int) {
            auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
            return db ? QString() : db.error().detail;
        });
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(psql(QStringLiteral("SELECT COUNT(*) || ' ' || MIN(minor) FROM schema_info"), name),
                 QStringLiteral("1 %1").arg(Migrations::hallMinor()));
    }

    void aTerminalWaitsForTheOneMigrating()
    {
        // Another terminal holds the schema lock (it is migrating): a start waits for it, then runs.
        const QString name = emptyDatabase();
        QVERIFY(!name.isEmpty());
        const HallConnection hall = m_engines.hall(name);
        auto lockHolder = Database::openHall(hall, QStringLiteral("SQ-001"));
        QVERIFY2(lockHolder.ok(), qPrintable(lockHolder ? QString() : lockHolder.error().detail));
        QVERIFY(test::exec(*lockHolder.value(), QStringLiteral("SELECT pg_advisory_lock(%1)").arg(Migrations::kHallSchemaLock)));

        std::atomic<bool> done{false};
        QString error;
        std::unique_ptr<QThread> starter(QThread::create([&] {
            auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
            if (!db)
                error = db.error().detail;
            done = true;
        }));
        starter->start();
        // It is seen waiting on the advisory lock …
        QTRY_COMPARE_WITH_TIMEOUT(psql(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                                      "AND wait_event = 'advisory' AND datname = '%1'").arg(name),
                                       name),
                                  QStringLiteral("1"), 10000);
        QVERIFY(!done.load());
        // … and goes on once it is released.
        QVERIFY(test::exec(*lockHolder.value(), QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(Migrations::kHallSchemaLock)));
        QVERIFY(starter->wait(30000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void threeTerminalsRaceOnOneQueue()
    {
        // 3 terminals (a connection each, on a thread each) issue walk-in and booked tickets and call
        // the next at 6 windows, all at once: ~600 operations on one queue.
        const QString name = emptyDatabase();
        QVERIFY(!name.isEmpty());
        const HallConnection hall = m_engines.hall(name);
        QVERIFY(Database::openHall(hall, QStringLiteral("SQ-001")).ok());
        constexpr int kTerminals = 3;
        constexpr int kOperations = 200;
        std::atomic<qint64> retries{0};
        std::atomic<int> issuedCount{0};
        std::atomic<int> calls{0};
        std::atomic<int> mostTries{1};
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "seed" << seed;
        QElapsedTimer timer;
        timer.start();
        const QStringList errors = onThreads(kTerminals, [&](int t) -> QString {
            const QString terminal = QStringLiteral("T0%1").arg(t + 1);
            auto opened = Database::openHall(hall, QStringLiteral("SQ-001"));
            if (!opened)
                return terminal + QStringLiteral(": ") + opened.error().detail;
            Database &db = *opened.value();
            SqlQueueStore store(db);
            QRandomGenerator random(seed + quint32(t));
            QString failure;
            for (int i = 0; i < kOperations && failure.isEmpty(); ++i) {
                const QDateTime at = test::hall(9, 0).addMSecs(qint64(i) * 1000 + t);
                const int pick = random.bounded(100);
                const qint64 before = db.retries();
                const auto noteTries = [&] {
                    for (int tries = int(db.retries() - before) + 1, most = mostTries.load(); tries > most;)
                        mostTries.compare_exchange_weak(most, tries);
                };
                if (pick < 35) {
                    const bool sb = random.bounded(2) == 0;
                    auto r = store.issueWalkIn({sb ? QStringLiteral("SB") : QStringLiteral("BDC"), sb ? 'A' : 'B', kDay, at, terminal});
                    noteTries();
                    if (!r)
                        failure = QStringLiteral("walk-in: ") + r.error().detail;
                    else
                        ++issuedCount;
                } else if (pick < 50) {
                    auto r = store.issueBooked(booked(QStringLiteral("BK-%1-%2").arg(terminal).arg(i), at, terminal));
                    noteTries();
                    if (!r)
                        failure = QStringLiteral("booked: ") + r.error().detail;
                    else
                        ++issuedCount;
                } else {
                    auto r = store.callNext(window(1 + int(random.bounded(6)), at));
                    noteTries();
                    if (!r)
                        failure = QStringLiteral("call next: ") + r.error().detail;
                    else if (r->current)
                        ++calls;
                }
            }
            retries += db.retries();
            return failure.isEmpty() ? QString() : terminal + QStringLiteral(": ") + failure;
        });
        const qint64 elapsedMs = timer.elapsed();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        qInfo().noquote() << QStringLiteral("%1 operations at %2 terminals in %3 ms: %4 tickets, %5 calls, %6 tries run again, "
                                            "at most %7 tries for one operation")
                                 .arg(kTerminals * kOperations)
                                 .arg(kTerminals)
                                 .arg(elapsedMs)
                                 .arg(issuedCount.load())
                                 .arg(calls.load())
                                 .arg(retries.load())
                                 .arg(mostTries.load());

        auto check = Database::openHall(hall, QStringLiteral("SQ-001"));
        QVERIFY(check.ok());
        const Database &db = *check.value();
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM tickets")), issuedCount.load());
        // No number twice.
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT number FROM tickets GROUP BY service_date, number "
                                                "HAVING COUNT(*) > 1) AS twice")),
                 0);
        // Numbers without gaps: each series runs 1 … n.
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT series FROM tickets GROUP BY series "
                                                "HAVING MAX(seq) <> COUNT(*)) AS gaps")),
                 0);
        // Each fact once: a ticket_issued per ticket, a booking_checked_in per booked ticket, and
        // a ticket_called for no ticket twice.
        QHash<QString, int> issuedEvents;
        QHash<QString, int> calledEvents;
        int checkIns = 0;
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT type, data FROM outbox")));
        while (q.next()) {
            const QString type = q.value(0).toString();
            const QString ticket = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object().value(QStringLiteral("ticket")).toString();
            if (type == QLatin1String("ticket_issued"))
                ++issuedEvents[ticket];
            else if (type == QLatin1String("ticket_called"))
                ++calledEvents[ticket];
            else if (type == QLatin1String("booking_checked_in"))
                ++checkIns;
        }
        QCOMPARE(int(issuedEvents.size()), issuedCount.load());
        for (auto it = issuedEvents.cbegin(); it != issuedEvents.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
        for (auto it = calledEvents.cbegin(); it != calledEvents.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("ticket %1 called %2 times").arg(it.key()).arg(it.value())));
        QCOMPARE(int(calledEvents.size()), calls.load());
        QCOMPARE(checkIns, test::count(db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE kind = 'booked'")));
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state IN ('called', 'served')")), calls.load());
        // Each window holds its own ticket, called; no ticket is at two windows.
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'called'")),
                 test::count(db, QStringLiteral("SELECT COUNT(DISTINCT current_ticket) FROM windows")));
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM windows w JOIN tickets t ON t.id = w.current_ticket "
                                                "WHERE t.state <> 'called' OR t.window_number <> w.number")),
                 0);
    }

    void windowsCallingAtOnceTakeEachTicketOnce()
    {
        // Four windows, each on a connection (a terminal) of its own, call next in a loop, all at
        // once, on one queue: they all want its head at the same instant. Each ticket goes to one
        // window, once; none is left behind; no call fails or gives up.
        const QString name = emptyDatabase();
        QVERIFY(!name.isEmpty());
        const HallConnection hall = m_engines.hall(name);
        auto opened = Database::openHall(hall, QStringLiteral("SQ-001"));
        QVERIFY(opened.ok());
        constexpr int kTickets = 240;
        {
            SqlQueueStore store(*opened.value());
            for (int i = 0; i < kTickets; ++i) {
                const bool sb = i % 3 != 0;
                QVERIFY(store.issueWalkIn({sb ? QStringLiteral("SB") : QStringLiteral("BDC"), sb ? 'A' : 'B', kDay,
                                           test::hall(8, 0).addSecs(i), QStringLiteral("T01")})
                            .ok());
            }
        }
        constexpr int kWindows = 4;
        QMutex mutex;
        QHash<QString, int> calledAt; // ticket id → window
        QStringList twice;
        std::atomic<qint64> retries{0};
        const QStringList errors = onThreads(kWindows, [&](int w) -> QString {
            auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
            if (!db)
                return db.error().detail;
            SqlQueueStore store(*db.value());
            const int number = w + 1;
            for (int i = 0;; ++i) {
                auto r = store.callNext(window(number, test::hall(9, 0).addSecs(i)));
                if (!r)
                    return QStringLiteral("window %1: %2").arg(number).arg(r.error().detail);
                if (!r->current)
                    break;
                QMutexLocker lock(&mutex);
                if (calledAt.contains(r->current->id))
                    twice << QStringLiteral("%1 at windows %2 and %3").arg(r->current->number).arg(calledAt.value(r->current->id)).arg(number);
                calledAt.insert(r->current->id, number);
            }
            retries += db.value()->retries();
            return {};
        });
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY2(twice.isEmpty(), qPrintable(twice.join(QLatin1Char('\n'))));
        QCOMPARE(int(calledAt.size()), kTickets);
        qInfo().noquote() << QStringLiteral("%1 tickets called at %2 windows, %3 tries run again").arg(kTickets).arg(kWindows).arg(retries.load());
        const Database &db = *opened.value();
        // Each call is one fact: a ticket_called per ticket, naming the window that has it.
        QHash<QString, int> calledEvents;
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT data FROM outbox WHERE type = 'ticket_called'")));
        while (q.next()) {
            const QJsonObject data = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
            const QString ticket = data.value(QStringLiteral("ticket")).toString();
            ++calledEvents[ticket];
            QCOMPARE(data.value(QStringLiteral("window")).toInt(), calledAt.value(ticket));
        }
        QCOMPARE(int(calledEvents.size()), kTickets);
        for (auto it = calledEvents.cbegin(); it != calledEvents.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("ticket %1 called %2 times").arg(it.key()).arg(it.value())));
        // The last call at each window finished its ticket and found nobody.
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'served'")), kTickets);
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM windows WHERE current_ticket IS NOT NULL")), 0);
    }

    void dayCloseWaitsForTheWindowsAndHoldsThemOff()
    {
        // Three windows call, start and finish at full speed while another terminal closes the day:
        // each ticket ends served or expired, reported once, and no window is left holding one.
        const QString name = emptyDatabase();
        QVERIFY(!name.isEmpty());
        const HallConnection hall = m_engines.hall(name);
        auto opened = Database::openHall(hall, QStringLiteral("SQ-001"));
        QVERIFY(opened.ok());
        constexpr int kTickets = 150;
        {
            SqlQueueStore store(*opened.value());
            for (int i = 0; i < kTickets; ++i)
                QVERIFY(store.issueWalkIn({QStringLiteral("SB"), 'A', kDay, test::hall(8, 0).addSecs(i), QStringLiteral("T01")}).ok());
        }
        std::atomic<int> calls{0};
        std::optional<DayCloseSummary> closed;
        const QStringList errors = onThreads(4, [&](int t) -> QString {
            auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
            if (!db)
                return db.error().detail;
            SqlQueueStore store(*db.value());
            if (t == 3) {
                while (calls.load() < 20)
                    QThread::yieldCurrentThread();
                auto summary = store.closeDay(DayClose{kDay, test::hall(17, 0), test::hall(17, 0), test::hall(16, 30)});
                if (!summary)
                    return QStringLiteral("day close: ") + summary.error().detail;
                closed = summary.value();
                return {};
            }
            const int number = t + 1;
            for (int i = 0;; ++i) {
                auto r = store.callNext(window(number, test::hall(9, 0).addSecs(i)));
                if (!r)
                    return QStringLiteral("window %1: %2").arg(number).arg(r.error().detail);
                if (!r->current)
                    return {};
                ++calls;
                if (i % 2 == 0) {
                    // A ticket day close has expired meanwhile cannot start: that is no failure.
                    auto started = store.startServing(window(number, test::hall(9, 0).addSecs(i)));
                    if (!started && started.error().kind != QueueError::Kind::NotAllowed &&
                        started.error().kind != QueueError::Kind::NoCurrentTicket)
                        return QStringLiteral("window %1 start: %2").arg(number).arg(started.error().detail);
                }
            }
        });
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(closed.has_value());
        const Database &db = *opened.value();
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state NOT IN ('served', 'expired')")), 0);
        QCOMPARE(test::count(db, QStringLiteral("SELECT COUNT(*) FROM windows WHERE current_ticket IS NOT NULL")), 0);
        QHash<QString, int> ends; // ticket → its served and expired events
        int expiredEvents = 0;
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT type, data FROM outbox WHERE type IN ('ticket_served', 'ticket_expired')")));
        while (q.next()) {
            ++ends[QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object().value(QStringLiteral("ticket")).toString()];
            expiredEvents += q.value(0).toString() == QLatin1String("ticket_expired") ? 1 : 0;
        }
        QCOMPARE(int(ends.size()), kTickets);
        for (auto it = ends.cbegin(); it != ends.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("ticket %1 ended %2 times").arg(it.key()).arg(it.value())));
        QCOMPARE(expiredEvents, test::count(db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'expired'")));
        QCOMPARE(closed->expired, expiredEvents);
    }

    void retryRunsASerializationFailureAgain()
    {
        // A read, then another terminal changes what was read and commits, then a write that
        // depends on it: PostgreSQL refuses the write (SQLSTATE 40001) and the whole runs again.
        const QString name = emptyDatabase();
        const HallConnection hall = m_engines.hall(name);
        auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
        auto other = Database::openHall(hall, QStringLiteral("SQ-001"));
        QVERIFY(db.ok() && other.ok());
        QVERIFY(test::exec(*db.value(), QStringLiteral("INSERT INTO number_series VALUES ('2026-11-24', 'A', 1)")));
        int tries = 0;
        auto done = db.value()->retry([&]() -> Result<void, StoreError> {
            ++tries;
            QSqlQuery q(db.value()->connection());
            Transaction tx(db.value()->connection());
            if (auto begun = tx.begin(); !begun)
                return begun;
            if (!sql::run(q, QStringLiteral("SELECT last_seq FROM number_series WHERE series = 'A'")) || !q.next())
                return fail(storeError(QStringLiteral("read"), q.lastError()));
            if (tries == 1 && !test::exec(*other.value(), QStringLiteral("UPDATE number_series SET last_seq = last_seq + 1")))
                return fail(StoreError{StoreError::Kind::Unavailable, QStringLiteral("the other terminal's update failed")});
            if (!sql::run(q, QStringLiteral("UPDATE number_series SET last_seq = ? WHERE series = 'A'"), {q.value(0).toInt() + 10}))
                return fail(storeError(QStringLiteral("write"), q.lastError()));
            return tx.commit();
        });
        QVERIFY2(done.ok(), qPrintable(done ? QString() : done.error().detail));
        QCOMPARE(tries, 2);
        QCOMPARE(db.value()->retries(), qint64(1));
        QCOMPARE(test::scalar(*db.value(), QStringLiteral("SELECT last_seq FROM number_series")), QStringLiteral("12"));
    }

    void theAuditChainStaysOneChainWhenTerminalsAppendAtOnce()
    {
        const QString name = emptyDatabase();
        const HallConnection hall = m_engines.hall(name);
        QVERIFY(Database::openHall(hall, QStringLiteral("SQ-001")).ok());
        const QStringList errors = onThreads(3, [&](int t) -> QString {
            auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
            if (!db)
                return db.error().detail;
            SqlAuditLog log(*db.value());
            for (int i = 0; i < 20; ++i) {
                auto row = log.append({test::hall(9, 0).addSecs(i), QStringLiteral("staff:S0%1").arg(t), QStringLiteral("ticket_reprinted"),
                                       QStringLiteral("ticket-%1-%2").arg(t).arg(i), {}});
                if (!row)
                    return row.error().detail;
            }
            return {};
        });
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
        QVERIFY(db.ok());
        const AuditCheck check = SqlAuditLog(*db.value()).verify().value();
        QVERIFY2(check.intact(), qPrintable(check.problem));
        QCOMPARE(check.rows, qint64(60));
    }

    void oneConsoleTakesAHelpRequest()
    {
        const QString name = emptyDatabase();
        const HallConnection hall = m_engines.hall(name);
        {
            auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
            QVERIFY(db.ok());
            QVERIFY(SqlHelpStore(*db.value()).add({QStringLiteral("h1"), QStringLiteral("T01"), QStringLiteral("1号"), test::hall(9, 0)}).ok());
        }
        std::atomic<int> taken{0};
        const QStringList errors = onThreads(4, [&](int i) -> QString {
            auto db = Database::openHall(hall, QStringLiteral("SQ-001"));
            if (!db)
                return db.error().detail;
            auto took = SqlHelpStore(*db.value()).take(QStringLiteral("h1"), QStringLiteral("S0%1").arg(i), test::hall(9, 1));
            if (!took)
                return took.error().detail;
            taken += took.value() ? 1 : 0;
            return {};
        });
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(taken.load(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHallDatabase)
#include "tst_hall_database.moc"
