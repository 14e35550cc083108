// DESIGN §16: the staff actions beside the window's in the audit log, through the real services
// and stores on both engines (rows `sqlite` and `postgresql`, tests/support/store_engines.h): help
// taken (HelpService::take), a rating entered by staff on the console (RatingService, channel
// `console`, never the citizen's own), each complaint step (ComplaintService contacted, rectified,
// closed) — each as `staff:<id>`, on what it was done to, the chain intact afterwards.

#include "app/services/audit_trail_service.h"
#include "app/services/hall/complaint_service.h"
#include "app/services/hall/rating_service.h"
#include "app/services/help_service.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_rating_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_time.h"
#include "tests/support/store_engines.h"

#include <QTest>

using namespace hk;

namespace {

const CivilDate kDay(2026, 11, 24); // a Tuesday

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

std::vector<AuditRecord> rows(SqlAuditLog &log)
{
    auto read = log.entries();
    return read ? std::move(read).value() : std::vector<AuditRecord>{};
}

} // namespace

class TestStaffAudit : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;

    struct Rig {
        std::unique_ptr<Database> db;
        test::FakeClock clock{test::hall(9, 30).toUTC()};
        CatalogService catalog{test::demoCatalog()};
        std::unique_ptr<SqlAuditLog> log;
        std::unique_ptr<AuditTrailService> trail;
    };
    bool rig(Rig &r)
    {
        r.db = m_engines.freshForRow();
        if (!r.db)
            return false;
        r.log = std::make_unique<SqlAuditLog>(*r.db);
        r.trail = std::make_unique<AuditTrailService>(std::vector<AuditTrailService::Log>{{QStringLiteral("hall"), r.log.get()}}, r.clock);
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void helpTakenIsAudited_data() { test::addEngineRows(); }
    void helpTakenIsAudited()
    {
        Rig r;
        QVERIFY2(rig(r), qPrintable(m_engines.error()));
        SqlHelpStore store(*r.db);
        NullHallChannel alone;
        HelpService help(store, alone, r.clock, QStringLiteral("T01"), QStringLiteral("一号机"));
        help.setAuditTrail(r.trail.get());
        const HelpRequest asked = help.requestHelp().value();
        QVERIFY(rows(*r.log).empty()); // a citizen's press is not a staff action
        QVERIFY(help.take(asked.id, QStringLiteral("S03"), 3));
        QVERIFY(!help.take(asked.id, QStringLiteral("S04"), 4)); // taken already: nothing done, nothing written
        const auto written = rows(*r.log);
        QCOMPARE(written.size(), size_t(1));
        QCOMPARE(written[0].entry.action, QStringLiteral("help_taken"));
        QCOMPARE(written[0].entry.actor, QStringLiteral("staff:S03"));
        QCOMPARE(written[0].entry.subject, asked.id);
        QCOMPARE(written[0].entry.detail.value(QStringLiteral("window")).toInt(), 3);
        QCOMPARE(written[0].entry.at, r.clock.now());
        QVERIFY(r.log->verify().value().intact());
    }

    void aRatingEnteredByStaffIsAudited_data() { test::addEngineRows(); }
    void aRatingEnteredByStaffIsAudited()
    {
        Rig r;
        QVERIFY2(rig(r), qPrintable(m_engines.error()));
        SqlQueueStore queue(*r.db);
        SqlRatingStore store(*r.db);
        RatingService ratings(store, r.catalog, r.clock);
        ratings.setAuditTrail(r.trail.get());
        const IssuedTicket byCitizen = served(queue, 0);
        const IssuedTicket byClerk = served(queue, 5);
        // The citizen's own rating (the evaluator) is not a staff action.
        QVERIFY(ratings.rate(3, byCitizen.id, 5, QString(), RatingChannel::Evaluator));
        QVERIFY(rows(*r.log).empty());
        // A 差评 the clerk typed in on the console, for the ticket just finished (DESIGN §16: the
        // window's last, within 10 min): audited as the clerk, with its case.
        r.clock.set(test::hall(9, 10).toUTC());
        auto entered = ratings.rate(3, byClerk.id, 2, QStringLiteral("等太久"), RatingChannel::Console, 4, QStringLiteral("S03"));
        QVERIFY(entered);
        // Refused (rated already): nothing written.
        QVERIFY(!ratings.rate(3, byClerk.id, 5, QString(), RatingChannel::Console, std::nullopt, QStringLiteral("S03")));
        const auto written = rows(*r.log);
        QCOMPARE(written.size(), size_t(1));
        const AuditEntry &e = written[0].entry;
        QCOMPARE(e.action, QStringLiteral("rating_entered"));
        QCOMPARE(e.actor, QStringLiteral("staff:S03"));
        QCOMPARE(e.subject, byClerk.id);
        QCOMPARE(e.detail.value(QStringLiteral("window")).toInt(), 3);
        QCOMPARE(e.detail.value(QStringLiteral("number")).toString(), byClerk.number);
        QCOMPARE(e.detail.value(QStringLiteral("level")).toInt(), 2);
        QCOMPARE(e.detail.value(QStringLiteral("matter_level")).toInt(), 4);
        QCOMPARE(e.detail.value(QStringLiteral("channel")).toString(), QStringLiteral("console"));
        QCOMPARE(e.detail.value(QStringLiteral("complaint")).toString(), entered->complaintId);
        QVERIFY(!entered->complaintId.isEmpty());
        QVERIFY(r.log->verify().value().intact());
    }

    void eachComplaintStepIsAudited_data() { test::addEngineRows(); }
    void eachComplaintStepIsAudited()
    {
        Rig r;
        QVERIFY2(rig(r), qPrintable(m_engines.error()));
        SqlQueueStore queue(*r.db);
        SqlRatingStore ratingStore(*r.db);
        SqlComplaintStore store(*r.db);
        RatingService ratings(ratingStore, r.catalog, r.clock);
        ComplaintService complaints(store, r.catalog, r.clock);
        complaints.setAuditTrail(r.trail.get());
        const IssuedTicket t = served(queue, 0);
        const QString id = ratings.rate(3, t.id, 1, QStringLiteral("态度差"), RatingChannel::Evaluator)->complaintId;
        QVERIFY(!id.isEmpty());
        QVERIFY(rows(*r.log).empty()); // opened by the citizen's rating: no staff action

        QVERIFY(complaints.record(id, ComplaintStep::Contacted, std::nullopt, QStringLiteral("电话联系"), QStringLiteral("SV1")));
        QVERIFY(!complaints.record(id, ComplaintStep::Contacted, std::nullopt, QString(), QStringLiteral("SV1"))); // wrong step: not written
        r.clock.advanceSecs(3600);
        QVERIFY(complaints.record(id, ComplaintStep::Rectified, std::nullopt, QStringLiteral("已培训"), QStringLiteral("SV2")));
        QVERIFY(complaints.record(id, ComplaintStep::Closed, ComplaintOutcome::Resolved, QStringLiteral("市民满意"), QStringLiteral("SV1")));
        const auto written = rows(*r.log);
        QCOMPARE(written.size(), size_t(3));
        const QStringList actions{written[0].entry.action, written[1].entry.action, written[2].entry.action};
        QCOMPARE(actions, (QStringList{QStringLiteral("complaint_contacted"), QStringLiteral("complaint_rectified"),
                                       QStringLiteral("complaint_closed")}));
        QCOMPARE(written[0].entry.actor, QStringLiteral("staff:SV1"));
        QCOMPARE(written[1].entry.actor, QStringLiteral("staff:SV2"));
        for (const AuditRecord &row : written) {
            QCOMPARE(row.entry.subject, id);
            QCOMPARE(row.entry.detail.value(QStringLiteral("ticket")).toString(), t.id);
            QCOMPARE(row.entry.detail.value(QStringLiteral("window")).toInt(), 3);
        }
        QCOMPARE(written[2].entry.detail.value(QStringLiteral("outcome")).toString(), QStringLiteral("resolved"));
        QVERIFY(r.log->verify().value().intact());
    }
};

QTEST_GUILESS_MAIN(TestStaffAudit)
#include "tst_staff_audit.moc"
