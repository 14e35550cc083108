// db: a hall terminal without its hall (DESIGN §11, "Losing the database") against a private
// PostgreSQL — tickets in the offline series while the hall is out of reach, their merge into the
// hall's queue in issue-time order with every event once, the merge killed at each failpoint and
// run again, a booking checked in at two terminals in one outage, the hall black-holed (TcpProxy)
// and killed, and the bookings kept both in the hall and in the terminal's cache.

#include "db/database.h"
#include "db/hall/hall_booking_store.h"
#include "db/hall/hall_queue_store.h"
#include "db/hall/hall_session.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_rating_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/private_postgres.h"
#include "tests/support/sql_values.h"
#include "tests/support/store_engines.h"
#include "tests/support/tcp_proxy_thread.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace hk;

namespace {

using test::column;
using test::count;
using test::scalar;

const CivilDate kDay(2026, 11, 24);
constexpr int kWatchdogMs = 1500;

WalkInRequest walkIn(const QDateTime &at, const QString &terminal)
{
    return WalkInRequest{QStringLiteral("SB"), 'A', kDay, at, terminal};
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

BookingRecord booking(const QString &id, const QDateTime &slotStart)
{
    BookingRecord b;
    b.id = id;
    b.version = 1;
    b.matterCode = QStringLiteral("SB-001");
    b.groupCode = QStringLiteral("SB");
    b.slotStart = slotStart;
    b.slotEnd = slotStart.addSecs(30 * 60);
    b.channel = QStringLiteral("online");
    return b;
}

// Plain arrival order, so the calls show each ticket's place in the queue.
WindowContext fifo(int window, const QDateTime &at)
{
    WindowContext c;
    c.window = window;
    c.groups = {"*"};
    c.serviceDate = kDay;
    c.at = at;
    const qint64 now = at.toSecsSinceEpoch();
    c.choose = [now](const WindowCallState &state, const std::vector<QueuedTicket> &waiting) {
        return chooseNext(CallingPolicy{CallingPolicy::Kind::Fifo}, state, waiting, now);
    };
    return c;
}

QString naming(const QString &ticketId)
{
    return QStringLiteral("data LIKE '%\"ticket\":\"%1\"%'").arg(ticketId);
}

// A hall terminal: its session on the hall, its own SQLite file, the hall's stores over both.
struct Terminal {
    QTemporaryDir dir;
    std::unique_ptr<Database> local;
    std::unique_ptr<HallSession> session;
    std::unique_ptr<HallQueueStore> queue;
    std::unique_ptr<HallBookingStore> bookings;
    Database &hall() { return session->database(); }
};

} // namespace

class TestHallOffline : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;
    int m_case = 0;

    HallSession::Settings settings(const QString &database, const QString &terminal, quint16 port = 0) const
    {
        HallSession::Settings s;
        s.connection = m_engines.hall(database);
        if (port != 0)
            s.connection.ports = {QString::number(port)};
        s.connection.applicationName = QStringLiteral("hallkiosk-") + terminal;
        s.centerId = test::StoreEngines::kCenter;
        s.terminalId = terminal;
        s.terminalName = QStringLiteral("自助机 ") + terminal;
        s.watchdogMs = kWatchdogMs;
        s.probeIntervalMs = 250;
        return s;
    }

    // A new hall database of this case, migrated (copied from the template).
    QString freshHall()
    {
        const QString name = QStringLiteral("offline_%1").arg(++m_case);
        const QString error = m_engines.createDatabase(name, test::StoreEngines::kTemplate);
        return error.isEmpty() ? name : QString();
    }

