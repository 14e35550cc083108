// db: the SQLite file and its migrations; the QueueStore contract — numbering, the window
// operations, day close, ratings, the console's reads — on both engines (rows `sqlite` and
// `postgresql`, DESIGN §11). A writer killed with SIGKILL at random moments is
// tests/services/tst_queue_crash; terminals racing on one hall database are tst_hall_database.

#include "db/database.h"
#include "db/migrations.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_rating_store.h"
#include "db/stores/sql_window_bus_state_store.h"
#include "db/transaction.h"
#include "tests/support/hall_time.h"
#include "tests/support/qtest_strings.h"
#include "tests/support/sql_values.h"
#include "tests/support/store_engines.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace hk;

namespace {

using test::column;
using test::count;
using test::scalar;

const QDateTime kMorning = test::hall(9, 5);
const CivilDate kDay(2026, 11, 24);

WalkInRequest walkIn(const QString &group, char prefix, CivilDate date = kDay, const QDateTime &at = kMorning)
{
    return WalkInRequest{group, prefix, date, at, QStringLiteral("T01")};
}

BookedRequest booked(const QString &bookingId, const QDateTime &at, const QDateTime &slotStart)
{
    BookedRequest r;
    r.bookingId = bookingId;
    r.groupCode = QStringLiteral("SB");
    r.matterCode = QStringLiteral("SB-001");
    r.serviceDate = kDay;
    r.at = at;
    r.priorityAt = std::max(at, slotStart.addSecs(-15 * 60)); // C4
    r.slotStart = slotStart;
    r.terminalId = QStringLiteral("T01");
    return r;
}

// Window `window` acting at `at`, serving `groups`, choosing booked first (Q2).
WindowContext window(int number, const QDateTime &at, std::vector<std::string> groups = {"*"})
{
    WindowContext c;
    c.window = number;
    c.groups = std::move(groups);
    c.serviceDate = kDay;
    c.at = at;
    const qint64 now = at.toSecsSinceEpoch();
    c.choose = [now](const WindowCallState &state, const std::vector<QueuedTicket> &waiting) {
        return chooseNext(CallingPolicy{}, state, waiting, now);
    };
    return c;
}

// The same window choosing by slack:0.6 (Q2), the hall open 09:00–12:00 and 13:00–17:00.
WindowContext slackWindow(int number, const QDateTime &at)
{
    WindowContext c = window(number, at);
    WaitReckoning hours;
    hours.openHours = std::vector<WaitReckoning::Span>{{test::hall(9, 0).toSecsSinceEpoch(), test::hall(12, 0).toSecsSinceEpoch()},
                                                       {test::hall(13, 0).toSecsSinceEpoch(), test::hall(17, 0).toSecsSinceEpoch()}};
    const qint64 now = at.toSecsSinceEpoch();
    c.choose = [now, hours](const WindowCallState &state, const std::vector<QueuedTicket> &waiting) {
        return chooseNext(*CallingPolicy::parse("slack:0.6"), state, waiting, now, hours);
    };
    return c;
}

QJsonObject lastEvent(const Database &db, const char *type)
{
    return QJsonDocument::fromJson(
               scalar(db, QStringLiteral("SELECT data FROM outbox WHERE type = '%1' ORDER BY seq DESC LIMIT 1").arg(QLatin1String(type)))
                   .toUtf8())
        .object();
}

int fileMode(const QString &path)
{
    struct stat st{};
    ::stat(QFile::encodeName(path).constData(), &st);
    return int(st.st_mode & 0777);
}

} // namespace

