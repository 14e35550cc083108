// app/domain/calling_policy and ticket_lifecycle: Q1–Q4 and the legal state changes.

#include "app/domain/queue/calling_policy.h"
#include "app/domain/queue/ticket_lifecycle.h"

#include <QTest>

using namespace hk;

namespace {

// t(id, kind, seq, queueKey, priorityAt): a waiting ticket; times in minutes for readability.
QueuedTicket walkIn(const char *id, int seq, double arrivedMin)
{
    return {id, "SB", TicketKind::WalkIn, seq, arrivedMin * 60, std::nullopt};
}
QueuedTicket booked(const char *id, int seq, double arrivedMin, long long priorityMin)
{
    return {id, "SB", TicketKind::Booked, seq, arrivedMin * 60, priorityMin * 60};
}

QString choose(const char *policyText, WindowMode mode, int streak, const std::vector<QueuedTicket> &waiting, long long nowMin)
{
    const auto policy = CallingPolicy::parse(policyText);
    if (!policy)
        return QStringLiteral("bad policy");
    const auto choice = chooseNext(*policy, {mode, streak}, waiting, nowMin * 60);
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
        for (const char *text : {"booked_first", "fifo", "interleave:3", "interleave:99"})
            QCOMPARE(QString::fromStdString(CallingPolicy::parse(text)->toString()), QString::fromLatin1(text));
        for (const char *bad : {"", "lifo", "interleave:", "interleave:x", "interleave:100", "interleave:-1"})
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
