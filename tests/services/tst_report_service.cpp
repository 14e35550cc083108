// ReportService (DESIGN §13) over the real report reader, on SQLite and on PostgreSQL: the hand-made
// day of tests/support/report_day.h, every figure of which is worked out by hand in the table below
// (see the header for each ticket's times); the same figures after the store is reopened; a span of
// days summed; the span's limits.

#include "app/services/catalog_service.h"
#include "app/services/report/report_service.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_report_reader.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/report_day.h"
#include "tests/support/store_engines.h"
#include "app/services/report/report_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace hk;

namespace {

const CivilDate kDay(2026, 11, 24);     // a Tuesday
const CivilDate kNextDay(2026, 11, 25); // the same day again, for the span

// The value at a dotted path ("windows.0.served", "ratings.by_level.4").
QJsonValue valueAt(QJsonValue v, const QString &path)
{
    for (const QString &part : path.split(QLatin1Char('.'))) {
        bool index = false;
        const int i = part.toInt(&index);
        v = index && v.isArray() ? v.toArray().at(i) : v.toObject().value(part);
    }
    return v;
}

// The report as the terminal builds it: the reader and the 差评 cases of one database.
struct Reporting {
    Reporting(Database &db, const CatalogService &catalog, const Clock &clock)
        : reader(db)
        , cases(db)
        , complaints(cases, catalog, clock)
        , service(reader, catalog, complaints)
    {
    }
    SqlReportReader reader;
    SqlComplaintStore cases;
    ComplaintService complaints;
    ReportService service;
};

// The reports are read on Thursday 26 November 10:00 (+08:00): a 差评 of Tuesday the 24th was due to
// be contacted by the end of Wednesday the 25th (1 working day), one of the 25th by the 26th.
QDateTime readingTime()
{
    return QDateTime(QDate(2026, 11, 26), QTime(2, 0), Qt::UTC);
}

// Of the 24th's two 差评 cases, the supervisor contacted the first and closed it (resolved) that
// evening; the other was never contacted.
QString closeFirstCase(Database &db)
{
    SqlComplaintStore cases(db);
    auto all = cases.cases(ComplaintStore::Which::All);
    if (!all)
        return all.error().detail;
    for (const ComplaintRecord &c : all.value()) {
        if (c.ratedOn != kDay)
            continue;
        const QDateTime evening(QDate(2026, 11, 24), QTime(18, 0), QTimeZone("Asia/Shanghai"));
        for (auto [step, outcome] : {std::pair{ComplaintStep::Contacted, std::optional<ComplaintOutcome>()},
                                     std::pair{ComplaintStep::Closed, std::optional<ComplaintOutcome>(ComplaintOutcome::Resolved)}}) {
            if (auto taken = cases.recordStep({c.id, step, outcome, QStringLiteral("已电话联系并解决"), QStringLiteral("SV1"), evening, kDay});
                !taken)
                return taken.error().detail;
        }
        return {};
    }
    return QStringLiteral("no 差评 case of the 24th");
}

const QJsonValue kNull(QJsonValue::Null);

} // namespace

