// app/services/queue_service over the real SQLite stores: every window operation of DESIGN §3/§7,
// the outbox events each writes, day close, no-shows and forfeits.

#include "app/services/audit_trail_service.h"
#include "app/services/queue_service.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_audit_log.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_database.h"
#include "tests/support/hall_time.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

struct Rig : HallDatabase {
    explicit Rig(const char *policy = "booked_first")
        : queue(store, alone, catalog, clock, QueueSettings{*CallingPolicy::parse(policy), 3})
    {
    }
    FakeClock clock{hall(9, 0)};
    CatalogService catalog{demoCatalog()};
    NullHallChannel alone;
    QueueService queue;

    QString walkIn(const char *group, char prefix)
    {
        return store.issueWalkIn({QString::fromLatin1(group), prefix, CivilDate(2026, 11, 24), clock.now().toTimeZone(hallZone()),
                                  QStringLiteral("T01"), 0})
            .value()
            .number;
    }
    QString bookedTicket(const char *bookingId, const char *group, QDateTime priorityAt)
    {
        auto issued = store.issueBooked({QString::fromLatin1(bookingId), QString::fromLatin1(group), QStringLiteral("SB-001"), 'Y',
                                         CivilDate(2026, 11, 24), clock.now().toTimeZone(hallZone()), priorityAt,
                                         priorityAt.addSecs(15 * 60), Complexity::General, QStringLiteral("T01")});
        return issued ? issued->number : QStringLiteral("error: ") + issued.error().detail;
    }
    QString current(int window)
    {
        auto s = queue.windowState(window);
        return s && s->current ? s->current->number : QStringLiteral("-");
    }
    QString call(int window)
    {
        auto s = queue.callNext(window);
        if (!s)
            return QStringLiteral("error");
        return s->current ? s->current->number : QStringLiteral("-");
    }
    int events(const char *type) { return count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = '%1'").arg(QLatin1String(type))); }
    QString stateOf(const QString &number)
    {
        const QString state = scalar(QStringLiteral("SELECT state FROM tickets WHERE number = '%1'").arg(number));
        return state.isNull() ? QStringLiteral("none") : state;
    }
};

} // namespace

