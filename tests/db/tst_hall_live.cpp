// The hall live across terminals (DESIGN §11, "Live") against a private PostgreSQL: PgHallChannel's
// notices between two connections — to the others, never back to the sender, whole and in order
// in a burst, a stranger's payload dropped — and two terminals' QueueServices following each other
// through it, each raising for the other's calls exactly the signals it raises for its own. The
// two terminals share one SQLite file here: the hall's PostgreSQL stores are tested elsewhere, and
// what is under test is the notice and what a terminal does with it.

#include "app/services/queue_service.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "db/database.h"
#include "db/hall/hall_notice_json.h"
#include "db/hall/pg_hall_channel.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_time.h"
#include "tests/support/private_hall.h"
#include "tests/support/scripted_printer.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace hk;
using namespace hk::test;

namespace {

// One terminal's end of the hall: a connection of its own to the hall's PostgreSQL, and the
// channel listening on it.
class HallEnd {
public:
    HallEnd(const PrivatePostgres &pg, const QString &terminalId)
        : m_name(QStringLiteral("hall-live-%1-%2").arg(terminalId).arg(++s_count))
    {
        auto db = openHallConnection(hallConnectionOf(pg, terminalId), m_name);
        if (!db) {
            error = db.error().detail;
            return;
        }
        channel = std::make_unique<PgHallChannel>(db.value(), terminalId);
        if (auto listening = channel->listen(); !listening)
            error = listening.error().detail;
    }
    ~HallEnd()
    {
        channel.reset();
        QSqlDatabase::removeDatabase(m_name);
    }
    HallEnd(const HallEnd &) = delete;
    HallEnd &operator=(const HallEnd &) = delete;

    std::unique_ptr<PgHallChannel> channel;
    QString error;

private:
    static inline int s_count = 0;
    QString m_name;
};

QByteArray asText(std::string_view name)
{
    return QByteArray(name.data(), qsizetype(name.size()));
}

QString describe(const HallNotice &n)
{
    return QString::fromUtf8(hallNoticeJson(n));
}

// What a QueueService said, in order, as text: the same list for the same calls, wherever made.
class SignalLog {
public:
    explicit SignalLog(QueueService &queue)
    {
        QObject::connect(&queue, &QueueService::windowChanged, &m_context, [this](const WindowState &s) {
            QString current = QStringLiteral("-");
            if (s.current)
                current = QStringLiteral("%1 %2 called %3")
                              .arg(s.current->number, QString::fromUtf8(asText(nameOf(s.current->state))),
                                   s.current->calledAt ? s.current->calledAt->toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("never"));
            entries << QStringLiteral("window %1 %2%3: %4")
                           .arg(s.number)
                           .arg(QString::fromUtf8(asText(nameOf(s.mode))))
                           .arg(s.pendingMode ? QStringLiteral(" then ") + QString::fromUtf8(asText(nameOf(*s.pendingMode)))
                                              : QString())
                           .arg(current);
        });
        QObject::connect(&queue, &QueueService::ticketCalled, &m_context, [this](const CallAnnouncement &a) {
            entries << QStringLiteral("%1 %2 (%3) to window %4 %5 at %6")
                           .arg(a.recall ? QStringLiteral("recalled") : QStringLiteral("called"), a.number, a.ticketId)
                           .arg(a.window)
                           .arg(a.windowName, a.at.toUTC().toString(Qt::ISODateWithMs));
        });
        QObject::connect(&queue, &QueueService::queueChanged, &m_context, [this] { entries << QStringLiteral("queue changed"); });
        QObject::connect(&queue, &QueueService::ticketServed, &m_context, [this](const ServedTicket &t) {
            entries << QStringLiteral("served %1 (%2) at window %3").arg(t.number, t.ticketId).arg(t.window);
        });
    }
    QStringList entries;

private:
    QObject m_context;
};

// Two terminals of one hall: their own database connections (one SQLite file between them here),
// their own channel ends, their own queue services, one clock.
struct TwoTerminals {
    explicit TwoTerminals(const PrivatePostgres &pg)
        : a(pg, QStringLiteral("T01"))
        , b(pg, QStringLiteral("T02"))
    {
        if (a.channel && b.channel) {
            queueA = std::make_unique<QueueService>(storeA, *a.channel, catalog, clock, settings());
            queueB = std::make_unique<QueueService>(storeB, *b.channel, catalog, clock, settings());
        }
    }
    static QueueSettings settings() { return QueueSettings{*CallingPolicy::parse("booked_first"), 3}; }
    QString error() const { return a.error.isEmpty() ? b.error : a.error; }
    QString walkIn(const char *group, char prefix)
    {
        const CenterTime &time = catalog.centerTime();
        auto t = storeA.issueWalkIn({QString::fromLatin1(group), prefix, time.dateOf(clock.now()), time.toLocal(clock.now()),
                                     QStringLiteral("T01"), 0});
        return t ? t->id : QString();
    }

