// app/domain/calling_policy and ticket_lifecycle: Q1–Q4 and the legal state changes.

#include "app/domain/queue/calling_policy.h"
#include "app/domain/queue/ticket_lifecycle.h"

#include <QTest>

using namespace hk;

namespace {

// t(id, kind, seq, queueKey, priorityAt): a waiting ticket; times in minutes for readability.
QueuedTicket walkIn(const char *id, int seq, double arrivedMin)
{
    return {id, "SB", TicketKind::WalkIn, seq, arrivedMin * 60, std::nullopt, std::nullopt, Complexity::General};
}
QueuedTicket booked(const char *id, int seq, double arrivedMin, long long priorityMin)
{
    return {id, "SB", TicketKind::Booked, seq, arrivedMin * 60, priorityMin * 60, std::nullopt, Complexity::General};
}

// A booked ticket for slack: checked in at `checkInMin`, slot at `slotMin`; its priority starts at
// max(check-in, slot − 15) (C4), its wait at max(check-in, slot) (Q5).
QueuedTicket slackBooked(const char *id, int seq, Complexity complexity, long long checkInMin, long long slotMin)
{
    return {id, "SB", TicketKind::Booked, seq, double(checkInMin * 60), std::max(checkInMin, slotMin - 15) * 60,
            std::max(checkInMin, slotMin) * 60, complexity};
}

// The default hours, 09:00–12:00 and 13:00–17:00, in seconds of the day: lunch is not waiting.
WaitReckoning defaultHours()
{
    WaitReckoning r;
    r.openHours = std::vector<WaitReckoning::Span>{{540 * 60, 720 * 60}, {780 * 60, 1020 * 60}};
    return r;
}

QString choose(const char *policyText, WindowMode mode, int streak, const std::vector<QueuedTicket> &waiting, long long nowMin,
               const WaitReckoning &reckoning = {})
{
    const auto policy = CallingPolicy::parse(policyText);
    if (!policy)
        return QStringLiteral("bad policy");
    const auto choice = chooseNext(*policy, {mode, streak}, waiting, nowMin * 60, reckoning);
    return choice ? QString::fromStdString(choice->ticketId) + (choice->asBooked ? QStringLiteral("*") : QString())
                  : QStringLiteral("-");
}

} // namespace

class TestCallingPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void choices_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("streak");
        QTest::addColumn<int>("now");
        QTest::addColumn<QString>("expected"); // id, * when chosen for booked priority, - for none

        // A001 arrived at 540 (09:00), A002 at 545; Y001 checked in at 550 with priority from 585
        // (slot 600 − 15), Y002 checked in at 560 with priority from 560 (slot 570, late already).
        const int N = int(WindowMode::Normal), B = int(WindowMode::Booking), P = int(WindowMode::Paused);
        QTest::newRow("booked first: eligible booked before walk-ins") << "booked_first" << N << 0 << 600 << "Y002*";
        QTest::newRow("booked first: before priority starts, booked queue by arrival") << "booked_first" << N << 0 << 558 << "A001";
        QTest::newRow("booked first: priority order is priority time, not number") << "booked_first" << N << 0 << 590 << "Y002*";
        QTest::newRow("fifo: arrival order only") << "fifo" << N << 0 << 600 << "A001";
        QTest::newRow("interleave:2 before the streak") << "interleave:2" << N << 1 << 600 << "Y002*";
        QTest::newRow("interleave:2 after two booked in a row") << "interleave:2" << N << 2 << 600 << "A001";
        QTest::newRow("booking mode: booked only") << "booked_first" << B << 0 << 600 << "Y002*";
        QTest::newRow("booking mode: none eligible falls back") << "booked_first" << B << 0 << 550 << "A001";
        QTest::newRow("paused: nobody") << "booked_first" << P << 0 << 600 << "-";
        QTest::newRow("bad policy text") << "interleave:0" << N << 0 << 600 << "bad policy";
    }
    void choices()
    {
        QFETCH(QString, policy);
        QFETCH(int, mode);
        QFETCH(int, streak);
        QFETCH(int, now);
        QFETCH(QString, expected);
        const std::vector<QueuedTicket> waiting{walkIn("A001", 1, 540), walkIn("A002", 2, 545), booked("Y001", 1, 550, 585),
                                                booked("Y002", 2, 560, 560)};
        QCOMPARE(choose(policy.toLatin1().constData(), WindowMode(mode), streak, waiting, now), expected);
    }

    void slack_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("now");
        QTest::addColumn<QString>("expected"); // id, * when chosen for booked priority

        // Worked by hand (minutes of the day; targets 10/30/60; F = 0.6 makes a booked ticket urgent
        // once its time left is ≤ 6 / 18 / 36 min, i.e. after 4 / 12 / 24 min of waiting):
        //   A001 walk-in, arrived 545          A002 walk-in, arrived 560
        //   Y001 general, in 555, slot 570  →  priority 555, wait from 570
        //   Y002 special, in 548, slot 540  →  priority 548, wait from 548
        //   Y003 complex, in 578, slot 600  →  priority 585, wait from 600
        // Arrival order: A001 545, Y002 548, Y001 555, A002 560, Y003 578.
        const int N = int(WindowMode::Normal), B = int(WindowMode::Booking);
        QTest::newRow("570: nobody short of time, the oldest is called") << "slack:0.6" << N << 570 << "A001";
        QTest::newRow("570: booked_first calls the first booked instead") << "booked_first" << N << 570 << "Y002*";
        // 571: Y002 waited 23, 37 left > 36. Y001 waited 1, 9 left > 6.
        QTest::newRow("571: just before the special ticket's time runs short") << "slack:0.6" << N << 571 << "A001";
        // 572: Y002 waited 24, 36 left ≤ 36: urgent. Y001 has less time left (8) but more than 6.
        QTest::newRow("572: urgent special overtakes, though a general has less left") << "slack:0.6" << N << 572 << "Y002*";
        // 574: Y001 waited 4, 6 left ≤ 6; Y002 waited 26, 34 left: both urgent, the least left first.
        QTest::newRow("574: two urgent, the least time left first") << "slack:0.6" << N << 574 << "Y001*";
        // slack:0.85 — urgent at ≤ 8.5 / 25.5 / 51 min left.
        // 556: Y002 waited 8, 52 left; Y001's slot has not started: nobody short.
        QTest::newRow("556 slack (0.85): nobody short") << "slack:0.85" << N << 556 << "A001";
        // 557: Y002 waited 9, 51 left ≤ 51. 571: Y001 waited 1, 9 left > 8.5: still Y002.
        QTest::newRow("557 slack (0.85): the special is short") << "slack:0.85" << N << 557 << "Y002*";
        QTest::newRow("571 slack (0.85): the general not yet") << "slack:0.85" << N << 571 << "Y002*";
        // 572: Y001 8 left ≤ 8.5, Y002 36 left: the least left first.
        QTest::newRow("572 slack (0.85): the general, least left") << "slack:0.85" << N << 572 << "Y001*";
        // slack:0.5 — urgent at ≤ 5 / 30 left: Y001 6 left, Y002 34 left, neither.
        QTest::newRow("574 slack:0.5: neither urgent yet") << "slack:0.5" << N << 574 << "A001";
        // slack:1 — every eligible booked ticket is urgent: least time left first (Y001 8 < Y002 36).
        QTest::newRow("572 slack:1: least time left first") << "slack:1" << N << 572 << "Y001*";
        // slack:0 — only an overdue ticket: at 580 Y001 has 0 left (waited exactly its 10).
        QTest::newRow("579 slack:0: none overdue") << "slack:0" << N << 579 << "A001";
        QTest::newRow("580 slack:0: left reaches 0") << "slack:0" << N << 580 << "Y001*";
        // 590: Y003 eligible since 585 but its slot starts at 600: waited 0, all 30 left.
        // Y001 waited 20 (−10 left), Y002 waited 42 (18 left): Y001.
        QTest::newRow("590: Y003 not waiting before its slot") << "slack:0.6" << N << 590 << "Y001*";
        // Q3 is unchanged: a 预约办理 window calls booked tickets by (priority time, number).
        QTest::newRow("booking mode ignores slack") << "slack:0.6" << B << 570 << "Y002*";
        QTest::newRow("booking mode with none eligible falls back to slack") << "slack:0.6" << B << 546 << "A001";
    }
    void slack()
    {
        QFETCH(QString, policy);
        QFETCH(int, mode);
        QFETCH(int, now);
        QFETCH(QString, expected);
        const std::vector<QueuedTicket> waiting{walkIn("A001", 1, 545), walkIn("A002", 2, 560),
                                                slackBooked("Y001", 1, Complexity::General, 555, 570),
                                                slackBooked("Y002", 2, Complexity::Special, 548, 540),
                                                slackBooked("Y003", 3, Complexity::Complex, 578, 600)};
        QCOMPARE(choose(policy.toLatin1().constData(), WindowMode(mode), 0, waiting, now, defaultHours()), expected);
    }

    void slackOldestMayBeBooked()
    {
        // Nobody short of time and the booked citizen checked in first: called by arrival, not as booked.
        const std::vector<QueuedTicket> waiting{walkIn("A001", 1, 560), slackBooked("Y001", 1, Complexity::General, 550, 560)};
        QCOMPARE(choose("slack:0.6", WindowMode::Normal, 0, waiting, 561, defaultHours()), QStringLiteral("Y001"));
        // A booked ticket before its priority starts queues by its check-in too (C4).
        const std::vector<QueuedTicket> early{walkIn("A001", 1, 560), slackBooked("Y001", 1, Complexity::General, 500, 600)};
        QCOMPARE(choose("slack:0.6", WindowMode::Normal, 0, early, 561, defaultHours()), QStringLiteral("Y001"));
    }

    void slackBoundaryToTheSecond()
    {
        // General, waiting from 570: urgent when 6 min or less are left, i.e. from 574:00 exactly.
        const std::vector<QueuedTicket> waiting{walkIn("A001", 1, 545), slackBooked("Y001", 1, Complexity::General, 555, 570)};
        const auto policy = *CallingPolicy::parse("slack:0.6");
        const auto at = [&](long long second) { return chooseNext(policy, {WindowMode::Normal, 0}, waiting, second, defaultHours())->ticketId; };
        QCOMPARE(at(574 * 60 - 1), std::string("A001"));
        QCOMPARE(at(574 * 60), std::string("Y001"));
    }

    void slackLunchIsNotWaiting()
    {
        // Complex (30 min), waiting from 11:55 (715). At 13:02 (782) it has waited 5 + 2 = 7 open
        // minutes, 23 left > 18: not urgent, the walk-in who came at 11:40 is called. Were lunch
        // counted it would have waited 67 minutes.
        const std::vector<QueuedTicket> waiting{walkIn("A001", 1, 700), slackBooked("Y001", 1, Complexity::Complex, 715, 700)};
        QCOMPARE(choose("slack:0.6", WindowMode::Normal, 0, waiting, 782, defaultHours()), QStringLiteral("A001"));
        QCOMPARE(choose("slack:0.6", WindowMode::Normal, 0, waiting, 782), QStringLiteral("Y001*")); // every second counted
        // 13:07 (787): 12 open minutes waited, 18 left: urgent now.
        QCOMPARE(choose("slack:0.6", WindowMode::Normal, 0, waiting, 787, defaultHours()), QStringLiteral("Y001*"));
    }

    void slackTies()
    {
        // At 600 a general ticket waiting from 570 and a complex one waiting from 550 both have
        // −20 min left: the longer wait first. Equal waits: the booked order (priority, number).
        const std::vector<QueuedTicket> waiting{walkIn("A001", 1, 500), slackBooked("Y001", 1, Complexity::General, 565, 570),
                                                slackBooked("Y002", 2, Complexity::Complex, 550, 550)};
        QCOMPARE(choose("slack:0.6", WindowMode::Normal, 0, waiting, 600, defaultHours()), QStringLiteral("Y002*"));
        const std::vector<QueuedTicket> same{walkIn("A001", 1, 500), slackBooked("Y007", 7, Complexity::General, 560, 570),
                                             slackBooked("Y003", 3, Complexity::General, 562, 570)};
        // Y007 checked in at 560 → priority 560; Y003 at 562 → priority 562: Y007 first despite its number.
        QCOMPARE(choose("slack:0.6", WindowMode::Normal, 0, same, 600, defaultHours()), QStringLiteral("Y007*"));
    }

    void waitedSecondsCountOpenMinutesOnly()
    {
        const WaitReckoning hours = defaultHours();
        QCOMPARE(hours.waitedSeconds(700 * 60, 790 * 60), 30LL * 60); // 11:40–12:00 and 13:00–13:10
        QCOMPARE(hours.waitedSeconds(730 * 60, 785 * 60), 5LL * 60);  // from lunch
        QCOMPARE(hours.waitedSeconds(1000 * 60, 1100 * 60), 20LL * 60); // past closing
        QCOMPARE(hours.waitedSeconds(800 * 60, 790 * 60), 0LL);
        QCOMPARE(WaitReckoning{}.waitedSeconds(700 * 60, 790 * 60), 90LL * 60); // no hours: every second
    }

    void bookingModeWithoutFallbackWaits()
    {
        auto policy = *CallingPolicy::parse("booked_first");
        policy.bookingFallback = false;
        const std::vector<QueuedTicket> waiting{walkIn("A001", 1, 540)};
        QVERIFY(!chooseNext(policy, {WindowMode::Booking, 0}, waiting, 600 * 60));
        QVERIFY(chooseNext(policy, {WindowMode::Normal, 0}, waiting, 600 * 60));
    }

    void interleaveWithOnlyBookedKeepsCalling()
    {
        // A walk-in's turn with no walk-in waiting: the booked citizen is not kept waiting for nobody.
        const std::vector<QueuedTicket> waiting{booked("Y001", 1, 550, 560)};
        QCOMPARE(choose("interleave:1", WindowMode::Normal, 5, waiting, 600), QStringLiteral("Y001*"));
    }

    void emptyQueueGivesNothing()
    {
        QCOMPARE(choose("booked_first", WindowMode::Normal, 0, {}, 600), QStringLiteral("-"));
        QCOMPARE(choose("booked_first", WindowMode::Booking, 0, {}, 600), QStringLiteral("-"));
    }

    void tiesBreakOnTheNumber()
    {
        const std::vector<QueuedTicket> waiting{walkIn("A002", 2, 540), walkIn("A001", 1, 540)};
        QCOMPARE(choose("booked_first", WindowMode::Normal, 0, waiting, 600), QStringLiteral("A001"));
        const std::vector<QueuedTicket> bookedTie{booked("Y007", 7, 540, 580), booked("Y003", 3, 545, 580)};
        QCOMPARE(choose("booked_first", WindowMode::Normal, 0, bookedTie, 600), QStringLiteral("Y003*"));
    }

    void streakCounting()
    {
        QCOMPARE(nextBookedStreak(2, {"Y", true}), 3);
        QCOMPARE(nextBookedStreak(2, {"A", false}), 0);
    }

    void policyNamesRoundTrip()
    {
        for (const char *text : {"booked_first", "fifo", "interleave:3", "interleave:99", "slack:0.6", "slack:0.5", "slack:0.125",
                                 "slack:0", "slack:1"})
            QCOMPARE(QString::fromStdString(CallingPolicy::parse(text)->toString()), QString::fromLatin1(text));
        QCOMPARE(QString::fromStdString(CallingPolicy::parse("slack")->toString()), QStringLiteral("slack:0.6")); // the default F (DESIGN §3 Q2)
        QCOMPARE(CallingPolicy::parse("slack:0.75")->slackPermille, 750);
        QCOMPARE(CallingPolicy::parse("slack:1.0")->slackPermille, 1000);
        for (const char *bad : {"", "lifo", "interleave:", "interleave:x", "interleave:100", "interleave:-1", "slack:", "slack:2",
                                "slack:x", "slack:1.5", "slack:-0.5", "slack:.5", "slack:0.", "slack:0.1234", "slack:0.5x", "slack0.5"})
            QVERIFY2(!CallingPolicy::parse(bad), bad);
    }

    void requeuePlaces()
    {
        // Three stay ahead of the re-queued ticket.
        QCOMPARE(requeueKey({10, 20, 30, 40, 50}, 100), 35.0);
        QCOMPARE(requeueKey({10, 20, 30, 40}, 100), 35.0);
        // Fewer than four waiting: at the end.
        QCOMPARE(requeueKey({10, 20, 30}, 25), 31.0);
        QCOMPARE(requeueKey({10}, 100), 100.0);
        QCOMPARE(requeueKey({}, 100), 100.0);
        QCOMPARE(requeueKey({10, 20, 30, 40}, 100, 1), 15.0);
    }

    void lifecycle_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("to"); // -1: not allowed
        using S = TicketState;
        using A = TicketAction;
        const auto row = [](const char *name, S from, A action, int to) {
            QTest::newRow(name) << int(from) << int(action) << to;
        };
        row("call waiting", S::Waiting, A::Call, int(S::Called));
        row("call called", S::Called, A::Call, -1);
        row("recall called", S::Called, A::Recall, int(S::Called));
        row("recall serving", S::Serving, A::Recall, -1);
        row("start called", S::Called, A::Start, int(S::Serving));
        row("start waiting", S::Waiting, A::Start, -1);
        row("finish called", S::Called, A::Finish, int(S::Served));
        row("finish serving", S::Serving, A::Finish, int(S::Served));
        row("finish waiting", S::Waiting, A::Finish, -1);
        row("finish served", S::Served, A::Finish, -1);
        row("pass called", S::Called, A::Pass, int(S::Passed));
        row("pass serving", S::Serving, A::Pass, -1);
        row("requeue passed", S::Passed, A::Requeue, int(S::Waiting));
        row("requeue served", S::Served, A::Requeue, -1);
        row("transfer serving", S::Serving, A::Transfer, int(S::Waiting));
        row("transfer passed", S::Passed, A::Transfer, -1);
        row("cancel waiting", S::Waiting, A::Cancel, int(S::Cancelled));
        row("cancel called", S::Called, A::Cancel, -1);
        row("expire waiting", S::Waiting, A::Expire, int(S::Expired));
        row("expire passed", S::Passed, A::Expire, int(S::Expired));
        row("expire served", S::Served, A::Expire, -1);
        row("expire serving", S::Serving, A::Expire, -1);
    }
    void lifecycle()
    {
        QFETCH(int, from);
        QFETCH(int, action);
        QFETCH(int, to);
        const auto after = afterAction(TicketState(from), TicketAction(action));
        QCOMPARE(after ? int(*after) : -1, to);
    }

    void windowModes()
    {
        QCOMPARE(windowModeFromString("booking"), std::optional(WindowMode::Booking));
        QVERIFY(!windowModeFromString("closed"));
        QCOMPARE(std::string(nameOf(WindowMode::Paused)), std::string("paused"));
    }
};

QTEST_APPLESS_MAIN(TestCallingPolicy)
#include "tst_calling_policy.moc"