class TestQueueService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void callsInArrivalOrderWithinTheWindowsGroups()
    {
        Rig rig;
        rig.walkIn("SB", 'A');
        rig.clock.advanceSecs(60);
        rig.walkIn("BDC", 'B');
        rig.clock.advanceSecs(60);
        rig.walkIn("SB", 'A');
        QSignalSpy called(&rig.queue, &QueueService::ticketCalled);
        QCOMPARE(rig.call(1), QStringLiteral("A001")); // window 1 serves SB only
        QCOMPARE(rig.call(3), QStringLiteral("B001")); // window 3 serves BDC only
        QCOMPARE(rig.call(1), QStringLiteral("A002")); // and finishes A001 first
        QCOMPARE(rig.stateOf(QStringLiteral("A001")), QStringLiteral("served"));
        QCOMPARE(rig.call(1), QStringLiteral("-"));    // nobody left: current is null
        QCOMPARE(rig.stateOf(QStringLiteral("A002")), QStringLiteral("served"));
        QCOMPARE(called.size(), 3);
        const auto announcement = called.at(1).first().value<CallAnnouncement>();
        QCOMPARE(announcement.number, QStringLiteral("B001"));
        QCOMPARE(announcement.windowName, QStringLiteral("3号窗口"));
        QCOMPARE(rig.events("ticket_called"), 3);
        QCOMPARE(rig.events("ticket_served"), 2);
        QCOMPARE(rig.lastEvent("ticket_called").value(QStringLiteral("window")).toInt(), 1);
    }

    void comprehensiveWindowServesEveryGroup()
    {
        Rig rig;
        rig.walkIn("SW", 'E');
        QCOMPARE(rig.call(8), QStringLiteral("E001"));
        QSignalSpy called(&rig.queue, &QueueService::ticketCalled);
        rig.walkIn("HJ", 'C');
        rig.call(8);
        QCOMPARE(called.first().first().value<CallAnnouncement>().windowName, QStringLiteral("综合窗口"));
    }

    void serviceSecondsRunFromStartOrCall()
    {
        Rig rig;
        rig.walkIn("SB", 'A');
        rig.call(1);
        rig.clock.advanceSecs(120);
        QVERIFY(rig.queue.startServing(1).ok());
        rig.clock.advanceSecs(300);
        auto finished = rig.queue.finish(1);
        QVERIFY(finished.ok());
        QVERIFY(!finished->current);
        QCOMPARE(rig.lastEvent("ticket_served").value(QStringLiteral("service_seconds")).toInt(), 300);
        QCOMPARE(rig.events("ticket_started"), 1);
    }

    void bookedPriorityAndItsStart()
    {
        Rig rig;
        rig.walkIn("SB", 'A');                               // 09:00
        rig.bookedTicket("bk-1", "SB", hall(9, 45));        // checked in 09:00, slot 10:00
        rig.bookedTicket("bk-2", "SB", hall(9, 0));         // slot 09:15, priority now
        QCOMPARE(rig.call(1), QStringLiteral("Y002"));       // priority started: before the walk-in
        QCOMPARE(rig.call(1), QStringLiteral("A001"));       // Y001's priority starts at 09:45 only
        QCOMPARE(rig.call(1), QStringLiteral("Y001"));       // it queues by arrival meanwhile (C4)
    }

    void slackCountsOpenMinutesOfTheCatalogsHours()
    {
        // The demo hall closes 12:00–13:00. Walk-ins at 11:40 and 11:41; a general booking (slot 11:45)
        // checked in at 11:58. At 13:01 the booking has waited 2 + 1 = 3 open minutes, 7 of its 10
        // left: under slack:0.6 (short at 6 left) the walk-in, who came first, is called. Counted
        // on the clock it would have waited 63 minutes and gone first; booked_first calls it.
        for (const char *policy : {"slack:0.6", "booked_first"}) {
            Rig rig(policy);
            rig.clock.set(hall(11, 40));
            const QString walkIn = rig.walkIn("SB", 'A');
            rig.clock.set(hall(11, 41));
            rig.walkIn("SB", 'A'); // still older than the booking at 13:02
            rig.clock.set(hall(11, 58));
            const QString booked = rig.bookedTicket("BK-1", "SB", hall(11, 30));
            rig.clock.set(hall(13, 1));
            QCOMPARE(rig.call(1), QLatin1String(policy) == QLatin1String("booked_first") ? booked : walkIn);
            // 13:02: 4 open minutes waited, 6 left: now it is short and goes before the 11:41 walk-in.
            rig.clock.set(hall(13, 2));
            if (QLatin1String(policy) != QLatin1String("booked_first"))
                QCOMPARE(rig.call(2), booked);
        }
    }

    void bookingModeAndFallback()
    {
        Rig rig;
        rig.walkIn("SB", 'A');
        QVERIFY(rig.queue.setMode(1, WindowMode::Booking).ok());
        QCOMPARE(rig.lastEvent("window_mode_changed").value(QStringLiteral("mode")).toString(), QStringLiteral("booking"));
        QCOMPARE(rig.call(1), QStringLiteral("A001")); // none booked waiting: falls back to normal (Q3)
        rig.walkIn("SB", 'A');
        rig.bookedTicket("bk-1", "SB", hall(8, 45));
        QCOMPARE(rig.call(1), QStringLiteral("Y001"));
    }

    void bookingModeWithoutFallbackCallsNobodyElse()
    {
        Rig rig;
        QueueSettings strict{*CallingPolicy::parse("booked_first"), 3};
        strict.policy.bookingFallback = false;
        QueueService queue(rig.store, rig.alone, rig.catalog, rig.clock, strict);
        rig.walkIn("SB", 'A');
        QVERIFY(queue.setMode(1, WindowMode::Booking).ok());
        auto state = queue.callNext(1);
        QVERIFY(state.ok());
        QVERIFY(!state->current);
    }

    void modeSwitchWhileServingWaitsForTheTicket()
    {
        Rig rig;
        rig.walkIn("SB", 'A');
        rig.walkIn("SB", 'A');
        rig.call(1);
        auto state = rig.queue.setMode(1, WindowMode::Booking);
        QVERIFY(state.ok());
        QCOMPARE(state->mode, WindowMode::Normal);
        QCOMPARE(state->pendingMode, std::optional(WindowMode::Booking));
        QCOMPARE(rig.events("window_mode_changed"), 0);
        state = rig.queue.finish(1);
        QCOMPARE(state->mode, WindowMode::Booking);
        QVERIFY(!state->pendingMode);
        QCOMPARE(rig.events("window_mode_changed"), 1);
    }

    void pauseAndResume()
    {
        Rig rig;
        rig.walkIn("SB", 'A');
        rig.walkIn("SB", 'A');
        QVERIFY(rig.queue.setMode(1, WindowMode::Booking).ok());
        QVERIFY(rig.queue.pause(1).ok());
        auto refused = rig.queue.callNext(1);
        QVERIFY(!refused.ok());
        QCOMPARE(int(refused.error().kind), int(QueueError::Kind::WindowPaused));
        auto resumed = rig.queue.resume(1);
        QCOMPARE(resumed->mode, WindowMode::Booking); // back to the mode it was paused from
        // Paused while serving: the pause starts when the citizen is done.
        QCOMPARE(rig.call(1), QStringLiteral("A001"));
        QCOMPARE(rig.queue.pause(1)->pendingMode, std::optional(WindowMode::Paused));
        auto afterCall = rig.queue.callNext(1);
        QVERIFY(afterCall.ok());
        QVERIFY(!afterCall->current);
        QCOMPARE(afterCall->mode, WindowMode::Paused);
        QCOMPARE(rig.stateOf(QStringLiteral("A002")), QStringLiteral("waiting"));
    }

    void recallAtMostThreeTimes()
    {
        Rig rig;
        rig.walkIn("SB", 'A');
        QSignalSpy called(&rig.queue, &QueueService::ticketCalled);
        rig.call(1);
        for (int i = 1; i <= 3; ++i) {
            auto s = rig.queue.recall(1);
            QVERIFY(s.ok());
            QCOMPARE(s->current->recalls, i);
        }
        auto fourth = rig.queue.recall(1);
        QCOMPARE(int(fourth.error().kind), int(QueueError::Kind::RecallLimit));
        QCOMPARE(called.size(), 4);
        QVERIFY(called.last().first().value<CallAnnouncement>().recall);
        QCOMPARE(rig.events("ticket_recalled"), 3);
    }

    void actionsWithoutATicketAreRefused()
    {
        Rig rig;
        for (auto action : {&QueueService::finish, &QueueService::startServing, &QueueService::pass, &QueueService::recall}) {
            auto r = (rig.queue.*action)(1, QueueService::kNoActor);
            QVERIFY(!r.ok());
            QCOMPARE(int(r.error().kind), int(QueueError::Kind::NoCurrentTicket));
        }
        QCOMPARE(int(rig.queue.callNext(99).error().kind), int(QueueError::Kind::UnknownWindow));
        rig.walkIn("SB", 'A');
        rig.call(1);
        QVERIFY(rig.queue.startServing(1).ok());
        QCOMPARE(int(rig.queue.startServing(1).error().kind), int(QueueError::Kind::NotAllowed));
        QCOMPARE(int(rig.queue.pass(1).error().kind), int(QueueError::Kind::NotAllowed)); // a serving citizen is not 过号
        QCOMPARE(int(rig.queue.transfer(1, QStringLiteral("NOPE")).error().kind), int(QueueError::Kind::UnknownGroup));
    }

    void passAndRequeueThreeBehindTheHead()
    {
        Rig rig;
        rig.walkIn("SB", 'A'); // A001
        for (int i = 0; i < 5; ++i) {
            rig.clock.advanceSecs(60);
            rig.walkIn("SB", 'A'); // A002..A006
        }
        rig.call(1);
        auto passed = rig.queue.pass(1);
        QVERIFY(passed.ok());
        QVERIFY(!passed->current);
        QCOMPARE(rig.stateOf(QStringLiteral("A001")), QStringLiteral("passed"));
        const QString id = rig.store.tickets(CivilDate(2026, 11, 24)).value().front().id;
        rig.clock.advanceSecs(29 * 60);
        auto requeued = rig.queue.requeue(id);
        QVERIFY2(requeued.ok(), qPrintable(requeued ? QString() : requeued.error().detail));
        QCOMPARE(rig.events("ticket_requeued"), 1);
        // A002, A003, A004 stay ahead of it; then A001, then A005.
        QStringList order;
        for (int i = 0; i < 6; ++i)
            order << rig.call(1);
        QCOMPARE(order.join(QLatin1Char(',')), QStringLiteral("A002,A003,A004,A001,A005,A006"));
    }

    void requeueAfterThirtyMinutesIsRefused()
    {
        Rig rig;
        rig.walkIn("SB", 'A');
        rig.call(1);
        QVERIFY(rig.queue.pass(1).ok());
        const QString id = rig.store.tickets(CivilDate(2026, 11, 24)).value().front().id;
        rig.clock.advanceSecs(30 * 60 + 1);
        auto late = rig.queue.requeue(id);
        QCOMPARE(int(late.error().kind), int(QueueError::Kind::RequeueTooLate));
        QCOMPARE(int(rig.queue.requeue(QStringLiteral("nope")).error().kind), int(QueueError::Kind::UnknownTicket));
    }

    // DESIGN §16: every window action and mode change done is in the audit log, as the staff
    // member acting, on the ticket it was done to (else the window), with the window and what
    // changed; a refused one changed nothing and is not; the chain holds.
    void everyWindowActionIsAudited()
    {
        Rig rig;
        SqlAuditLog log(*rig.db);
        AuditTrailService trail({{QStringLiteral("terminal"), &log}}, rig.clock);
        rig.queue.setAuditTrail(&trail);
        const QString s01 = QStringLiteral("staff:S01");
        rig.walkIn("SB", 'A');
        rig.walkIn("SB", 'A');
        rig.walkIn("SB", 'A');
        QVERIFY(rig.queue.callNext(1, s01));      // A001
        QVERIFY(rig.queue.recall(1, s01));
        QVERIFY(rig.queue.startServing(1, s01));
        QVERIFY(rig.queue.finish(1, s01));
        QVERIFY(!rig.queue.finish(1, s01));       // refused: nobody at the window
        QVERIFY(rig.queue.callNext(1, s01));      // A002
        QVERIFY(rig.queue.pass(1, s01));
        QVERIFY(rig.queue.callNext(1, QStringLiteral("caller:1"))); // A003
        QVERIFY(rig.queue.transfer(1, QStringLiteral("BDC"), s01));
        QVERIFY(rig.queue.setMode(1, WindowMode::Booking, s01));
        QVERIFY(rig.queue.pause(1, s01));
        QVERIFY(rig.queue.resume(1, s01));
        const auto rows = log.entries().value();
        QStringList actions;
        for (const AuditRecord &r : rows)
            actions << r.entry.action;
        QCOMPARE(actions, (QStringList{QStringLiteral("ticket_called"), QStringLiteral("ticket_recalled"), QStringLiteral("ticket_started"),
                                       QStringLiteral("ticket_finished"), QStringLiteral("ticket_called"), QStringLiteral("ticket_passed"),
                                       QStringLiteral("ticket_called"), QStringLiteral("ticket_transferred"),
                                       QStringLiteral("window_mode_changed"), QStringLiteral("window_paused"),
                                       QStringLiteral("window_resumed")}));
        const QString a001 = rig.scalar(QStringLiteral("SELECT id FROM tickets WHERE number = 'A001'"));
        const QString a003 = rig.scalar(QStringLiteral("SELECT id FROM tickets WHERE number = 'A003'"));
        QCOMPARE(rows[0].entry.actor, s01);
        QCOMPARE(rows[0].entry.subject, a001);
        QCOMPARE(rows[0].entry.detail.value(QStringLiteral("window")).toInt(), 1);
        QCOMPARE(rows[0].entry.detail.value(QStringLiteral("number")).toString(), QStringLiteral("A001"));
        QCOMPARE(rows[3].entry.subject, a001); // finished: the ticket that left the window
        QCOMPARE(rows[6].entry.actor, QStringLiteral("caller:1"));
        QCOMPARE(rows[7].entry.subject, a003);
        QCOMPARE(rows[7].entry.detail.value(QStringLiteral("from_group")).toString(), QStringLiteral("SB"));
        QCOMPARE(rows[7].entry.detail.value(QStringLiteral("to_group")).toString(), QStringLiteral("BDC"));
        QCOMPARE(rows[8].entry.subject, QStringLiteral("window:1"));
        QCOMPARE(rows[8].entry.detail.value(QStringLiteral("mode")).toString(), QStringLiteral("booking"));
        QCOMPARE(rows[9].entry.detail.value(QStringLiteral("mode")).toString(), QStringLiteral("paused"));
        QCOMPARE(rows[10].entry.detail.value(QStringLiteral("mode")).toString(), QStringLiteral("booking"));
        // The whole walk runs on the worker; health says `checking` until it is back.
        QTRY_VERIFY_WITH_TIMEOUT(trail.health().checked, 10000);
        const AuditHealth health = trail.health();
        QVERIFY(health.ok);
        QCOMPARE(health.rows, qint64(11));
        QCOMPARE(health.unrecorded, 0);
    }

    // A log that cannot be written does not stop the clerk's queue: the action stands, a warning is
    // logged and health counts it.
    void aFailedAuditWriteLetsTheActionStand()
    {
        Rig rig;
        HallDatabase broken;
        QVERIFY(QSqlQuery(broken.db->connection()).exec(QStringLiteral("DROP TABLE audit_log")));
        SqlAuditLog log(*broken.db);
        AuditTrailService trail({{QStringLiteral("terminal"), &log}}, rig.clock);
        rig.queue.setAuditTrail(&trail);
        rig.walkIn("SB", 'A');
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("audit log: cannot record ticket_called .* by staff:S01")));
        auto called = rig.queue.callNext(1, QStringLiteral("staff:S01"));
        QVERIFY(called.ok());
        QCOMPARE(called->current->number, QStringLiteral("A001"));
        QCOMPARE(rig.events("ticket_called"), 1);
        QCOMPARE(trail.health().unrecorded, 1);
    }

    void transferKeepsTheIssueTime()
    {
        Rig rig;
        rig.walkIn("SB", 'A');  // 09:00
        rig.clock.advanceSecs(60);
        rig.walkIn("BDC", 'B'); // 09:01
        rig.call(1);
        auto moved = rig.queue.transfer(1, QStringLiteral("BDC"));
        QVERIFY(moved.ok());
        QVERIFY(!moved->current);
        QCOMPARE(rig.lastEvent("ticket_transferred").value(QStringLiteral("from_group")).toString(), QStringLiteral("SB"));
        QCOMPARE(rig.lastEvent("ticket_transferred").value(QStringLiteral("to_group")).toString(), QStringLiteral("BDC"));
        QCOMPARE(rig.call(3), QStringLiteral("A001")); // issued before B001, so called first at BDC
    }

    void dailyCap()
    {
        Rig rig;
        auto request = WalkInRequest{QStringLiteral("SB"), 'A', CivilDate(2026, 11, 24), hall(9, 0), QStringLiteral("T01"), 2};
        QVERIFY(rig.store.issueWalkIn(request).ok());
        QVERIFY(rig.store.issueWalkIn(request).ok());
        auto third = rig.store.issueWalkIn(request);
        QCOMPARE(int(third.error().kind), int(QueueError::Kind::DailyCapReached));
    }

    void checkInMarksTheBookingAndReportsBothFacts()
    {
        Rig rig;
        BookingRecord b;
        b.id = QStringLiteral("bk-9");
        b.version = 3;
        b.matterCode = QStringLiteral("SB-001");
        b.groupCode = QStringLiteral("SB");
        b.slotStart = hall(10, 0);
        b.slotEnd = hall(11, 0);
        b.idDigest = QStringLiteral("ab12");
        auto first = rig.bookings.upsert(b);
        QVERIFY2(first.ok(), qPrintable(first ? QString() : first.error().detail));
        QVERIFY(first.value());
        QVERIFY(!rig.bookings.upsert(b).value()); // same version: not applied again
        b.version = 2;
        QVERIFY(!rig.bookings.upsert(b).value()); // older: ignored
        QCOMPARE(rig.bookedTicket("bk-9", "SB", hall(9, 45)), QStringLiteral("Y001"));
        QCOMPARE(rig.bookings.find(QStringLiteral("bk-9")).value()->status, BookingState::CheckedIn);
        QCOMPARE(rig.events("booking_checked_in"), 1);
        QCOMPARE(rig.lastEvent("ticket_issued").value(QStringLiteral("booking_id")).toString(), QStringLiteral("bk-9"));
        auto again = rig.store.issueBooked({QStringLiteral("bk-9"), QStringLiteral("SB"), QStringLiteral("SB-001"), 'Y',
                                            CivilDate(2026, 11, 24), hall(9, 1), hall(9, 45), hall(10, 0), Complexity::General,
                                            QStringLiteral("T01")});
        QCOMPARE(int(again.error().kind), int(QueueError::Kind::AlreadyCheckedIn)); // C2
        // A booking not cached yet checks in from the token's fields.
        QCOMPARE(rig.bookedTicket("bk-new", "SB", hall(9, 45)), QStringLiteral("Y002"));
        QCOMPARE(rig.bookings.find(QStringLiteral("bk-new")).value()->status, BookingState::CheckedIn);
        QCOMPARE(rig.bookings.findByDigest(QStringLiteral("ab12"), CivilDate(2026, 11, 24)).value().size(), size_t(1));
    }

    void noShowOrForfeitNeverBoth()
    {
        Rig rig;
        for (const char *id : {"b1", "b2", "b3"}) {
            BookingRecord b;
            b.id = QString::fromLatin1(id);
            b.version = 1;
            b.matterCode = QStringLiteral("SB-001");
            b.slotStart = hall(9, 0);
            QVERIFY(rig.bookings.upsert(b).value());
        }
        QVERIFY(rig.bookings.forfeit(QStringLiteral("b1"), hall(9, 31)).value());     // scanned late
        QCOMPARE(rig.bookings.markNoShows(hall(9, 0).addSecs(1), hall(9, 31)).value(), 2); // b2, b3
        QVERIFY(!rig.bookings.forfeit(QStringLiteral("b2"), hall(9, 40)).value());    // already a no-show
        QCOMPARE(rig.events("booking_forfeited"), 1);
        QCOMPARE(rig.events("booking_no_show"), 2);
        QCOMPARE(rig.bookings.markNoShows(hall(9, 0).addSecs(1), hall(9, 45)).value(), 0);
    }

    void dayCloseExpiresAndCountsNoShows()
    {
        Rig rig;
        for (int i = 0; i < 4; ++i)
            rig.walkIn("SB", 'A');
        BookingRecord b;
        b.id = QStringLiteral("late");
        b.version = 1;
        b.matterCode = QStringLiteral("SB-001");
        b.slotStart = hall(16, 0);
        QVERIFY(rig.bookings.upsert(b).value());
        rig.call(1);                 // A001 called, then passed
        QVERIFY(rig.queue.pass(1).ok());
        rig.call(1);                 // A002 serving at window 1
        QVERIFY(rig.queue.startServing(1).ok());
        rig.call(2);                 // A003 called at window 2
        QCOMPARE(rig.store.unclosedDays().value().size(), size_t(1));
        const auto summary = rig.store.closeDay(DayClose{CivilDate(2026, 11, 24), hall(18, 0), hall(17, 0), hall(17, 30)}).value();
        QCOMPARE(summary.served, 2);   // A002 (serving) and A003 (called), finished at 17:00
        QCOMPARE(summary.expired, 2);  // A001 (passed), A004 (waiting)
        QCOMPARE(summary.noShows, 1);
        QCOMPARE(rig.stateOf(QStringLiteral("A002")), QStringLiteral("served"));
        QCOMPARE(rig.stateOf(QStringLiteral("A004")), QStringLiteral("expired"));
        QCOMPARE(rig.stateOf(QStringLiteral("A003")), QStringLiteral("served"));
        QCOMPARE(rig.events("ticket_expired"), 2);
        QCOMPARE(rig.events("booking_no_show"), 1);
        QCOMPARE(rig.current(1), QStringLiteral("-"));
        QCOMPARE(rig.current(2), QStringLiteral("-"));
        QVERIFY(rig.store.unclosedDays().value().empty());
        // The next day starts its numbers again.
        QCOMPARE(rig.store.issueWalkIn({QStringLiteral("SB"), 'A', CivilDate(2026, 11, 25), hall(9, 0).addDays(1),
                                        QStringLiteral("T01"), 0})
                     .value()
                     .number,
                 QStringLiteral("A001"));
    }

    void eventsCarryTheCentersOffset()
    {
        Rig rig;
        rig.walkIn("SB", 'A');
        rig.call(1);
        QSqlQuery q(rig.db->connection());
        q.exec(QStringLiteral("SELECT at FROM outbox WHERE type = 'ticket_called'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("2026-11-24T09:00:00+08:00"));
    }

    void interleavePolicyAtTheWindow()
    {
        Rig rig("interleave:1");
        rig.walkIn("SB", 'A');
        rig.walkIn("SB", 'A');
        rig.bookedTicket("b1", "SB", hall(8, 50));
        rig.bookedTicket("b2", "SB", hall(8, 51));
        QStringList order;
        for (int i = 0; i < 4; ++i)
            order << rig.call(1);
        QCOMPARE(order.join(QLatin1Char(',')), QStringLiteral("Y001,A001,Y002,A002"));
    }
};

QTEST_GUILESS_MAIN(TestQueueService)
#include "tst_queue_service.moc"
