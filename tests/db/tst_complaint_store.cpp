// db: the 差评 cases (DESIGN §13) on both engines (rows `sqlite` and `postgresql`): a 差评 opens its
// case in the rating's transaction with `complaint_updated` (step `opened`) after the rating's
// event; steps are checked against the case in their own transaction and written with their event;
// the reads by state; the four figures of a report's range.

#include "db/database.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_rating_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/sql_values.h"
#include "tests/support/store_engines.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hk;

namespace {

using test::count;
using test::scalar;

const CivilDate kDay(2026, 11, 24); // a Tuesday
// Rated Tue 24 Nov: contact by Wed 25, rectify by Tue 1 Dec, close by Tue 15 Dec.
const ComplaintDue kDue{CivilDate(2026, 11, 25), CivilDate(2026, 12, 1), CivilDate(2026, 12, 15)};

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

// A ticket issued, called and served at window 3 from `minute` past nine.
IssuedTicket served(SqlQueueStore &store, int minute)
{
    const IssuedTicket t =
        store.issueWalkIn(WalkInRequest{QStringLiteral("SB"), 'A', kDay, test::hall(9, minute), QStringLiteral("T01")}).value();
    store.callNext(window(3, test::hall(9, minute + 1))).value();
    store.finish(window(3, test::hall(9, minute + 2))).value();
    return t;
}

RatingRequest rating(const IssuedTicket &t, int level, std::optional<int> matterLevel, std::optional<ComplaintOpening> complaint,
                     const QDateTime &at = test::hall(10, 0))
{
    RatingRequest r;
    r.ticket = t.id;
    r.serviceDate = kDay;
    r.window = 3;
    r.level = level;
    r.reason = level <= 2 || (matterLevel && *matterLevel <= 2) ? QStringLiteral("材料要求没说清") : QString();
    r.channel = RatingChannel::Console;
    r.at = at;
    r.matterLevel = matterLevel;
    r.complaint = complaint;
    return r;
}

ComplaintStepRequest step(const QString &id, ComplaintStep s, std::optional<ComplaintOutcome> outcome, const QDateTime &at)
{
    return ComplaintStepRequest{id, s, outcome, QStringLiteral("电话联系了市民"), QStringLiteral("SV1"), at, CivilDate(at.date().year(), at.date().month(), at.date().day())};
}

QStringList events(const Database &db)
{
    return test::column(db, QStringLiteral("SELECT type FROM outbox ORDER BY seq"));
}

QJsonObject lastEvent(const Database &db, const char *type)
{
    return QJsonDocument::fromJson(
               scalar(db, QStringLiteral("SELECT data FROM outbox WHERE type = '%1' ORDER BY seq DESC LIMIT 1").arg(QLatin1String(type)))
                   .toUtf8())
        .object();
}

} // namespace