    // A terminal online from the start, or (online false) one that belongs to the hall and starts
    // offline: it stays so until its session is started and its monitor reaches the hall.
    std::unique_ptr<Terminal> terminal(const HallSession::Settings &s, int index, bool online, QString &error)
    {
        auto t = std::make_unique<Terminal>();
        auto local = Database::open(t->dir.filePath(QStringLiteral("terminal.db")));
        if (!local) {
            error = local.error().detail;
            return nullptr;
        }
        t->local = std::move(local).value();
        if (online) {
            auto session = HallSession::open(s);
            if (!session) {
                error = session.error().detail;
                return nullptr;
            }
            t->session = std::move(session).value();
        } else {
            t->session = HallSession::openOffline(s, QStringLiteral("the hall cannot be reached (test)"));
        }
        t->queue = std::make_unique<HallQueueStore>(*t->session, *t->local, index);
        t->bookings = std::make_unique<HallBookingStore>(*t->session, *t->local);
        return t;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void offlineTicketsJoinTheHallInIssueTimeOrder()
    {
        const QString db = freshHall();
        QVERIFY(!db.isEmpty());
        QString error;
        auto t1 = terminal(settings(db, QStringLiteral("T01")), 1, true, error);
        QVERIFY2(t1, qPrintable(error));
        auto t2 = terminal(settings(db, QStringLiteral("T02")), 2, false, error);
        QVERIFY2(t2, qPrintable(error));
        QVERIFY(t1->session->online());
        QVERIFY(!t2->session->online());
        QVERIFY(t2->session->offlineReason().contains(QLatin1String("(test)")));

        // The platform's pull reached both before the outage: the hall, and T02's cache.
        const BookingRecord bk = booking(QStringLiteral("BK-1"), test::hall(9, 10));
        QVERIFY(t1->bookings->upsert(bk).ok());
        QVERIFY(t2->bookings->upsert(bk).ok());

        // The hall numbers on; T02, cut off, numbers in its offline series.
        const auto issue = [](Terminal &t, const QDateTime &at) { return t.queue->issueWalkIn(walkIn(at, t.session->settings().terminalId)); };
        auto a001 = issue(*t1, test::hall(9, 0));
        auto off1 = issue(*t2, test::hall(9, 1));
        auto a002 = issue(*t1, test::hall(9, 2));
        auto off2 = issue(*t2, test::hall(9, 3));
        auto offB = t2->queue->issueBooked(booked(QStringLiteral("BK-1"), test::hall(9, 4), QStringLiteral("T02")));
        auto a003 = issue(*t1, test::hall(9, 5));
        for (const auto *r : {&a001, &off1, &a002, &off2, &offB, &a003})
            QVERIFY2(r->ok(), qPrintable(r->ok() ? QString() : r->error().detail));
        QCOMPARE(a001->number, QStringLiteral("A001"));
        QCOMPARE(off1->number, QStringLiteral("A2-001"));
        QCOMPARE(a002->number, QStringLiteral("A002"));
        QCOMPARE(off2->number, QStringLiteral("A2-002"));
        QCOMPARE(offB->number, QStringLiteral("Y2-001"));
        QCOMPARE(a003->number, QStringLiteral("A003"));
        QCOMPARE(off1->peopleAhead, -1); // the hall's queue is not known offline
        QCOMPARE(t2->queue->offlineTickets(), 3);

        // Offline: its own tickets read from its file; the hall's operations refused at once.
        auto reprint = t2->queue->ticket(off1->id);
        QVERIFY(reprint.ok() && reprint.value());
        QCOMPARE(reprint.value()->number, QStringLiteral("A2-001"));
        auto call = t2->queue->callNext(fifo(1, test::hall(9, 6)));
        QVERIFY(!call.ok());
        QCOMPARE(call.error().kind, QueueError::Kind::Offline);
        QVERIFY2(call.error().detail.contains(QLatin1String("the hall database is offline")), qPrintable(call.error().detail));
        QVERIFY(!t2->queue->waitingCount(QStringLiteral("SB"), kDay).ok());
        QVERIFY(!t2->queue->mergeOffline().ok());
        // The cache knows the check-in made offline: a second one is refused.
        auto twice = t2->queue->issueBooked(booked(QStringLiteral("BK-1"), test::hall(9, 7), QStringLiteral("T02")));
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().kind, QueueError::Kind::AlreadyCheckedIn);

        // The hall is reached: the session comes back, the offline tickets are merged.
        QSignalSpy back(t2->session.get(), &HallSession::cameBack);
        t2->session->start();
        QTRY_VERIFY_WITH_TIMEOUT(t2->session->online(), 15000);
        QCOMPARE(back.size(), 1);
        auto merged = t2->queue->mergeOffline(test::hall(9, 30));
        QVERIFY2(merged.ok(), qPrintable(merged ? QString() : merged.error().detail));
        QCOMPARE(merged->tickets, 3);
        QCOMPARE(merged->events, 4); // three ticket_issued, one booking_checked_in
        QVERIFY(merged->cancelled.empty());
        QCOMPARE(t2->queue->offlineTickets(), 0);

        Database &hall = t1->hall();
        // The hall's own numbers untouched; the offline ones as they were printed, same ids.
        QCOMPARE(column(hall, QStringLiteral("SELECT number FROM tickets ORDER BY queue_key, seq")),
                 (QStringList{QStringLiteral("A001"), QStringLiteral("A2-001"), QStringLiteral("A002"), QStringLiteral("A2-002"),
                              QStringLiteral("Y2-001"), QStringLiteral("A003")}));
        QCOMPARE(scalar(hall, QStringLiteral("SELECT number FROM tickets WHERE id = '%1'").arg(off1->id)), QStringLiteral("A2-001"));
        QCOMPARE(scalar(hall, QStringLiteral("SELECT series FROM tickets WHERE id = '%1'").arg(off1->id)), QStringLiteral("A2-"));
        QCOMPARE(scalar(hall, QStringLiteral("SELECT status || ' ' || ticket_id FROM bookings WHERE id = 'BK-1'")),
                 QStringLiteral("checked_in ") + offB->id);

        // They joined the hall's queue in issue-time order: any window calls them so.
        QStringList called;
        for (int w = 1; w <= 6; ++w) {
            auto state = t1->queue->callNext(fifo(w, test::hall(9, 31)));
            QVERIFY2(state.ok() && state->current, qPrintable(state ? QStringLiteral("nobody waiting") : state.error().detail));
            called << state->current->number;
        }
        QCOMPARE(called, (QStringList{QStringLiteral("A001"), QStringLiteral("A2-001"), QStringLiteral("A002"), QStringLiteral("A2-002"),
                                      QStringLiteral("Y2-001"), QStringLiteral("A003")}));

        // Every event once in the hall's outbox, none left in the terminal's file.
        for (const auto *t : {&off1, &off2, &offB}) {
            QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_issued' AND %1").arg(naming((*t)->id))), 1);
        }
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_checked_in' AND %1").arg(naming(offB->id))), 1);
        const int hallEvents = count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox"));
        QCOMPARE(hallEvents, 3 + 4 + 6); // the hall's issues, the merged, the calls
        QCOMPARE(count(*t2->local, QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
        QCOMPARE(count(*t2->local, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE merged_at IS NOT NULL")), 3);

        // Merging again changes nothing.
        auto again = t2->queue->mergeOffline(test::hall(9, 40));
        QVERIFY(again.ok());
        QCOMPARE(again->tickets, 0);
        QCOMPARE(again->events, 0);
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox")), hallEvents);

        // A merged ticket reads as the hall has it (called now); the offline series goes on
        // where it was, never repeating a number of the day.
        auto read = t2->queue->ticket(off1->id);
        QVERIFY(read.ok() && read.value());
        QCOMPARE(read.value()->state, TicketState::Called);
        auto next = t2->queue->localStore().issueWalkIn(walkIn(test::hall(12, 0), QStringLiteral("T02")));
        QVERIFY(next.ok());
        QCOMPARE(next->number, QStringLiteral("A2-003"));
    }

    void mergeKilledAtEachFailpointLosesAndDuplicatesNothing_data()
    {
        QTest::addColumn<QString>("failpoint");
        // Per offline ticket the merge commits three times: its read (the file), the hall, its mark
        // (the file); then the other events: the hall, the file.
        for (const char *point : {"tx.before_commit:2", "tx.after_commit:2", "tx.before_commit:3", "tx.after_commit:3",
                                  "tx.after_commit:5", "tx.after_commit:9", "merge.after_hall_commit:1", "merge.after_hall_commit:4",
                                  "merge.after_local_mark:2", "merge.after_hall_commit:5", "merge.after_local_mark:5"})
            QTest::newRow(point) << QString::fromLatin1(point);
    }

    void mergeKilledAtEachFailpointLosesAndDuplicatesNothing()
    {
        QFETCH(QString, failpoint);
        const QString db = freshHall();
        QVERIFY(!db.isEmpty());
        QString error;
        auto t1 = terminal(settings(db, QStringLiteral("T01")), 1, true, error);
        QVERIFY2(t1, qPrintable(error));
        QVERIFY(t1->queue->issueWalkIn(walkIn(test::hall(9, 0), QStringLiteral("T01"))).ok());
        const BookingRecord bk = booking(QStringLiteral("BK-9"), test::hall(9, 30));
        QVERIFY(t1->bookings->upsert(bk).ok());

        // T02's file, written while the hall was out of reach: four offline tickets and a fact of
        // its own (a booking forfeited offline).
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("t02.db"));
        QStringList numbers;
        {
            auto local = Database::open(file);
            QVERIFY(local.ok());
            SqlQueueStore offline(*local.value(), 2);
            SqlBookingStore cache(*local.value());
            QVERIFY(cache.upsert(bk).ok());
            for (int m = 1; m <= 3; ++m) {
                auto t = offline.issueWalkIn(walkIn(test::hall(9, m), QStringLiteral("T02")));
                QVERIFY(t.ok());
                numbers << t->number;
            }
            auto b = offline.issueBooked(booked(QStringLiteral("BK-9"), test::hall(9, 20), QStringLiteral("T02")));
            QVERIFY(b.ok());
            numbers << b->number;
            SqlOutboxStore outbox(*local.value());
            QVERIFY(outbox.append({sql::newId(), QStringLiteral("booking_forfeited"), test::hall(9, 25),
                                   QJsonObject{{QStringLiteral("booking_id"), QStringLiteral("BK-X")}}})
                        .ok());
        }
        QStringList expectedEvents;
        {
            auto local = Database::open(file);
            QVERIFY(local.ok());
            expectedEvents = column(*local.value(), QStringLiteral("SELECT id FROM outbox ORDER BY seq"));
        }
        QCOMPARE(expectedEvents.size(), 4 + 1 + 1); // ticket_issued ×4, booking_checked_in, booking_forfeited

        const auto runChild = [&](const QString &point) {
            auto child = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            if (point.isEmpty())
                env.remove(QStringLiteral("HALLKIOSK_FAILPOINT"));
            else
                env.insert(QStringLiteral("HALLKIOSK_FAILPOINT"), point);
            child->setProcessEnvironment(env);
            child->start(QStringLiteral(HALLKIOSK_OFFLINE_MERGE_CHILD),
                         {QString::number(m_engines.postgres().port()), db, file, QStringLiteral("2")});
            child->waitForFinished(60000);
            return child;
        };
        auto killed = runChild(failpoint);
        QVERIFY2(killed->exitStatus() == QProcess::CrashExit,
                 qPrintable(QStringLiteral("the failpoint was not hit: ") + QString::fromUtf8(killed->readAll())));
        auto finished = runChild(QString());
        QVERIFY2(finished->exitStatus() == QProcess::NormalExit && finished->exitCode() == 0,
                 qPrintable(QString::fromUtf8(finished->readAllStandardError())));

        Database &hall = t1->hall();
        // Every offline ticket once in the hall, every event of the file once in its outbox.
        QCOMPARE(column(hall, QStringLiteral("SELECT number FROM tickets WHERE series LIKE '%-' ORDER BY queue_key")), numbers);
        for (const QString &id : std::as_const(expectedEvents))
            QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE id = '%1'").arg(id)), 1);
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox")), 1 + int(expectedEvents.size()));
        QCOMPARE(scalar(hall, QStringLiteral("SELECT t.number FROM bookings b JOIN tickets t ON t.id = b.ticket_id WHERE b.id = 'BK-9'")),
                 numbers.last());
        // Nothing left to merge in the file.
        auto local = Database::open(file);
        QVERIFY(local.ok());
        QCOMPARE(count(*local.value(), QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
        QCOMPARE(count(*local.value(), QStringLiteral("SELECT COUNT(*) FROM tickets WHERE merged_at IS NULL")), 0);
    }

    void aBookingCheckedInTwiceKeepsTheEarlierCheckIn_data()
    {
        QTest::addColumn<QString>("order");
        QTest::newRow("earlier merged first") << QStringLiteral("earlier-first");
        QTest::newRow("later merged first") << QStringLiteral("later-first");
        QTest::newRow("later one in the hall") << QStringLiteral("hall-later");
    }

    void aBookingCheckedInTwiceKeepsTheEarlierCheckIn()
    {
        QFETCH(QString, order);
        const QString db = freshHall();
        QVERIFY(!db.isEmpty());
        QString error;
        auto t1 = terminal(settings(db, QStringLiteral("T01")), 1, true, error);
        QVERIFY2(t1, qPrintable(error));
        auto t2 = terminal(settings(db, QStringLiteral("T02")), 2, false, error);
        QVERIFY2(t2, qPrintable(error));
        auto t3 = terminal(settings(db, QStringLiteral("T03")), 3, false, error);
        QVERIFY2(t3, qPrintable(error));
        const BookingRecord bk = booking(QStringLiteral("BK-2"), test::hall(9, 30));
        for (Terminal *t : {t1.get(), t2.get(), t3.get()})
            QVERIFY(t->bookings->upsert(bk).ok());

        // The same citizen checks in at T02 at 9:10 (the hall out of reach there) and again at
        // 9:20, at T03 (out of reach too) or at T01 (in the hall).
        auto earlier = t2->queue->issueBooked(booked(QStringLiteral("BK-2"), test::hall(9, 10), QStringLiteral("T02")));
        QVERIFY(earlier.ok());
        Terminal &laterAt = order == QLatin1String("hall-later") ? *t1 : *t3;
        auto later = laterAt.queue->issueBooked(booked(QStringLiteral("BK-2"), test::hall(9, 20), laterAt.session->settings().terminalId));
        QVERIFY2(later.ok(), qPrintable(later ? QString() : later.error().detail));
        QCOMPARE(earlier->number, QStringLiteral("Y2-001"));
        QCOMPARE(later->number, order == QLatin1String("hall-later") ? QStringLiteral("Y001") : QStringLiteral("Y3-001"));

        std::vector<DuplicateCheckIn> cancelled;
        const auto merge = [&](Terminal &t) {
            t.session->start();
            QTRY_VERIFY_WITH_TIMEOUT(t.session->online(), 15000);
            auto merged = t.queue->mergeOffline(test::hall(10, 0));
            QVERIFY2(merged.ok(), qPrintable(merged ? QString() : merged.error().detail));
            QCOMPARE(merged->tickets, 1);
            cancelled.insert(cancelled.end(), merged->cancelled.begin(), merged->cancelled.end());
        };
        if (order == QLatin1String("earlier-first")) {
            merge(*t2);
            merge(*t3);
        } else if (order == QLatin1String("later-first")) {
            merge(*t3);
            merge(*t2);
        } else {
            merge(*t2);
        }
        if (QTest::currentTestFailed())
            return;

        Database &hall = t1->hall();
        // The earlier check-in keeps the booking; the later ticket is cancelled, reported once,
        // and its check-in never reaches the platform.
        QCOMPARE(scalar(hall, QStringLiteral("SELECT status || ' ' || ticket_id FROM bookings WHERE id = 'BK-2'")),
                 QStringLiteral("checked_in ") + earlier->id);
        QCOMPARE(scalar(hall, QStringLiteral("SELECT state FROM tickets WHERE id = '%1'").arg(earlier->id)), QStringLiteral("waiting"));
        QCOMPARE(scalar(hall, QStringLiteral("SELECT state FROM tickets WHERE id = '%1'").arg(later->id)), QStringLiteral("cancelled"));
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_cancelled' AND %1").arg(naming(later->id))), 1);
        const QJsonObject event =
            QJsonDocument::fromJson(scalar(hall, QStringLiteral("SELECT data FROM outbox WHERE type = 'ticket_cancelled'")).toUtf8()).object();
        QCOMPARE(event.value(QStringLiteral("reason")).toString(), QStringLiteral("duplicate_check_in"));
        QCOMPARE(event.value(QStringLiteral("number")).toString(), later->number);
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_checked_in'")), 1);
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_checked_in' AND %1").arg(naming(earlier->id))), 1);
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_issued'")), 2);
        // The console's line.
        QCOMPARE(int(cancelled.size()), 1);
        QCOMPARE(cancelled.front().bookingId, QStringLiteral("BK-2"));
        QCOMPARE(cancelled.front().keptNumber, earlier->number);
        QCOMPARE(cancelled.front().cancelledNumber, later->number);
        QCOMPARE(cancelled.front().cancelledTicketId, later->id);
        // Every terminal reads the hall's word for both tickets.
        for (Terminal *t : {t1.get(), t2.get()}) {
            auto read = t->queue->ticket(later->id);
            QVERIFY(read.ok() && read.value());
            QCOMPARE(read.value()->state, TicketState::Cancelled);
        }
    }

    void aBlackHoledHallGoesOfflineWithinTheWatchdogAndComesBack()
    {
        const QString db = freshHall();
        QVERIFY(!db.isEmpty());
        test::TcpProxyThread proxy(QStringLiteral("127.0.0.1"), m_engines.postgres().port());
        QVERIFY2(proxy.error().isEmpty(), qPrintable(proxy.error()));
        QString error;
        auto t = terminal(settings(db, QStringLiteral("T02"), proxy.port()), 2, true, error);
        QVERIFY2(t, qPrintable(error));
        QSignalSpy wentOffline(t->session.get(), &HallSession::wentOffline);
        QSignalSpy cameBack(t->session.get(), &HallSession::cameBack);
        t->session->start();
        auto first = t->queue->issueWalkIn(walkIn(test::hall(9, 0), QStringLiteral("T02")));
        QVERIFY2(first.ok(), qPrintable(first ? QString() : first.error().detail));
        QCOMPARE(first->number, QStringLiteral("A001"));

        // The cable is pulled: what the terminal sends is taken, nothing comes back. The issue in
        // flight loses the hall before its COMMIT, so nothing of it is there: it comes from the file.
        proxy.blackHole();
        QElapsedTimer timer;
        timer.start();
        auto lost = t->queue->issueWalkIn(walkIn(test::hall(9, 1), QStringLiteral("T02")));
        const qint64 lostMs = timer.elapsed();
        QVERIFY2(lost.ok(), qPrintable(lost ? QString() : lost.error().detail));
        QCOMPARE(lost->number, QStringLiteral("A2-001"));
        QVERIFY(!t->session->online());
        QCOMPARE(t->hall().watchdogFirings(), 1);
        // Bounded by the watchdog, not by TCP (minutes): a generous margin for a loaded machine.
        QVERIFY2(lostMs < kWatchdogMs + 5000, qPrintable(QString::number(lostMs)));
        QTRY_COMPARE(wentOffline.size(), 1);

        // From now on nothing waits for the network: each answer comes before the watchdog could
        // have fired once.
        qint64 slowestMs = 0;
        const auto timed = [&](auto &&operation) {
            timer.restart();
            auto result = operation();
            slowestMs = std::max(slowestMs, timer.elapsed());
            return result;
        };
        auto offline = timed([&] { return t->queue->issueWalkIn(walkIn(test::hall(9, 2), QStringLiteral("T02"))); });
        QVERIFY(offline.ok());
        QCOMPARE(offline->number, QStringLiteral("A2-002"));
        auto call = timed([&] { return t->queue->callNext(fifo(1, test::hall(9, 3))); });
        QVERIFY(!call.ok());
        QCOMPARE(call.error().kind, QueueError::Kind::Offline);
        auto outbox = timed([&] { return SqlOutboxStore(t->hall()).counts(); });
        QVERIFY(!outbox.ok());
        QCOMPARE(outbox.error().kind, StoreError::Kind::Unavailable);
        QVERIFY2(outbox.error().detail.contains(QLatin1String("offline")), qPrintable(outbox.error().detail));
        auto help = timed([&] { return SqlHelpStore(t->hall()).pending(); });
        QVERIFY(!help.ok());
        QVERIFY2(help.error().detail.contains(QLatin1String("offline")), qPrintable(help.error().detail));
        RatingRequest rating;
        rating.ticket = first->id;
        rating.serviceDate = kDay;
        rating.window = 1;
        rating.level = 5;
        rating.at = test::hall(9, 4);
        auto rated = timed([&] { return SqlRatingStore(t->hall()).record(rating); });
        QVERIFY(!rated.ok());
        QCOMPARE(rated.error().kind, RatingError::Kind::Store);
        QVERIFY2(rated.error().detail.contains(QLatin1String("offline")), qPrintable(rated.error().detail));
        QCOMPARE(t->hall().watchdogFirings(), 1);
        QVERIFY2(slowestMs < kWatchdogMs, qPrintable(QString::number(slowestMs)));
        qInfo() << "black hole: the issue in flight answered from the file after" << lostMs << "ms (watchdog" << kWatchdogMs
                << "ms); the slowest operation offline took" << slowestMs << "ms";

        // The cable is back: the monitor reaches the hall, the main connection is reopened.
        timer.restart();
        proxy.resume();
        QTRY_VERIFY_WITH_TIMEOUT(cameBack.size() == 1, 20000);
        qInfo() << "back online" << timer.elapsed() << "ms after the cable";
        QVERIFY(t->session->online());
        auto merged = t->queue->mergeOffline(test::hall(9, 10));
        QVERIFY2(merged.ok(), qPrintable(merged ? QString() : merged.error().detail));
        QCOMPARE(merged->tickets, 2);
        auto called = t->queue->callNext(fifo(1, test::hall(9, 11)));
        QVERIFY2(called.ok() && called->current, qPrintable(called ? QString() : called.error().detail));
        QCOMPARE(called->current->number, QStringLiteral("A001"));
        called = t->queue->callNext(fifo(2, test::hall(9, 11)));
        QVERIFY(called.ok() && called->current);
        QCOMPARE(called->current->number, QStringLiteral("A2-001"));
    }

    void aKilledServerGoesOfflineAndComesBack()
    {
        // A server of its own: this one is killed.
        test::PrivatePostgres pg;
        const QString started = pg.start();
        QVERIFY2(started.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + started));
        HallSession::Settings s = settings(QStringLiteral("hallkiosk"), QStringLiteral("T02"), pg.port());
        QString error;
        auto t = terminal(s, 2, true, error);
        QVERIFY2(t, qPrintable(error));
        QSignalSpy wentOffline(t->session.get(), &HallSession::wentOffline);
        QSignalSpy cameBack(t->session.get(), &HallSession::cameBack);
        t->session->start();
        QVERIFY(t->queue->issueWalkIn(walkIn(test::hall(9, 0), QStringLiteral("T02"))).ok());

        pg.stop(false); // as a crash: SIGKILL, no goodbye to the clients
        QElapsedTimer timer;
        timer.start();
        auto next = t->queue->issueWalkIn(walkIn(test::hall(9, 1), QStringLiteral("T02")));
        const qint64 noticedMs = timer.elapsed();
        // Whichever noticed first, the operation or the monitor: offline, never a hall number.
        if (next.ok())
            QCOMPARE(next->number, QStringLiteral("A2-001"));
        else
            QCOMPARE(next.error().kind, QueueError::Kind::Offline);
        QVERIFY(!t->session->online());
        QTRY_COMPARE(wentOffline.size(), 1);
        auto offline = t->queue->issueWalkIn(walkIn(test::hall(9, 2), QStringLiteral("T02")));
        QVERIFY(offline.ok());
        QVERIFY2(offline->number.startsWith(QLatin1String("A2-")), qPrintable(offline->number));

        QVERIFY2(pg.restart().isEmpty(), qPrintable(pg.log()));
        timer.restart();
        QTRY_VERIFY_WITH_TIMEOUT(cameBack.size() == 1, 30000);
        qInfo() << "killed server: the next operation answered after" << noticedMs << "ms; back" << timer.elapsed()
                << "ms after the server was up again";
        QVERIFY(t->session->online());
        const int pending = t->queue->offlineTickets();
        auto merged = t->queue->mergeOffline(test::hall(9, 10));
        QVERIFY2(merged.ok(), qPrintable(merged ? QString() : merged.error().detail));
        QCOMPARE(merged->tickets, pending);
        QCOMPARE(count(t->hall(), QStringLiteral("SELECT COUNT(*) FROM tickets")), 1 + pending);
        QVERIFY(t->queue->issueWalkIn(walkIn(test::hall(9, 11), QStringLiteral("T02"))).ok());
    }

    void bookingsLiveInTheHallAndInTheCache()
    {
        const QString db = freshHall();
        QVERIFY(!db.isEmpty());
        QString error;
        auto t1 = terminal(settings(db, QStringLiteral("T01")), 1, true, error);
        QVERIFY2(t1, qPrintable(error));
        auto t2 = terminal(settings(db, QStringLiteral("T02")), 2, false, error);
        QVERIFY2(t2, qPrintable(error));
        Database &hall = t1->hall();
        const BookingRecord a = booking(QStringLiteral("BK-A"), test::hall(9, 0));
        const BookingRecord b = booking(QStringLiteral("BK-B"), test::hall(9, 30));
        const BookingRecord c = booking(QStringLiteral("BK-C"), test::hall(9, 45));

        // Offline: the cache alone takes the pull and answers the reads; the sweeps wait for the hall.
        QVERIFY(t2->bookings->upsert(a).value());
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM bookings WHERE id = 'BK-A'")), 0);
        auto found = t2->bookings->find(QStringLiteral("BK-A"));
        QVERIFY(found.ok() && found.value());
        QCOMPARE(found.value()->status, BookingState::Booked);
        auto noShows = t2->bookings->markNoShows(test::hall(10, 0), test::hall(10, 0));
        QVERIFY(!noShows.ok());
        QCOMPARE(noShows.error().kind, StoreError::Kind::Unavailable);
        QVERIFY(!t2->bookings->forfeit(QStringLiteral("BK-A"), test::hall(10, 0)).ok());
        QCOMPARE(count(*t2->local, QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);

        // Online: the pull goes to both, the reads are the hall's.
        t2->session->start();
        QTRY_VERIFY_WITH_TIMEOUT(t2->session->online(), 15000);
        QVERIFY(t2->bookings->upsertMany({a, b, c}).ok());
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM bookings")), 3);
        QCOMPARE(count(*t2->local, QStringLiteral("SELECT COUNT(*) FROM bookings")), 3);
        // BK-B checked in at T01, in the hall: T02 reads it so, though its cache never heard.
        auto ticket = t1->queue->issueBooked(booked(QStringLiteral("BK-B"), test::hall(9, 20), QStringLiteral("T01")));
        QVERIFY(ticket.ok());
        found = t2->bookings->find(QStringLiteral("BK-B"));
        QVERIFY(found.ok() && found.value());
        QCOMPARE(found.value()->status, BookingState::CheckedIn);
        QCOMPARE(found.value()->ticketId, ticket->id);
        auto cached = t2->bookings->localStore().find(QStringLiteral("BK-B"));
        QCOMPARE(cached.value()->status, BookingState::Booked);
        // … while T01's own cache learnt its check-in, for a later outage.
        cached = t1->bookings->localStore().find(QStringLiteral("BK-B"));
        QVERIFY(cached.ok() && cached.value());
        QCOMPARE(cached.value()->status, BookingState::CheckedIn);
        auto byDigest = t2->bookings->findByDigest(QString(), kDay);
        QVERIFY(byDigest.ok());
        QCOMPARE(int(byDigest->size()), 3);

        // The sweeps run in the hall, once, and the cache follows without events of its own.
        noShows = t2->bookings->markNoShows(test::hall(9, 40), test::hall(9, 40));
        QVERIFY2(noShows.ok(), qPrintable(noShows ? QString() : noShows.error().detail));
        QCOMPARE(noShows.value(), 1); // BK-A (BK-B is checked in, BK-C not due)
        QCOMPARE(scalar(hall, QStringLiteral("SELECT status FROM bookings WHERE id = 'BK-A'")), QStringLiteral("no_show"));
        QCOMPARE(scalar(*t2->local, QStringLiteral("SELECT status FROM bookings WHERE id = 'BK-A'")), QStringLiteral("no_show"));
        auto forfeited = t2->bookings->forfeit(QStringLiteral("BK-C"), test::hall(10, 20));
        QVERIFY(forfeited.ok() && forfeited.value());
        QCOMPARE(scalar(*t2->local, QStringLiteral("SELECT status FROM bookings WHERE id = 'BK-C'")), QStringLiteral("forfeited"));
        QCOMPARE(count(hall, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type IN ('booking_no_show', 'booking_forfeited')")), 2);
        QCOMPARE(count(*t2->local, QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
        // Once: the hall's sweep again finds nothing.
        QCOMPARE(t1->bookings->markNoShows(test::hall(9, 40), test::hall(9, 41)).value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHallOffline)
#include "tst_hall_offline.moc"