    QString idOf(const char *number)
    {
        for (const TicketRecord &t : storeA.tickets(catalog.centerTime().dateOf(clock.now())).value()) {
            if (t.number == QLatin1String(number))
                return t.id;
        }
        return {};
    }

    QTemporaryDir dir;
    FakeClock clock{hall(9, 0).toUTC()};
    CatalogService catalog{demoCatalog()};
    std::unique_ptr<Database> dbA = Database::open(dir.filePath(QStringLiteral("hall.db"))).value();
    std::unique_ptr<Database> dbB = Database::open(dir.filePath(QStringLiteral("hall.db"))).value();
    SqlQueueStore storeA{*dbA};
    SqlQueueStore storeB{*dbB};
    HallEnd a;
    HallEnd b;
    std::unique_ptr<QueueService> queueA;
    std::unique_ptr<QueueService> queueB;
};

} // namespace

class TestHallLive : public QObject {
    Q_OBJECT

    PrivatePostgres m_pg;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_pg.start();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    // ---- the notice's JSON ------------------------------------------------------------------

    void aNoticeReadsBackAsWritten_data()
    {
        QTest::addColumn<HallNotice>("notice");
        HallNotice call;
        call.kind = HallNotice::Kind::Window;
        call.window = 3;
        call.effect = HallNotice::Effect::Call;
        call.calledTicketId = QStringLiteral("7d1c3a52-0c0e-4b57-9a4e-1f2d3c4b5a69");
        call.servedTicketId = QStringLiteral("0b9f8e7d-6c5b-4a39-8271-6f5e4d3c2b1a");
        call.origin = QStringLiteral("T02");
        QTest::newRow("a call that served someone") << call;
        HallNotice quiet = call;
        quiet.effect = HallNotice::Effect::Quiet;
        quiet.calledTicketId.clear();
        quiet.servedTicketId.clear();
        QTest::newRow("a quiet window action") << quiet;
        HallNotice queue;
        queue.kind = HallNotice::Kind::Queue;
        queue.origin = QStringLiteral("T01");
        QTest::newRow("a ticket issued") << queue;
        HallNotice help;
        help.kind = HallNotice::Kind::Help;
        help.helpId = QStringLiteral("h-1");
        help.helpTerminal = QStringLiteral("1号取号机");
        help.helpAt = QDateTime(QDate(2026, 11, 24), QTime(1, 2, 3, 456), Qt::UTC);
        help.origin = QStringLiteral("T03");
        QTest::newRow("help asked") << help;
        HallNotice taken;
        taken.kind = HallNotice::Kind::HelpTaken;
        taken.helpId = QStringLiteral("h-1");
        taken.origin = QStringLiteral("T01");
        QTest::newRow("help taken") << taken;
        HallNotice refresh;
        refresh.kind = HallNotice::Kind::Refresh;
        refresh.origin = QStringLiteral("T09");
        QTest::newRow("refresh") << refresh;
    }
    void aNoticeReadsBackAsWritten()
    {
        QFETCH(HallNotice, notice);
        const QByteArray json = hallNoticeJson(notice);
        QVERIFY2(json.size() < 300, json.constData());
        auto back = parseHallNotice(json);
        QVERIFY2(back.ok(), qPrintable(back ? QString() : back.error()));
        QCOMPARE(describe(back.value()), describe(notice));
        QVERIFY(back.value() == notice);
    }