class TestQueueStore : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void newFileIsPrivateAndInWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/hallkiosk.db"));
        auto db = Database::open(path);
        QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
        QCOMPARE(fileMode(path), 0600);
        QCOMPARE(column(*db.value(), QStringLiteral("PRAGMA journal_mode")), QStringList{QStringLiteral("wal")});
        QCOMPARE(column(*db.value(), QStringLiteral("PRAGMA synchronous")), QStringList{QStringLiteral("2")}); // FULL
        QCOMPARE(column(*db.value(), QStringLiteral("PRAGMA foreign_keys")), QStringList{QStringLiteral("1")});
        QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
        QVERIFY(db.value()->checkIntegrity().ok());
        SqlQueueStore store(*db.value());
        QVERIFY(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).ok());
        QCOMPARE(fileMode(path + QStringLiteral("-wal")), 0600);
    }

    // The WAL is copied back into the database file by the checkpointer's own connection, about
    // once a second, not by a write that crosses the autocheckpoint (kept as a backstop at 10,000
    // pages): the migrations' few hundred pages reach the file though no write crossed it.
    void theWalIsCheckpointedOffTheWrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        auto db = Database::open(path);
        QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
        QCOMPARE(column(*db.value(), QStringLiteral("PRAGMA wal_autocheckpoint")), QStringList{QStringLiteral("10000")});
        SqlQueueStore store(*db.value());
        QVERIFY(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).ok());
        // The file's size tells: switching to WAL wrote its first page, and it holds no other until
        // a checkpoint copies the tables' pages into it.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > 4096, 10000);
        QVERIFY(db.value()->checkIntegrity().ok());
    }

    void looseModeIsTightened()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        { auto db = Database::open(path); QVERIFY(db.ok()); }
        ::chmod(QFile::encodeName(path).constData(), 0644);
        auto db = Database::open(path);
        QVERIFY(db.ok());
        QCOMPARE(fileMode(path), 0600);
    }

    void reopeningAppliesNothingTwice()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        { auto db = Database::open(path); QVERIFY(db.ok()); }
        auto db = Database::open(path);
        QVERIFY(db.ok());
        QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
        }
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().detail.contains(QStringLiteral("newer")), qPrintable(db.error().detail));
    }

    // The pending migrations are one transaction: when a later one fails, the earlier ones of the
    // same start are undone too and the file keeps the version it had (db/README.md).
    void aFailedMigrationUndoesTheWholeStart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        const auto auditColumns = [](QSqlDatabase c) {
            QSqlQuery q(c);
            QStringList names;
            if (q.exec(QStringLiteral("SELECT name FROM pragma_table_info('audit_log')")))
                while (q.next())
                    names << q.value(0).toString();
            return names;
        };
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(Migrations::latestVersion() >= 12);
            // Back to version 10 as far as migration 11 can tell; migration 12's column stays, so 12
            // will fail (a duplicate column) after 11 has run.
            QSqlQuery q(db.value()->connection());
            QVERIFY2(q.exec(QStringLiteral("ALTER TABLE audit_log DROP COLUMN chain_format")), qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 10")));
            QVERIFY(!auditColumns(db.value()->connection()).contains(QStringLiteral("chain_format")));
        }
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().detail.contains(QStringLiteral("migration 12")), qPrintable(db.error().detail));
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("rawcheck"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), 10);                                          // not 11
            QVERIFY(!auditColumns(raw).contains(QStringLiteral("chain_format"))); // 11 undone
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("rawcheck"));
    }

    void garbageFileIsRefusedWithAMessage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().detail.contains(path), qPrintable(db.error().detail));
    }

    void unwritableFolderIsRefused()
    {
        if (::geteuid() == 0)
            QSKIP("root can write anywhere");
        auto db = Database::open(QStringLiteral("/proc/hallkiosk/x.db"));
        QVERIFY(!db.ok());
    }

    void sqliteMigrationSixAddsTheHelpRequests()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.db")));
        QVERIFY(db.ok());
        QVERIFY(Migrations::latestVersion() >= 6);
        QCOMPARE(db.value()->engine(), Database::Engine::Sqlite);
        QCOMPARE(count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM help_requests WHERE taken_at IS NULL")), 0);
    }

    void retryRunsABusyDatabaseAgainAndNothingElse()
    {
        // Another connection holds the write lock; this one does not wait for it (busy timeout 0),
        // so its BEGIN IMMEDIATE fails with SQLITE_BUSY until the lock is let go.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("busy.db"));
        auto db = Database::open(path);
        QVERIFY(db.ok());
        const QString name = QStringLiteral("impatient");
        {
            QSqlDatabase impatient = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            impatient.setDatabaseName(path);
            impatient.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
            QVERIFY(impatient.open());
            QVERIFY(test::exec(*db.value(), QStringLiteral("BEGIN IMMEDIATE")));
            int tries = 0;
            auto done = db.value()->retry([&]() -> Result<void, StoreError> {
                if (++tries == 3)
                    test::exec(*db.value(), QStringLiteral("COMMIT"));
                Transaction tx(impatient);
                if (auto begun = tx.begin(); !begun)
                    return begun;
                return tx.commit();
            });
            QVERIFY2(done.ok(), qPrintable(done ? QString() : done.error().detail));
            QCOMPARE(tries, 3);
            QCOMPARE(db.value()->retries(), qint64(2));

            // Nested in another retry, a retry runs once: the outer one runs the whole again.
            QVERIFY(test::exec(*db.value(), QStringLiteral("BEGIN IMMEDIATE")));
            int outer = 0;
            tries = 0;
            done = db.value()->retry([&]() -> Result<void, StoreError> {
                ++outer;
                return db.value()->retry([&]() -> Result<void, StoreError> {
                    if (++tries == 2)
                        test::exec(*db.value(), QStringLiteral("COMMIT"));
                    Transaction tx(impatient);
                    if (auto begun = tx.begin(); !begun)
                        return begun;
                    return tx.commit();
                });
            });
            QVERIFY(done.ok());
            QCOMPARE(tries, 2);
            QCOMPARE(outer, 2);

            // A failure no other writer caused is returned at once.
            tries = 0;
            auto refused = db.value()->retry([&]() -> Result<void, StoreError> {
                ++tries;
                QSqlQuery q(impatient);
                if (!sql::run(q, QStringLiteral("INSERT INTO no_such_table VALUES (1)")))
                    return fail(storeError(QStringLiteral("insert"), q.lastError()));
                return Ok{};
            });
            QVERIFY(!refused.ok());
            QCOMPARE(tries, 1);
        }
        QSqlDatabase::removeDatabase(name);
    }

    // ---- the contract, on both engines --------------------------------------------------------

    void numbersAreConsecutivePerSeriesAndDay_data() { test::addEngineRows(); }
    void numbersAreConsecutivePerSeriesAndDay()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        QStringList numbers;
        for (int i = 0; i < 3; ++i) {
            numbers << store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().number;
            numbers << store.issueWalkIn(walkIn(QStringLiteral("BDC"), 'B')).value().number;
        }
        QCOMPARE(numbers.join(QLatin1Char(',')), QStringLiteral("A001,B001,A002,B002,A003,B003"));
        // The next day starts again at 001.
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', CivilDate(2026, 11, 25))).value().number,
                 QStringLiteral("A001"));
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().number, QStringLiteral("A004"));
        QCOMPARE(store.unclosedDays().value().size(), size_t(2));
    }

    void dailyCapStopsTheSeries_data() { test::addEngineRows(); }
    void dailyCapStopsTheSeries()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        WalkInRequest capped = walkIn(QStringLiteral("SB"), 'A');
        capped.dailyCap = 2;
        QVERIFY(store.issueWalkIn(capped).ok());
        QVERIFY(store.issueWalkIn(capped).ok());
        auto refused = store.issueWalkIn(capped);
        QVERIFY(!refused.ok());
        QCOMPARE(int(refused.error().kind), int(QueueError::Kind::DailyCapReached));
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM tickets")), 2);
    }

    void restartContinuesTheSeries_data() { test::addEngineRows(); }
    void restartContinuesTheSeries()
    {
        {
            auto db = m_engines.freshForRow();
            QVERIFY2(db, qPrintable(m_engines.error()));
            SqlQueueStore store(*db);
            for (int i = 0; i < 5; ++i)
                QVERIFY(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).ok());
        }
        auto db = m_engines.reopen();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().number, QStringLiteral("A006"));
    }

    void numbersPastNineHundredNinetyNine_data() { test::addEngineRows(); }
    void numbersPastNineHundredNinetyNine()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        QVERIFY(test::exec(*db, QStringLiteral("INSERT INTO number_series VALUES ('2026-11-24', 'A', 999)")));
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().number, QStringLiteral("A1000"));
    }

    void peopleAheadCountsWaitingTicketsOfTheGroup_data() { test::addEngineRows(); }
    void peopleAheadCountsWaitingTicketsOfTheGroup()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().peopleAhead, 0);
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().peopleAhead, 1);
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("BDC"), 'B')).value().peopleAhead, 0);
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().peopleAhead, 2);
        QCOMPARE(store.waitingCount(QStringLiteral("SB"), kDay).value(), 3);
        QCOMPARE(store.waitingCount(QStringLiteral("SB"), CivilDate(2026, 11, 25)).value(), 0);
    }

    void everyTicketHasItsEventInTheSameCommit_data() { test::addEngineRows(); }
    void everyTicketHasItsEventInTheSameCommit()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        const IssuedTicket t = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value();
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT type, at, data FROM outbox")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ticket_issued"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("2026-11-24T09:05:00+08:00"));
        const QJsonObject data = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
        QCOMPARE(data.value(QStringLiteral("ticket")).toString(), t.id);
        QCOMPARE(data.value(QStringLiteral("number")).toString(), QStringLiteral("A001"));
        QCOMPARE(data.value(QStringLiteral("kind")).toString(), QStringLiteral("walkin"));
        QCOMPARE(data.value(QStringLiteral("group")).toString(), QStringLiteral("SB"));
        QVERIFY(!q.next());
        const OutboxCounts counts = SqlOutboxStore(*db).counts().value();
        QCOMPARE(counts.pending, 1);
        QCOMPARE(*counts.oldestPendingAt, kMorning);
    }

    void printStateIsKeptBesideTheQueueState_data() { test::addEngineRows(); }
    void printStateIsKeptBesideTheQueueState()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        const IssuedTicket t = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value();
        QCOMPARE(column(*db, QStringLiteral("SELECT print_state || '/' || state FROM tickets")), QStringList{QStringLiteral("pending/waiting")});
        QVERIFY(store.setPrintState(t.id, PrintState::PrintFailed).ok());
        QCOMPARE(column(*db, QStringLiteral("SELECT print_state || '/' || state FROM tickets")),
                 QStringList{QStringLiteral("print_failed/waiting")});
        auto missing = store.setPrintState(QStringLiteral("no-such-ticket"), PrintState::Printed);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind, StoreError::Kind::NotFound);
    }

    void aBookingChecksInOnce_data() { test::addEngineRows(); }
    void aBookingChecksInOnce()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        // Not cached yet (booked a minute ago): the token's fields stand in.
        const IssuedTicket t = store.issueBooked(booked(QStringLiteral("BK-1"), test::hall(9, 40), test::hall(10, 0))).value();
        QCOMPARE(t.number, QStringLiteral("Y001"));
        QCOMPARE(t.kind, TicketKind::Booked);
        auto again = store.issueBooked(booked(QStringLiteral("BK-1"), test::hall(9, 41), test::hall(10, 0)));
        QVERIFY(!again.ok());
        QCOMPARE(int(again.error().kind), int(QueueError::Kind::AlreadyCheckedIn));
        QCOMPARE(again.error().detail, t.id);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT status || '/' || ticket_id FROM bookings WHERE id = 'BK-1'")),
                 QStringLiteral("checked_in/") + t.id);
        QCOMPARE(lastEvent(*db, "booking_checked_in").value(QStringLiteral("ticket")).toString(), t.id);
        QCOMPARE(lastEvent(*db, "ticket_issued").value(QStringLiteral("booking_id")).toString(), QStringLiteral("BK-1"));
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox")), 2);
        // Its priority key (Unix seconds, a BIGINT on PostgreSQL) reads back as it went in.
        const TicketRecord record = *store.ticket(t.id).value();
        QCOMPARE(*record.priorityAt, test::hall(9, 45));
        QCOMPARE(*record.slotStart, test::hall(10, 0));
        QCOMPARE(record.bookingId, QStringLiteral("BK-1"));
        QCOMPARE(*record.complexity, Complexity::General);
    }

    void aWindowCallsRecallsServesAndFinishes_data() { test::addEngineRows(); }
    void aWindowCallsRecallsServesAndFinishes()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        const IssuedTicket a1 = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 0))).value();
        const IssuedTicket a2 = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 1))).value();

        WindowState s = store.callNext(window(3, test::hall(9, 10))).value();
        QCOMPARE(s.number, 3);
        QCOMPARE(s.current->id, a1.id);
        QCOMPARE(s.current->state, TicketState::Called);
        QCOMPARE(*s.current->calledAt, test::hall(9, 10));
        QCOMPARE(*s.current->window, 3);
        QCOMPARE(lastEvent(*db, "ticket_called").value(QStringLiteral("window")).toInt(), 3);

        QCOMPARE(store.recall(window(3, test::hall(9, 11)), 2).value().current->recalls, 1);
        QCOMPARE(store.recall(window(3, test::hall(9, 12)), 2).value().current->recalls, 2);
        auto limit = store.recall(window(3, test::hall(9, 13)), 2);
        QVERIFY(!limit.ok());
        QCOMPARE(int(limit.error().kind), int(QueueError::Kind::RecallLimit));

        QCOMPARE(store.startServing(window(3, test::hall(9, 14))).value().current->state, TicketState::Serving);
        s = store.finish(window(3, test::hall(9, 24))).value();
        QVERIFY(!s.current);
        QCOMPARE(store.ticket(a1.id).value()->state, TicketState::Served);
        QCOMPARE(lastEvent(*db, "ticket_served").value(QStringLiteral("service_seconds")).toInt(), 600);

        // 下一位 with a ticket at the window finishes it first.
        QCOMPARE(store.callNext(window(3, test::hall(9, 25))).value().current->id, a2.id);
        s = store.callNext(window(3, test::hall(9, 30))).value();
        QVERIFY(!s.current); // nobody waiting
        QCOMPARE(store.ticket(a2.id).value()->state, TicketState::Served);
        auto nobody = store.finish(window(3, test::hall(9, 31)));
        QVERIFY(!nobody.ok());
        QCOMPARE(int(nobody.error().kind), int(QueueError::Kind::NoCurrentTicket));
        QCOMPARE(store.windowState(3).value().mode, WindowMode::Normal);
    }

    void bookedTicketsWithPriorityComeFirst_data() { test::addEngineRows(); }
    void bookedTicketsWithPriorityComeFirst()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        const IssuedTicket walkInA = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 0))).value();
        const IssuedTicket early = store.issueBooked(booked(QStringLiteral("BK-10"), test::hall(9, 5), test::hall(11, 0))).value();
        const IssuedTicket due = store.issueBooked(booked(QStringLiteral("BK-9"), test::hall(9, 6), test::hall(9, 15))).value();
        const IssuedTicket other = store.issueWalkIn(walkIn(QStringLiteral("BDC"), 'B', kDay, test::hall(8, 59))).value();
        // At 9:20 the 9:15 booking has priority; the 11:00 one not yet (C4).
        QCOMPARE(store.callNext(window(1, test::hall(9, 20), {"SB"})).value().current->id, due.id);
        QCOMPARE(store.callNext(window(2, test::hall(9, 20), {"SB"})).value().current->id, walkInA.id);
        QCOMPARE(store.callNext(window(4, test::hall(9, 20), {"SB"})).value().current->id, early.id);
        QVERIFY(!store.callNext(window(5, test::hall(9, 20), {"SB"})).value().current);
        // Each window holds its own ticket; the other group's ticket is still waiting.
        QCOMPARE(store.windowState(1).value().current->id, due.id);
        QCOMPARE(store.ticket(other.id).value()->state, TicketState::Waiting);
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_called'")), 3);
    }

    void slackCallsWhomTheDomainChooses_data() { test::addEngineRows(); }
    void slackCallsWhomTheDomainChooses()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        const auto bookedAs = [&](const char *id, Complexity c, const QDateTime &in, const QDateTime &slot) {
            BookedRequest r = booked(QString::fromLatin1(id), in, slot);
            r.complexity = c;
            return store.issueBooked(r).value().id;
        };
        // Worked by hand (targets 10/30/60; slack:0.6 calls a booked ticket first once its time
        // left is ≤ 6 / 18 / 36 min):
        //   a1 walk-in 9:05                      a2 walk-in 9:20
        //   y1 general, in 9:15, slot 9:30  →  priority 9:15, waiting from 9:30
        //   y2 special, in 9:08, slot 9:00  →  priority 9:08, waiting from 9:08
        //   y3 general, in 9:26, slot 9:10  →  priority 9:26, waiting from 9:26 (16 min late)
        const QString a1 = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 5))).value().id;
        const QString y2 = bookedAs("BK-2", Complexity::Special, test::hall(9, 8), test::hall(9, 0));
        const QString y1 = bookedAs("BK-1", Complexity::General, test::hall(9, 15), test::hall(9, 30));
        const QString a2 = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 20))).value().id;
        const QString y3 = bookedAs("BK-3", Complexity::General, test::hall(9, 26), test::hall(9, 10));
        const auto callAt = [&](int number, int minute) {
            auto state = store.callNext(slackWindow(number, test::hall(9, minute)));
            return state && state->current ? state->current->id : QStringLiteral("-");
        };
        // 9:30 — y3 has waited 4 of its 10: 6 left, short. It is neither the first booked by
        // priority (y2) nor the oldest (a1): the store must hand it to the policy.
        QCOMPARE(callAt(1, 30), y3);
        // 9:31 — y2 37 left of 60, y1 9 of 10: nobody short, the oldest.
        QCOMPARE(callAt(2, 31), a1);
        // 9:32 — y2 has 36 left: short; y1 (8 left, more than 6) waits.
        QCOMPARE(callAt(3, 32), y2);
        // 9:33 — y1 7 left: not short; it checked in at 9:15, before a2 came: the oldest.
        QCOMPARE(callAt(4, 33), y1);
        QCOMPARE(callAt(5, 34), a2);
        QCOMPARE(callAt(6, 35), QStringLiteral("-"));
    }

    void slackTakesTheLongestWaitOfAComplexity_data() { test::addEngineRows(); }
    void slackTakesTheLongestWaitOfAComplexity()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        // Two general bookings: y1 in 9:00 for 9:30 (priority 9:15, waiting from 9:30), y2 in
        // 9:20 for 9:10 (priority 9:20, waiting from 9:20). At 9:30 y2 has waited 10 min, 0 left;
        // y1 has not begun to wait. The first by priority is y1, the oldest is the walk-in.
        store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(8, 50))).value();
        store.issueBooked(booked(QStringLiteral("BK-1"), test::hall(9, 0), test::hall(9, 30))).value();
        const QString y2 = store.issueBooked(booked(QStringLiteral("BK-2"), test::hall(9, 20), test::hall(9, 10))).value().id;
        auto state = store.callNext(slackWindow(1, test::hall(9, 30)));
        QVERIFY2(state, state ? "" : qPrintable(state.error().detail));
        QCOMPARE(state->current->id, y2);
    }

    void passedTicketsRequeueAndTransfersKeepTheirPlace_data() { test::addEngineRows(); }
    void passedTicketsRequeueAndTransfersKeepTheirPlace()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        std::vector<IssuedTicket> t;
        for (int i = 0; i < 6; ++i)
            t.push_back(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, i))).value());
        QCOMPARE(store.callNext(window(3, test::hall(9, 10))).value().current->id, t[0].id);
        QVERIFY(!store.pass(window(3, test::hall(9, 12))).value().current);
        QCOMPARE(store.ticket(t[0].id).value()->state, TicketState::Passed);
        // Q4: back three places behind the head of its group, halfway between two queue keys.
        const TicketRecord back = store.requeue(t[0].id, test::hall(9, 20)).value();
        QCOMPARE(back.state, TicketState::Waiting);
        const double key = scalar(*db, QStringLiteral("SELECT queue_key FROM tickets WHERE id = '%1'").arg(t[0].id)).toDouble();
        QCOMPARE(key, (test::hall(9, 3).toSecsSinceEpoch() + test::hall(9, 4).toSecsSinceEpoch()) / 2.0);
        QStringList order;
        for (int i = 0; i < 6; ++i)
            order << store.callNext(window(3, test::hall(9, 30 + i))).value().current->number;
        QCOMPARE(order.join(QLatin1Char(',')), QStringLiteral("A002,A003,A004,A001,A005,A006"));
        auto late = store.requeue(t[1].id, test::hall(9, 40));
        QVERIFY(!late.ok()); // served, not passed

        // A transfer to another group keeps the ticket's issue-time place there.
        const IssuedTicket b = store.issueWalkIn(walkIn(QStringLiteral("BDC"), 'B', kDay, test::hall(9, 50))).value();
        QCOMPARE(store.transfer(window(3, test::hall(9, 55)), QStringLiteral("BDC")).value().current.has_value(), false);
        QCOMPARE(store.ticket(t[5].id).value()->groupCode, QStringLiteral("BDC"));
        QCOMPARE(store.callNext(window(7, test::hall(9, 56), {"BDC"})).value().current->id, t[5].id);
        QCOMPARE(store.callNext(window(7, test::hall(9, 57), {"BDC"})).value().current->id, b.id);
        QCOMPARE(lastEvent(*db, "ticket_transferred").value(QStringLiteral("to_group")).toString(), QStringLiteral("BDC"));
    }

    void modesPauseAndResume_data() { test::addEngineRows(); }
    void modesPauseAndResume()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 0))).value();
        store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 1))).value();
        QVERIFY(store.setMode(window(2, test::hall(9, 5)), WindowMode::Booking).ok());
        QCOMPARE(store.callNext(window(2, test::hall(9, 6))).value().current->number, QStringLiteral("A001")); // fallback (Q3)
        // Q3: a pause asked for while serving waits for the citizen to leave.
        WindowState s = store.setMode(window(2, test::hall(9, 7)), WindowMode::Paused).value();
        QCOMPARE(s.mode, WindowMode::Booking);
        QCOMPARE(*s.pendingMode, WindowMode::Paused);
        s = store.callNext(window(2, test::hall(9, 8))).value(); // finishes A001; the pause begins
        QCOMPARE(s.mode, WindowMode::Paused);
        QVERIFY(!s.current);
        auto paused = store.callNext(window(2, test::hall(9, 9)));
        QVERIFY(!paused.ok());
        QCOMPARE(int(paused.error().kind), int(QueueError::Kind::WindowPaused));
        QCOMPARE(store.resume(window(2, test::hall(9, 30))).value().mode, WindowMode::Booking); // back to its mode
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'window_mode_changed'")), 3);
    }

    void dayCloseExpiresTheRestAndMarksNoShows_data() { test::addEngineRows(); }
    void dayCloseExpiresTheRestAndMarksNoShows()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        SqlBookingStore bookings(*db);
        const auto book = [&](const char *id, const QDateTime &slot, bool emergency) {
            BookingRecord b;
            b.id = QString::fromLatin1(id);
            b.version = 3;
            b.matterCode = QStringLiteral("SB-001");
            b.groupCode = QStringLiteral("SB");
            b.slotStart = slot;
            b.slotEnd = slot.addSecs(3600);
            b.emergency = emergency;
            return bookings.upsert(b).value();
        };
        QVERIFY(book("BK-never", test::hall(14, 0), false));
        QVERIFY(book("BK-evening", test::hall(19, 0), false));  // its slot + 30 min still ahead at close
        QVERIFY(book("BK-urgent", test::hall(15, 0), true));    // B7: day close never lapses it
        QVERIFY(bookings.find(QStringLiteral("BK-urgent")).value()->emergency);
        store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 0))).value();
        store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 1))).value();
        store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 2))).value();
        store.callNext(window(1, test::hall(16, 0))).value();
        store.callNext(window(2, test::hall(16, 0))).value();
        QVERIFY(store.startServing(window(2, test::hall(16, 1))).ok());
        QCOMPARE(store.unclosedDays().value().size(), size_t(1));

        // Closed at the next morning's start-up: the service ended at 17:00, the sweep's bound is now − 30 min.
        const QDateTime nextMorning = test::hall(8, 0).addDays(1);
        const DayCloseSummary summary = store.closeDay(DayClose{kDay, nextMorning, test::hall(17, 0), test::hall(18, 0)}).value();
        QCOMPARE(summary.served, 2);  // the one being served and the one called, finished at 17:00
        QCOMPARE(summary.expired, 1); // the one still waiting
        QCOMPARE(summary.noShows, 1);
        QCOMPARE(bookings.find(QStringLiteral("BK-never")).value()->status, BookingState::NoShow);
        QCOMPARE(bookings.find(QStringLiteral("BK-evening")).value()->status, BookingState::Booked);
        QCOMPARE(bookings.find(QStringLiteral("BK-urgent")).value()->status, BookingState::Booked);
        QVERIFY(!store.windowState(1).value().current);
        QVERIFY(!store.windowState(2).value().current);
        QVERIFY(store.unclosedDays().value().empty());
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_expired'")), 1);
        QCOMPARE(column(*db, QStringLiteral("SELECT data FROM outbox WHERE type = 'ticket_served' ORDER BY seq")).join(QLatin1Char('|')).count(
                     QStringLiteral("\"closed_by_day_close\":true")),
                 2);
        QCOMPARE(column(*db, QStringLiteral("SELECT at FROM outbox WHERE type = 'ticket_served' ORDER BY seq")),
                 (QStringList{test::hall(17, 0).toString(Qt::ISODate), test::hall(17, 0).toString(Qt::ISODate)}));
        QStringList seconds;
        for (const QString &data : column(*db, QStringLiteral("SELECT data FROM outbox WHERE type = 'ticket_served'")))
            seconds << QString::number(QJsonDocument::fromJson(data.toUtf8()).object().value(QStringLiteral("service_seconds")).toInt());
        seconds.sort();
        QCOMPARE(seconds, (QStringList{QStringLiteral("3540"), QStringLiteral("3600")})); // 16:01 and 16:00 to 17:00
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE closed_by_day_close = 1 AND finished_at = '%1'")
                                .arg(test::hall(17, 0).toUTC().toString(Qt::ISODateWithMs))),
                 2);
        // Closing again finds nothing left to do.
        const DayCloseSummary again = store.closeDay(DayClose{kDay, nextMorning.addSecs(60), test::hall(17, 0), test::hall(18, 0)}).value();
        QCOMPARE(again.expired + again.served + again.noShows, 0);
    }

    void aTicketIssuedAfterItsDayClosedExpiresAtTheNextClose_data() { test::addEngineRows(); }
    void aTicketIssuedAfterItsDayClosedExpiresAtTheNextClose()
    {
        // B7: an emergency booking checks in after hours, after its day has closed. If nobody calls
        // it, it must not wait for ever: the next day's close expires it with that day's.
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 0))).value();
        QCOMPARE(store.closeDay(DayClose{kDay, test::hall(18, 0), test::hall(17, 0), test::hall(17, 30)}).value().expired, 1);
        const IssuedTicket late = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(19, 30))).value();
        QCOMPARE(late.number, QStringLiteral("A002"));
        QCOMPARE(store.ticket(late.id).value()->state, TicketState::Waiting);

        const CivilDate next = kDay.addDays(1);
        store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', next, test::hall(9, 0).addDays(1))).value();
        const std::vector<CivilDate> unclosed = store.unclosedDays().value();
        QCOMPARE(unclosed.size(), size_t(1)); // the late ticket does not open its day again
        QVERIFY(unclosed.front() == next);
        const DayCloseSummary summary =
            store.closeDay(DayClose{next, test::hall(18, 0).addDays(1), test::hall(17, 0).addDays(1), test::hall(17, 30).addDays(1)}).value();
        QCOMPARE(summary.expired, 2); // the next day's A001 and the late A002
        QCOMPARE(store.ticket(late.id).value()->state, TicketState::Expired);
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_expired'")), 3);
    }

    void ratingsOncePerServedTicketAndNeverChanged_data() { test::addEngineRows(); }
    void ratingsOncePerServedTicketAndNeverChanged()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        SqlRatingStore ratings(*db);
        const IssuedTicket t = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, 0))).value();
        store.callNext(window(3, test::hall(9, 5))).value();
        RatingRequest request{t.number, kDay, 3, 2, QStringLiteral(" 等太久 "), true, RatingChannel::Evaluator, test::hall(9, 30), std::nullopt, std::nullopt};
        auto early = ratings.record(request);
        QVERIFY(!early.ok()); // not served yet
        QCOMPARE(int(early.error().kind), int(RatingError::Kind::NotServed));
        QVERIFY(store.finish(window(3, test::hall(9, 20))).ok());
        QCOMPARE(ratings.awaitingRating(3, test::hall(9, 0)).value()->ticketId, t.id);
        const RatingRecord r = ratings.record(request).value(); // by its number
        QCOMPARE(r.ticketId, t.id);
        QCOMPARE(r.reason, QStringLiteral("等太久"));
        QVERIFY(!ratings.awaitingRating(3, test::hall(9, 0)).value());
        const RatingRecord stored = *ratings.ratingOf(t.id).value();
        QCOMPARE(stored.level, 2);
        QVERIFY(stored.followUp);
        QCOMPARE(stored.channel, RatingChannel::Evaluator);
        QCOMPARE(stored.at, test::hall(9, 30));
        request.ticket = t.id;
        auto twice = ratings.record(request);
        QVERIFY(!twice.ok());
        QCOMPARE(int(twice.error().kind), int(RatingError::Kind::AlreadyRated));
        QVERIFY(!test::exec(*db, QStringLiteral("UPDATE ratings SET level = 5")));
        QVERIFY(!test::exec(*db, QStringLiteral("DELETE FROM ratings")));
        QCOMPARE(lastEvent(*db, "rating").value(QStringLiteral("level")).toInt(), 2);
    }

    void theConsoleReadsWaitingTicketsAndRecentCalls_data() { test::addEngineRows(); }
    void theConsoleReadsWaitingTicketsAndRecentCalls()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore store(*db);
        SqlQueueOverviewReader overview(*db);
        for (int i = 0; i < 4; ++i)
            store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', kDay, test::hall(9, i))).value();
        store.callNext(window(1, test::hall(9, 10))).value();
        store.callNext(window(2, test::hall(9, 11))).value();
        const auto waiting = overview.waiting(kDay).value();
        QCOMPARE(waiting.size(), size_t(2));
        QCOMPARE(waiting.front().number, QStringLiteral("A003"));
        QCOMPARE(waiting.front().issuedAt, test::hall(9, 2));
        const auto calls = overview.recentCalls(kDay, 5).value();
        QCOMPARE(calls.size(), size_t(2));
        QCOMPARE(calls.front().number, QStringLiteral("A002"));
        QCOMPARE(calls.front().window, 2);
        QCOMPARE(calls.front().calledAt, test::hall(9, 11));
        // The windows' recent handling times, newest first: called 9:10, finished 9:25.
        QVERIFY(overview.recentlyHandled(kDay, 5).value().empty());
        store.finish(window(1, test::hall(9, 25))).value();
        const auto handled = overview.recentlyHandled(kDay, 5).value();
        QCOMPARE(handled.size(), size_t(1));
        QCOMPARE(handled.front().groupCode, QStringLiteral("SB"));
        QCOMPARE(handled.front().handlingS, qint64(15 * 60));
    }

    void theBusMastersNumbersAreKept_data() { test::addEngineRows(); }
    void theBusMastersNumbersAreKept()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlWindowBusStateStore bus(*db);
        QCOMPARE(bus.load(203).value().lastActed, 0);
        QVERIFY(bus.saveLastActed(203, 17).ok());
        QVERIFY(bus.saveLastActed(203, 18).ok());
        QVERIFY(bus.saveRateTicket(203, QStringLiteral("ticket-1")).ok());
        const WindowBusDeviceRecord r = bus.load(203).value();
        QCOMPARE(r.lastActed, 18);
        QCOMPARE(r.rateTicketId, QStringLiteral("ticket-1"));
    }
};

QTEST_GUILESS_MAIN(TestQueueStore)
#include "tst_queue_store.moc"