class TestComplaintStore : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void aPoorRatingOpensItsCaseInItsTransaction_data() { test::addEngineRows(); }
    void aPoorRatingOpensItsCaseInItsTransaction()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore queue(*db);
        SqlRatingStore ratings(*db);
        SqlComplaintStore complaints(*db);
        const IssuedTicket good = served(queue, 0);
        const IssuedTicket poor = served(queue, 5);

        // A good rating opens nothing; its matter's level is stored and sent.
        const RatingRecord fine = ratings.record(rating(good, 5, 4, std::nullopt)).value();
        QVERIFY(fine.complaintId.isEmpty());
        QCOMPARE(ratings.ratingOf(good.id).value()->matterLevel, std::optional<int>(4));
        QCOMPARE(lastEvent(*db, "rating").value(QStringLiteral("matter_level")).toInt(), 4);
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM complaints")), 0);

        // Service 5, matter 2: a case, opened in the rating's transaction, its event after the rating's.
        const RatingRecord r = ratings.record(rating(poor, 5, 2, ComplaintOpening{kDay, kDue})).value();
        QVERIFY(!r.complaintId.isEmpty());
        QCOMPARE(ratings.ratingOf(poor.id).value()->complaintId, r.complaintId);
        QCOMPARE(events(*db).mid(events(*db).size() - 2), (QStringList{QStringLiteral("rating"), QStringLiteral("complaint_updated")}));
        const QJsonObject opened = lastEvent(*db, "complaint_updated");
        QCOMPARE(opened.value(QStringLiteral("id")).toString(), r.complaintId);
        QCOMPARE(opened.value(QStringLiteral("ticket")).toString(), poor.id);
        QCOMPARE(opened.value(QStringLiteral("step")).toString(), QStringLiteral("opened"));
        QCOMPARE(QDateTime::fromString(opened.value(QStringLiteral("at")).toString(), Qt::ISODate), test::hall(10, 0));
        QVERIFY(opened.value(QStringLiteral("at")).toString().endsWith(QLatin1String("+08:00")));

        const ComplaintRecord c = *complaints.find(r.complaintId).value();
        QCOMPARE(c.ticketId, poor.id);
        QCOMPARE(c.number, poor.number);
        QCOMPARE(c.window, 3);
        QCOMPARE(c.level, 5);
        QCOMPARE(c.matterLevel, std::optional<int>(2));
        QCOMPARE(c.reason, QStringLiteral("材料要求没说清"));
        QCOMPARE(c.openedAt, test::hall(10, 0));
        QVERIFY(c.ratedOn == kDay);
        QVERIFY(c.due == kDue);
        QVERIFY(c.steps.empty());
        QVERIFY(!complaints.find(QStringLiteral("no-such-case")).value());
    }

    void aCaseThatCannotBeOpenedTakesItsRatingWithIt_data() { test::addEngineRows(); }
    void aCaseThatCannotBeOpenedTakesItsRatingWithIt()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore queue(*db);
        SqlRatingStore ratings(*db);
        const IssuedTicket t = served(queue, 0);
        const int before = count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox"));
        // The complaints table refuses every row: the rating and both events go with it.
        const bool sqlite = db->engine() == Database::Engine::Sqlite;
        QString error;
        QVERIFY2(test::exec(*db,
                            sqlite ? QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON complaints BEGIN SELECT RAISE(ABORT, 'refused'); END")
                                   : QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON complaints FOR EACH ROW "
                                                    "EXECUTE FUNCTION hallkiosk_refuse_change('refused')"),
                            &error),
                 qPrintable(error));
        auto refused = ratings.record(rating(t, 1, std::nullopt, ComplaintOpening{kDay, kDue}));
        QVERIFY(!refused);
        QCOMPARE(int(refused.error().kind), int(RatingError::Kind::Store));
        QVERIFY(!ratings.ratingOf(t.id).value());
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox")), before);
    }

    void stepsInTheirOrderEachWithItsEvent_data() { test::addEngineRows(); }
    void stepsInTheirOrderEachWithItsEvent()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore queue(*db);
        SqlRatingStore ratings(*db);
        SqlComplaintStore complaints(*db);
        const QString id = ratings.record(rating(served(queue, 0), 1, std::nullopt, ComplaintOpening{kDay, kDue})).value().complaintId;
        const QDateTime tomorrow = test::hall(9, 30).addDays(1);

        // Closing on the spot the next day is out of order: nothing written.
        const int before = count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox"));
        auto late = complaints.recordStep(step(id, ComplaintStep::Closed, ComplaintOutcome::OnTheSpot, tomorrow));
        QVERIFY(!late);
        QCOMPARE(int(late.error().kind), int(ComplaintError::Kind::WrongStep));
        QVERIFY(late.error().detail.contains(QLatin1String("on_the_spot")));
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox")), before);
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM complaint_steps")), 0);

        auto contacted = complaints.recordStep(step(id, ComplaintStep::Contacted, std::nullopt, tomorrow));
        QVERIFY2(contacted, qPrintable(contacted ? QString() : contacted.error().detail));
        QCOMPARE(contacted->steps.size(), size_t(1));
        QCOMPARE(contacted->steps[0].by, QStringLiteral("SV1"));
        QCOMPARE(lastEvent(*db, "complaint_updated").value(QStringLiteral("step")).toString(), QStringLiteral("contacted"));
        auto twice = complaints.recordStep(step(id, ComplaintStep::Contacted, std::nullopt, tomorrow));
        QVERIFY(!twice);
        QCOMPARE(int(twice.error().kind), int(ComplaintError::Kind::WrongStep));

        // The case as read says it is open; then closed with no problem found.
        QCOMPARE(complaints.cases(ComplaintStore::Which::Open).value().size(), size_t(1));
        auto closed = complaints.recordStep(step(id, ComplaintStep::Closed, ComplaintOutcome::NoProblem, tomorrow.addSecs(3600)));
        QVERIFY(closed);
        QCOMPARE(closed->steps.back().outcome, std::optional<ComplaintOutcome>(ComplaintOutcome::NoProblem));
        const QJsonObject event = lastEvent(*db, "complaint_updated");
        QCOMPARE(event.value(QStringLiteral("step")).toString(), QStringLiteral("closed"));
        QCOMPARE(event.value(QStringLiteral("outcome")).toString(), QStringLiteral("no_problem"));
        QCOMPARE(event.value(QStringLiteral("id")).toString(), id);

        const ComplaintRecord read = *complaints.find(id).value();
        QCOMPARE(read.steps.size(), size_t(2));
        QCOMPARE(read.steps[1].at, tomorrow.addSecs(3600));
        QVERIFY(read.steps[1].on == CivilDate(2026, 11, 25));
        QVERIFY(!read.domainCase().isOpen());
        QVERIFY(complaints.cases(ComplaintStore::Which::Open).value().empty());
        QCOMPARE(complaints.cases(ComplaintStore::Which::Closed).value().size(), size_t(1));
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'complaint_updated'")), 3);

        auto after = complaints.recordStep(step(id, ComplaintStep::Rectified, std::nullopt, tomorrow));
        QVERIFY(!after);
        QCOMPARE(int(after.error().kind), int(ComplaintError::Kind::WrongStep));
        auto unknown = complaints.recordStep(step(QStringLiteral("nope"), ComplaintStep::Contacted, std::nullopt, tomorrow));
        QVERIFY(!unknown);
        QCOMPARE(int(unknown.error().kind), int(ComplaintError::Kind::UnknownCase));
        // The steps are the record: never changed, never removed.
        QVERIFY(!test::exec(*db, QStringLiteral("UPDATE complaint_steps SET note = 'x'")));
        QVERIFY(!test::exec(*db, QStringLiteral("DELETE FROM complaint_steps")));
    }

    void countsOfARange_data() { test::addEngineRows(); }
    void countsOfARange()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlQueueStore queue(*db);
        SqlRatingStore ratings(*db);
        SqlComplaintStore complaints(*db);
        // Four cases rated Mon 23 Nov, Tue 24, Tue 24 and Wed 25 (the dues as a Tuesday's, kept
        // simple: contact by the 25th).
        const auto open = [&](int minute, CivilDate ratedOn) {
            return ratings.record(rating(served(queue, minute), 2, std::nullopt, ComplaintOpening{ratedOn, kDue}, test::hall(10, minute)))
                .value()
                .complaintId;
        };
        const QString monday = open(0, CivilDate(2026, 11, 23));
        const QString contacted = open(5, kDay);
        const QString untouched = open(10, kDay);
        open(15, CivilDate(2026, 11, 25));
        ratings.record(rating(served(queue, 20), 4, std::nullopt, std::nullopt)).value(); // no case
        QVERIFY(complaints.recordStep(step(monday, ComplaintStep::Closed, ComplaintOutcome::OnTheSpot, test::hall(11, 0).addDays(-1))));
        QVERIFY(complaints.recordStep(step(contacted, ComplaintStep::Contacted, std::nullopt, test::hall(11, 0))));

        const auto counts = [&](CivilDate from, CivilDate to, CivilDate today) {
            const ComplaintCounts c = complaints.counts(from, to, today).value();
            return QStringLiteral("%1 %2 %3 %4").arg(c.opened).arg(c.open).arg(c.overdue).arg(c.closed);
        };
        // On the 25th nothing is late; on the 26th the cases not contacted are.
        QCOMPARE(counts(CivilDate(2026, 11, 23), CivilDate(2026, 11, 25), CivilDate(2026, 11, 25)), QStringLiteral("4 3 0 1"));
        QCOMPARE(counts(CivilDate(2026, 11, 23), CivilDate(2026, 11, 25), CivilDate(2026, 11, 26)), QStringLiteral("4 3 2 1"));
        QCOMPARE(counts(kDay, kDay, CivilDate(2026, 11, 26)), QStringLiteral("2 2 1 0"));
        // After the rectify day the contacted one is late too.
        QCOMPARE(counts(kDay, kDay, CivilDate(2026, 12, 2)), QStringLiteral("2 2 2 0"));
        QCOMPARE(counts(CivilDate(2026, 11, 23), CivilDate(2026, 11, 23), CivilDate(2026, 12, 31)), QStringLiteral("1 0 0 1"));
        QCOMPARE(counts(CivilDate(2026, 12, 1), CivilDate(2026, 12, 31), CivilDate(2026, 12, 31)), QStringLiteral("0 0 0 0"));
        // By day: the 23rd's one case, the 24th's two, the 25th's one, none on the 22nd — each day
        // as counts() gives it alone.
        const auto byDay = complaints.countsByDay(CivilDate(2026, 11, 22), CivilDate(2026, 11, 25), CivilDate(2026, 11, 26)).value();
        QCOMPARE(byDay.size(), size_t(4));
        QStringList days;
        for (const ComplaintCounts &c : byDay)
            days << QStringLiteral("%1 %2 %3 %4").arg(c.opened).arg(c.open).arg(c.overdue).arg(c.closed);
        QCOMPARE(days.join(QLatin1Char('|')), QStringLiteral("0 0 0 0|%1|%2|%3")
                                                  .arg(counts(CivilDate(2026, 11, 23), CivilDate(2026, 11, 23), CivilDate(2026, 11, 26)),
                                                       counts(kDay, kDay, CivilDate(2026, 11, 26)),
                                                       counts(CivilDate(2026, 11, 25), CivilDate(2026, 11, 25), CivilDate(2026, 11, 26))));
        QCOMPARE(days.at(2), QStringLiteral("2 2 1 0"));
        QVERIFY(complaints.countsByDay(kDay, CivilDate(2026, 11, 23), kDay).value().empty()); // to before from
        Q_UNUSED(untouched);
        QCOMPARE(complaints.cases(ComplaintStore::Which::All).value().size(), size_t(4));
        QCOMPARE(complaints.cases(ComplaintStore::Which::All).value().front().id, monday); // oldest first
    }
};

QTEST_GUILESS_MAIN(TestComplaintStore)
#include "tst_complaint_store.moc"