    void aPayloadThatIsNoNoticeIsRefused_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("not JSON") << QByteArray("called A001");
        QTest::newRow("an array") << QByteArray("[1, 2]");
        QTest::newRow("no kind") << QByteArray(R"({"origin":"T01"})");
        QTest::newRow("an unknown kind") << QByteArray(R"({"kind":"teleport","origin":"T01"})");
        QTest::newRow("no origin") << QByteArray(R"({"kind":"queue"})");
        QTest::newRow("a window notice without its window") << QByteArray(R"({"kind":"window","origin":"T01"})");
        QTest::newRow("window 2.5") << QByteArray(R"({"kind":"window","window":2.5,"origin":"T01"})");
        QTest::newRow("window 0") << QByteArray(R"({"kind":"window","window":0,"origin":"T01"})");
        QTest::newRow("an unknown effect") << QByteArray(R"({"kind":"window","window":2,"effect":"dance","origin":"T01"})");
        QTest::newRow("a ticket that is a number") << QByteArray(R"({"kind":"window","window":2,"called":7,"origin":"T01"})");
        QTest::newRow("help without its id") << QByteArray(R"({"kind":"help","origin":"T01"})");
        QTest::newRow("help at no instant") << QByteArray(R"({"kind":"help","help_id":"h","help_at":"noon","origin":"T01"})");
    }
    void aPayloadThatIsNoNoticeIsRefused()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(!parseHallNotice(payload).ok());
    }

    void fieldsOfALaterReleaseAreIgnored()
    {
        auto n = parseHallNotice(R"({"kind":"window","window":4,"effect":"finish","origin":"T05","priority":"high"})");
        QVERIFY(n.ok());
        QCOMPARE(n->window, 4);
        QCOMPARE(n->effect, HallNotice::Effect::Finish);
    }

    // ---- the channel ------------------------------------------------------------------------

    void aNoticeReachesTheOtherTerminalNotItsOwn()
    {
        HallEnd a(m_pg, QStringLiteral("T01"));
        HallEnd b(m_pg, QStringLiteral("T02"));
        QVERIFY2(a.error.isEmpty() && b.error.isEmpty(), qPrintable(a.error + b.error));
        QVERIFY(a.channel->listening());
        QSignalSpy heardA(a.channel.get(), &HallChannel::noticed);
        QSignalSpy heardB(b.channel.get(), &HallChannel::noticed);

        HallNotice call;
        call.kind = HallNotice::Kind::Window;
        call.window = 3;
        call.effect = HallNotice::Effect::Call;
        call.calledTicketId = QStringLiteral("t-1");
        a.channel->publish(call);
        QTRY_COMPARE(heardB.size(), 1);
        HallNotice expected = call;
        expected.origin = QStringLiteral("T01"); // stamped by the channel
        QCOMPARE(describe(heardB.first().first().value<HallNotice>()), describe(expected));

        // B answers; once A hears that, it would long since have heard its own notice.
        HallNotice queue;
        queue.kind = HallNotice::Kind::Queue;
        b.channel->publish(queue);
        QTRY_COMPARE(heardA.size(), 1);
        QCOMPARE(heardA.first().first().value<HallNotice>().origin, QStringLiteral("T02"));
        QTest::qWait(50);
        QCOMPARE(heardA.size(), 1);
        QCOMPARE(heardB.size(), 1);
    }

    void aBurstArrivesWholeAndInOrder()
    {
        HallEnd a(m_pg, QStringLiteral("T01"));
        HallEnd b(m_pg, QStringLiteral("T02"));
        QVERIFY2(a.error.isEmpty() && b.error.isEmpty(), qPrintable(a.error + b.error));
        QSignalSpy heard(b.channel.get(), &HallChannel::noticed);
        constexpr int kBurst = 200;
        for (int i = 1; i <= kBurst; ++i) {
            HallNotice n;
            n.kind = HallNotice::Kind::Window;
            n.window = i;
            n.effect = i % 2 ? HallNotice::Effect::Call : HallNotice::Effect::Finish;
            a.channel->publish(n);
        }
        QTRY_COMPARE_WITH_TIMEOUT(heard.size(), kBurst, 20000);
        for (int i = 0; i < kBurst; ++i)
            QCOMPARE(heard.at(i).first().value<HallNotice>().window, i + 1);
    }

    void aStrangersPayloadIsDroppedWithoutHarm()
    {
        HallEnd b(m_pg, QStringLiteral("T02"));
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        QSignalSpy heard(b.channel.get(), &HallChannel::noticed);
        const QStringList strangers{QStringLiteral("called A001"), QStringLiteral("{\"kind\":\"window\",\"origin\":\"T09\"}"),
                                    QStringLiteral("{\"kind\":\"teleport\",\"origin\":\"T09\"}"), QStringLiteral("[]"),
                                    QString()};
        for (int i = 0; i < strangers.size(); ++i)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^hall notice dropped: ")));
        QStringList sql;
        for (const QString &payload : strangers)
            sql << QStringLiteral("NOTIFY hallkiosk, '%1'").arg(payload);
        // … and then one that is a notice, which must still come through.
        sql << QStringLiteral("NOTIFY hallkiosk, '{\"kind\":\"queue\",\"origin\":\"T09\"}'");
        for (const QString &statement : sql) { // one transaction each, so none is folded into another
            bool ok = false;
            const QString out = m_pg.psql(statement, &ok);
            QVERIFY2(ok, qPrintable(out));
        }
        QTRY_COMPARE(heard.size(), 1);
        QCOMPARE(heard.first().first().value<HallNotice>().origin, QStringLiteral("T09"));
        QCOMPARE(heard.first().first().value<HallNotice>().kind, HallNotice::Kind::Queue);
    }

    // ---- terminals following each other ------------------------------------------------------

    void aCallAnywhereIsReportedEverywhereAsIfMadeThere()
    {
        TwoTerminals hall(m_pg);
        QVERIFY2(hall.error().isEmpty(), qPrintable(hall.error()));
        for (int i = 0; i < 4; ++i) {
            QVERIFY(!hall.walkIn("SB", 'A').isEmpty());
            hall.clock.advanceSecs(30);
        }
        SignalLog here(*hall.queueA);
        SignalLog there(*hall.queueB);
        // Each action as a clerk makes them, seconds apart: B has heard one before the next. (Heard
        // late, a notice reports the window as it stands by then: the state is read, not carried.)
        const auto act = [&](const std::function<bool()> &action) {
            if (!action())
                return false;
            return QTest::qWaitFor([&] { return there.entries.size() >= here.entries.size(); }, 5000);
        };
        QueueService &a = *hall.queueA;
        QVERIFY(act([&] { return a.callNext(1).ok(); }));
        hall.clock.advanceSecs(60);
        QVERIFY(act([&] { return a.recall(1).ok(); }));
        QVERIFY(act([&] { return a.startServing(1).ok(); }));
        hall.clock.advanceSecs(300);
        QVERIFY(act([&] { return a.callNext(1).ok(); })); // A002, and A001 served by it
        QVERIFY(act([&] { return a.pass(1).ok(); }));
        QVERIFY(act([&] { return a.setMode(1, WindowMode::Booking).ok(); }));
        QVERIFY(act([&] { return a.callNext(1).ok(); })); // A003: none booked, it falls back
        QVERIFY(act([&] { return a.setMode(1, WindowMode::Normal).ok(); }));
        hall.clock.advanceSecs(120);
        QVERIFY(act([&] { return a.finish(1).ok(); }));
        QVERIFY(act([&] { return a.pause(1).ok(); }));
        QVERIFY(act([&] { return a.resume(1).ok(); }));

        QCOMPARE(here.entries.size(), 28);
        QCOMPARE(there.entries, here.entries);
        QCOMPARE(there.entries.filter(QStringLiteral("called A002 (%1) to window 1").arg(hall.idOf("A002"))).size(), 1);
        QCOMPARE(there.entries.filter(QStringLiteral("served A001 (%1) at window 1").arg(hall.idOf("A001"))).size(), 1);
        QCOMPARE(there.entries.filter(QStringLiteral("served A003 (%1) at window 1").arg(hall.idOf("A003"))).size(), 1);
        QCOMPARE(there.entries.filter(QStringLiteral("recalled A001")).size(), 1);

        // And the other way: a clerk at terminal B, window 2; A follows.
        here.entries.clear();
        there.entries.clear();
        QCOMPARE(hall.queueB->callNext(2)->current->number, QStringLiteral("A004"));
        QTRY_COMPARE(here.entries, there.entries);
        QVERIFY(hall.queueB->finish(2));
        QTRY_COMPARE(here.entries, there.entries);
        QCOMPARE(here.entries.filter(QStringLiteral("served A004")).size(), 1);
    }

    void aCallHeardLateAnnouncesTheTicketThatWasCalled()
    {
        TwoTerminals hall(m_pg);
        QVERIFY2(hall.error().isEmpty(), qPrintable(hall.error()));
        hall.walkIn("SB", 'A');
        hall.walkIn("SB", 'A');
        QSignalSpy called(hall.queueB.get(), &QueueService::ticketCalled);
        // Two calls before B reads either notice: the first still names A001.
        QVERIFY(hall.queueA->callNext(1));
        QVERIFY(hall.queueA->callNext(1));
        QTRY_COMPARE(called.size(), 2);
        QCOMPARE(called.at(0).first().value<CallAnnouncement>().number, QStringLiteral("A001"));
        QCOMPARE(called.at(1).first().value<CallAnnouncement>().number, QStringLiteral("A002"));
    }

    void aTicketIssuedAnywhereChangesEveryQueue()
    {
        TwoTerminals hall(m_pg);
        QVERIFY2(hall.error().isEmpty(), qPrintable(hall.error()));
        hall.clock.set(hall.catalog.centerTime().instantOf(hall.catalog.centerTime().dateOf(hall.clock.now()), 10 * 60));
        ScriptedPrinter printer;
        TicketComposer composer{QStringLiteral("SQ-001"), QStringLiteral("青山县政务服务中心")};
        IssueTicketService issue(hall.storeA, *hall.a.channel, printer, hall.catalog, composer, hall.clock, QStringLiteral("T01"));
        QSignalSpy issued(&issue, &IssueTicketService::ticketIssued);
        QSignalSpy queueB(hall.queueB.get(), &QueueService::queueChanged);
        QSignalSpy queueA(hall.queueA.get(), &QueueService::queueChanged);
        issue.issueWalkIn(QStringLiteral("SB"));
        QTRY_COMPARE(issued.size(), 1);
        QTRY_COMPARE(queueB.size(), 1);
        QCOMPARE(queueA.size(), 0); // the terminal that issued it reports it itself (ticketIssued)
    }

    void aRefreshReportsEveryWindowAgain()
    {
        TwoTerminals hall(m_pg);
        QVERIFY2(hall.error().isEmpty(), qPrintable(hall.error()));
        hall.walkIn("SB", 'A');
        QVERIFY(hall.queueA->callNext(2));
        QSignalSpy windows(hall.queueB.get(), &QueueService::windowChanged);
        QSignalSpy queue(hall.queueB.get(), &QueueService::queueChanged);
        HallNotice refresh;
        refresh.kind = HallNotice::Kind::Refresh;
        hall.a.channel->publish(refresh);
        // A window this terminal's catalog does not know is passed over.
        HallNotice unknown;
        unknown.kind = HallNotice::Kind::Window;
        unknown.window = 99;
        hall.a.channel->publish(unknown);
        HallNotice marker;
        marker.kind = HallNotice::Kind::Queue;
        hall.a.channel->publish(marker);
        QTRY_COMPARE(queue.size(), 3); // call, refresh, marker
        QTRY_COMPARE(windows.size(), int(hall.catalog.catalog().windows.size()) + 1);
        QList<int> numbers;
        for (const QList<QVariant> &w : windows)
            numbers << w.first().value<WindowState>().number;
        QCOMPARE(numbers, (QList<int>{2, 1, 2, 3, 4, 5, 6, 7, 8}));
        QCOMPARE(windows.at(2).first().value<WindowState>().current->number, QStringLiteral("A001"));

        windows.clear();
        hall.queueB->refreshAll();
        QCOMPARE(windows.size(), 8);
    }
};

QTEST_GUILESS_MAIN(TestHallLive)
#include "tst_hall_live.moc"