class TestReportService : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;
    CatalogService m_catalog{test::demoCatalog()};
    QMap<QString, QJsonObject> m_day;   // by engine: the day's report as the API writes it
    QMap<QString, QJsonObject> m_range; // by engine: the two days' span
    QMap<QString, QString> m_names;     // by engine: the database, to reopen
    test::FakeClock m_clock{readingTime()};

    QJsonObject dayReport(Database &db)
    {
        Reporting reporting(db, m_catalog, m_clock);
        auto report = reporting.service.day(kDay);
        if (!report)
            return QJsonObject{{QStringLiteral("failed"), report.error().detail}};
        return dayReportJson(report->total);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
        for (const QString &engine : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            auto db = m_engines.fresh(engine);
            QVERIFY2(db, qPrintable(m_engines.error()));
            test::ReportDay day(*db, kDay);
            QVERIFY2(day.error().isEmpty(), qPrintable(engine + QStringLiteral(": ") + day.error()));
            test::ReportDay again(*db, kNextDay);
            QVERIFY2(again.error().isEmpty(), qPrintable(engine + QStringLiteral(": ") + again.error()));
            const QString closed = closeFirstCase(*db);
            QVERIFY2(closed.isEmpty(), qPrintable(engine + QStringLiteral(": ") + closed));
            m_day[engine] = dayReport(*db);
            Reporting reporting(*db, m_catalog, m_clock);
            auto range = reporting.service.range(kDay, kNextDay.addDays(1)); // the 26th has no tickets
            QVERIFY2(range.ok(), qPrintable(range ? QString() : range.error().detail));
            m_range[engine] = rangeReportJson(range->total, range->days);
            m_names[engine] = m_engines.name();
        }
    }

    void dayFigures_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("expected");
        // Worked out by hand from the day in tests/support/report_day.h.
        const std::vector<std::pair<const char *, QJsonValue>> table{
            {"date", QStringLiteral("2026-11-24")},
            // Walk-ins: 6 issued; served A001 A002 A003 A004; passed B001; expired B001 (passed, then
            // expired at close) and B002. Waits of the five called: 300 1200 1200 1800 300.
            {"walkin.issued", 6},
            {"walkin.served", 4},
            {"walkin.passed", 1},
            {"walkin.expired", 2},
            {"walkin.wait_avg_s", 960},  // 4800 / 5
            {"walkin.wait_p50_s", 1200}, // rank ceil(2.5) = 3 of 300 300 1200 1200 1800
            {"walkin.wait_p90_s", 1800}, // rank ceil(4.5) = 5
            // Booked: 6 issued, all served (Y006 by day close). Waits 480 2400 2700 720 1200 300
            // (Y003's 11:30–13:15 is 30 + 15 open minutes: lunch is not waiting).
            {"booked.issued", 6},
            {"booked.served", 6},
            {"booked.passed", 0},
            {"booked.expired", 0},
            {"booked.wait_avg_s", 1300}, // 7800 / 6
            {"booked.wait_p90_s", 2700}, // rank ceil(5.4) = 6 of 300 480 720 1200 2400 2700
            {"booked.within_target_share", 4.0 / 6}, // Y001 Y003 Y005 Y006; not Y002 (40 > 30), Y004 (12 > 10)
            {"booked.by_complexity.general.count", 3},
            {"booked.by_complexity.general.within_target_share", 2.0 / 3},
            {"booked.by_complexity.complex.count", 2},
            {"booked.by_complexity.complex.within_target_share", 0.5},
            {"booked.by_complexity.special.count", 1},
            {"booked.by_complexity.special.within_target_share", 1.0},
            // Handling of the 10 served: 720 1500 1200 600 720 1200 2700 480 2400 3300 (Y006 to 17:00).
            {"handling.served", 10},
            {"handling.avg_s", 1482},  // 14820 / 10
            {"handling.p90_s", 2700},  // rank 9 of 480 600 720 720 1200 1200 1500 2400 2700 3300
            {"handling.over_20min_share", 0.4}, // 1500 2400 2700 3300; A003's 1200 is not over
            // Every window of the catalog, by number.
            {"windows.0.number", 1},
            {"windows.0.served", 2},
            {"windows.0.avg_handling_s", 960},  // (720 + 1200) / 2
            {"windows.0.rating_avg", 3.5},      // 5 and 2
            {"windows.1.number", 2},
            {"windows.1.served", 2},
            {"windows.1.avg_handling_s", 1050}, // (1500 + 600) / 2
            {"windows.1.rating_avg", 3.5},      // 4 and 3
            {"windows.2.served", 1},            // Y005; B001 was passed there, not served
            {"windows.2.avg_handling_s", 2400},
            {"windows.2.rating_avg", 5.0},
            {"windows.3.served", 1},
            {"windows.3.avg_handling_s", 2700},
            {"windows.3.rating_avg", 4.0},
            {"windows.4.number", 5},
            {"windows.4.served", 0},
            {"windows.4.avg_handling_s", kNull},
            {"windows.4.rating_avg", kNull},
            {"windows.7.number", 8},
            {"windows.7.served", 4},
            {"windows.7.avg_handling_s", 1425}, // (720 + 1200 + 480 + 3300) / 4
            {"windows.7.rating_avg", 3.0},      // 5 and 1 (Y004 and Y006 not rated)
            // Bookings: six checked in, BK-7 never (no-show at close), BK-8 forfeited.
            {"bookings.checked_in", 6},
            {"bookings.no_show", 1},
            {"bookings.forfeited", 1},
            // Ratings 5 4 2 3 5 1 4 5.
            {"ratings.count", 8},
            {"ratings.by_level.1", 1},
            {"ratings.by_level.2", 1},
            {"ratings.by_level.3", 1},
            {"ratings.by_level.4", 2},
            {"ratings.by_level.5", 3},
            {"ratings.satisfied_share", 5.0 / 8},
            // The interim 差评 figures: opened = ratings of levels 1–2; the rest unknown until cases exist.
            // The two 差评 (levels 2 and 1) opened two cases; one closed that evening, the other not
            // contacted by the end of the 25th: overdue on the 26th.
            {"complaints.opened", 2},
            {"complaints.open", 1},
            {"complaints.overdue", 1},
            {"complaints.closed", 1},
            // Hours 8–16 (A001 at 08:45 to the last open hour). Waiting counts step by issue (+1) and
            // call (−1); the most at any moment of the hour, the hour's start included.
            {"hours.0.hour", 8},
            {"hours.0.issued", 2},      // A001 Y001
            {"hours.0.called", 0},
            {"hours.0.max_waiting", 2},
            {"hours.1.hour", 9},
            {"hours.1.issued", 1},      // A002
            {"hours.1.called", 3},      // A001 Y001 A002
            {"hours.1.max_waiting", 2}, // the two left from 08:xx
            {"hours.2.issued", 2},      // B001 Y002
            {"hours.2.called", 2},
            {"hours.2.max_waiting", 2},
            {"hours.3.issued", 2},      // Y003 A003
            {"hours.3.called", 0},
            {"hours.3.max_waiting", 2},
            {"hours.4.hour", 12},       // lunch: both still waiting
            {"hours.4.issued", 0},
            {"hours.4.called", 0},
            {"hours.4.max_waiting", 2},
            {"hours.5.issued", 1},      // Y004
            {"hours.5.called", 2},      // A003 Y003
            {"hours.5.max_waiting", 2},
            {"hours.6.issued", 1},      // A004
            {"hours.6.called", 2},      // A004 Y004
            {"hours.6.max_waiting", 2}, // Y004 and A004 at 14:00
            {"hours.7.issued", 2},      // Y005 Y006
            {"hours.7.called", 1},
            {"hours.7.max_waiting", 1},
            {"hours.8.hour", 16},
            {"hours.8.issued", 1},      // B002
            {"hours.8.called", 1},      // Y006
            {"hours.8.max_waiting", 1},
            {"hours.9", QJsonValue::Undefined},
        };
        for (const QString &engine : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            for (const auto &[path, value] : table)
                QTest::newRow(qPrintable(engine + QLatin1Char(' ') + QLatin1String(path))) << engine << QString::fromLatin1(path) << value;
        }
    }

    void dayFigures()
    {
        QFETCH(QString, engine);
        QFETCH(QString, path);
        QFETCH(QJsonValue, expected);
        const QJsonObject report = m_day.value(engine);
        QVERIFY2(!report.contains(QStringLiteral("failed")), qPrintable(report.value(QStringLiteral("failed")).toString()));
        const QJsonValue actual = valueAt(report, path);
        if (expected.isDouble() && actual.isDouble())
            QVERIFY2(qAbs(actual.toDouble() - expected.toDouble()) < 1e-9,
                     qPrintable(QStringLiteral("%1 = %2, expected %3").arg(path).arg(actual.toDouble()).arg(expected.toDouble())));
        else
            QVERIFY2(actual == expected, qPrintable(QStringLiteral("%1 = %2").arg(path, QString::fromUtf8(QJsonDocument(QJsonArray{actual}).toJson(QJsonDocument::Compact)))));
    }

    void dayHasExactlyTheFieldsOfDesign()
    {
        const QJsonObject report = m_day.value(QStringLiteral("sqlite"));
        QStringList keys = report.keys();
        keys.sort();
        QCOMPARE(keys, QString::fromLatin1("booked,bookings,complaints,date,handling,hours,ratings,walkin,windows").split(QLatin1Char(',')));
        QCOMPARE(report.value(QStringLiteral("walkin")).toObject().keys(),
                 QString::fromLatin1("expired,issued,passed,served,wait_avg_s,wait_p50_s,wait_p90_s").split(QLatin1Char(',')));
        QCOMPARE(report.value(QStringLiteral("booked")).toObject().keys(),
                 QString::fromLatin1("by_complexity,expired,issued,passed,served,wait_avg_s,wait_p90_s,within_target_share").split(QLatin1Char(',')));
        QCOMPARE(report.value(QStringLiteral("windows")).toArray().size(), 8); // every window of the demo catalog
    }

    void bothEnginesAgree()
    {
        QCOMPARE(m_day.value(QStringLiteral("postgresql")), m_day.value(QStringLiteral("sqlite")));
        QCOMPARE(m_range.value(QStringLiteral("postgresql")), m_range.value(QStringLiteral("sqlite")));
    }

    void sameAfterTheStoreIsReopened_data() { test::addEngineRows(); }
    void sameAfterTheStoreIsReopened()
    {
        QFETCH(QString, engine);
        auto db = engine == QLatin1String("postgresql") ? Database::openHall(m_engines.hall(m_names.value(engine)), test::StoreEngines::kCenter)
                                                         : Database::open(m_names.value(engine));
        QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
        const QJsonObject again = dayReport(*db.value());
        QVERIFY(!again.isEmpty());
        QCOMPARE(again, m_day.value(engine));
    }

    void rangeSumsTheDays_data() { test::addEngineRows(); }
    void rangeSumsTheDays()
    {
        QFETCH(QString, engine);
        const QJsonObject range = m_range.value(engine);
        QCOMPARE(range.value(QStringLiteral("from")).toString(), QStringLiteral("2026-11-24"));
        QCOMPARE(range.value(QStringLiteral("to")).toString(), QStringLiteral("2026-11-26"));
        QVERIFY(!range.contains(QStringLiteral("date")));
        const QJsonArray days = range.value(QStringLiteral("days")).toArray();
        QCOMPARE(days.size(), 3);
        QCOMPARE(days.at(0).toObject(), m_day.value(engine)); // each day as /reports/day gives it
        QCOMPARE(valueAt(days.at(1), QStringLiteral("date")).toString(), QStringLiteral("2026-11-25"));
        QCOMPARE(valueAt(days.at(2), QStringLiteral("walkin.issued")).toInt(), 0);
        QCOMPARE(valueAt(days.at(2), QStringLiteral("walkin.wait_avg_s")), kNull);
        QCOMPARE(valueAt(days.at(2), QStringLiteral("hours")).toArray().size(), 0);
        // Counts add up; the two days are the same day twice, so averages, percentiles and shares stay.
        for (const char *path : {"walkin.issued", "walkin.served", "walkin.passed", "walkin.expired", "booked.issued",
                                 "booked.by_complexity.general.count", "handling.served", "windows.7.served", "bookings.checked_in",
                                 "bookings.no_show", "bookings.forfeited", "ratings.count", "ratings.by_level.5", "complaints.opened",
                                 "hours.1.issued", "hours.1.called"})
            QCOMPARE(valueAt(range, QLatin1String(path)).toInt(), 2 * valueAt(m_day.value(engine), QLatin1String(path)).toInt());
        for (const char *path : {"walkin.wait_avg_s", "walkin.wait_p50_s", "walkin.wait_p90_s", "booked.wait_p90_s", "handling.avg_s",
                                 "handling.p90_s", "windows.0.avg_handling_s", "hours.1.max_waiting"})
            QCOMPARE(valueAt(range, QLatin1String(path)).toInt(), valueAt(m_day.value(engine), QLatin1String(path)).toInt());
        QCOMPARE(valueAt(range, QStringLiteral("ratings.satisfied_share")).toDouble(), 5.0 / 8);
        // The 25th's two cases are open and not yet late (due to be contacted by the end of the 26th).
        QCOMPARE(valueAt(days.at(1), QStringLiteral("complaints.open")).toInt(), 2);
        QCOMPARE(valueAt(days.at(1), QStringLiteral("complaints.overdue")).toInt(), 0);
        QCOMPARE(valueAt(range, QStringLiteral("complaints.open")).toInt(), 3);
        QCOMPARE(valueAt(range, QStringLiteral("complaints.overdue")).toInt(), 1);
        QCOMPARE(valueAt(range, QStringLiteral("complaints.closed")).toInt(), 1);
    }

    void rangeLimits()
    {
        auto db = m_engines.fresh(QStringLiteral("sqlite"));
        QVERIFY(db);
        Reporting reporting(*db, m_catalog, m_clock);
        ReportService &service = reporting.service;
        auto backwards = service.range(kNextDay, kDay);
        QVERIFY(!backwards.ok());
        QCOMPARE(int(backwards.error().kind), int(ReportError::Kind::BadRange));
        QVERIFY(service.range(CivilDate(2026, 1, 1), CivilDate(2026, 12, 31).addDays(1)).ok()); // 366 days
        auto tooLong = service.range(CivilDate(2026, 1, 1), CivilDate(2027, 1, 2));             // 367
        QVERIFY(!tooLong.ok());
        QVERIFY2(tooLong.error().detail.contains(QStringLiteral("366")), qPrintable(tooLong.error().detail));
        // A day with no tickets and no cases: every count 0.
        auto empty = service.day(kDay);
        QVERIFY(empty.ok());
        QCOMPARE(empty->total.complaints.opened, 0);
        QCOMPARE(empty->total.complaints.open, 0);
    }
};

QTEST_GUILESS_MAIN(TestReportService)
#include "tst_report_service.moc"
