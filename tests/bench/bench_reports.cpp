// The supervisors' month (DESIGN §13): GET /api/v1/reports/range over 30 days of a hall of 40 windows
// issuing 3,000 tickets a day (90,000 tickets, their ratings and bookings), on SQLite and on a private
// PostgreSQL. Times what the route does — ReportService::range (the store's read and the figures)
// and the JSON, and the CSV of the same span — and prints medians of RUNS runs. Asserts nothing about
// time; exits non-zero only when a report fails or counts wrong.
//
//   bench_reports [RUNS]   default 5

#include "app/config/catalog_parser.h"
#include "app/services/catalog_service.h"
#include "app/services/report/report_service.h"
#include "app/services/system_clock.h"
#include "db/sql_values.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_report_reader.h"
#include "db/transaction.h"
#include "tests/bench/bench_support.h"
#include "tests/support/store_engines.h"
#include "app/services/report/report_json.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTimeZone>

#include <cstdio>
#include <random>

using namespace hk;

namespace {

constexpr int kDays = 30;
constexpr int kTicketsADay = 3000;
constexpr int kWindows = 40;
const CivilDate kFirst(2026, 11, 2); // a Monday; 30 days, weekends included (a hall with weekend service)

Catalog benchCatalog()
{
    Catalog catalog = CatalogParser::loadFile(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")).value().catalog;
    catalog.windows.clear();
    for (int n = 1; n <= kWindows; ++n)
        catalog.windows.push_back(HallWindow{n, std::to_string(n) + "号窗口", {"*"}});
    return catalog;
}

// Writes the month in batches of multi-row INSERTs, in one transaction per day.
QString fill(Database &db)
{
    const QTimeZone zone(QByteArrayLiteral("Asia/Shanghai"));
    std::mt19937 random(2026);
    const char *groups[] = {"SB", "BDC", "HJ", "QY", "SW", "ZH"};
    const char prefixes[] = {'A', 'B', 'C', 'D', 'E', 'F'};
    const char *complexities[] = {"general", "complex", "special"};
    for (int d = 0; d < kDays; ++d) {
        const CivilDate date = kFirst.addDays(d);
        const QDate qdate(date.year(), date.month(), date.day());
        const QString dateText = QString::fromStdString(date.toString());
        QSqlQuery q(db.connection());
        Transaction tx(db.connection(), Transaction::Mode::Write);
        if (auto begun = tx.begin(); !begun)
            return begun.error().detail;
        QStringList tickets, ratings, bookings;
        int seq[7] = {};
        const auto flush = [&]() -> QString {
            for (auto [list, head] : {std::pair{&tickets, "INSERT INTO tickets (id, service_date, series, seq, number, kind, group_code, state, "
                                                          "issued_at, terminal, slot_start, complexity, called_at, finished_at, passed_at, "
                                                          "window_number, booking_id) VALUES "},
                                      std::pair{&ratings, "INSERT INTO ratings (id, ticket_id, window_number, level, reason, follow_up, channel, at) VALUES "},
                                      std::pair{&bookings, "INSERT INTO bookings (id, version, status, matter, group_code, slot_start, slot_start_s, "
                                                           "service_date, ticket_id) VALUES "}}) {
                if (list->isEmpty())
                    continue;
                if (!q.exec(QLatin1String(head) + list->join(QLatin1Char(','))))
                    return q.lastError().text();
                list->clear();
            }
            return {};
        };
        const auto at = [&](int second) { return QStringLiteral("'%1'").arg(sql::utcText(QDateTime(qdate, QTime(0, 0).addSecs(second), zone))); };
        for (int i = 0; i < kTicketsADay; ++i) {
            const int g = int(random() % 6);
            const bool booked = random() % 10 < 3;
            const QString id = sql::newId();
            // Issued 08:30–16:30, more in the morning; lunch 12:00–13:00 issues nothing.
            int issued = 8 * 3600 + 1800 + int(random() % (8 * 3600));
            if (issued >= 12 * 3600 && issued < 13 * 3600)
                issued -= 3600;
            const int roll = int(random() % 100);
            const bool called = roll >= 2;
            const bool passed = roll >= 2 && roll < 5;
            const int calledAt = issued + 60 + int(random() % 2400);
            const int finishedAt = calledAt + 180 + int(random() % 1800);
            const int window = 1 + int(random() % kWindows);
            const QString state = !called ? QStringLiteral("expired") : passed ? QStringLiteral("expired") : QStringLiteral("served");
            const int series = booked ? 6 : g;
            const char prefix = booked ? 'Y' : prefixes[g];
            const int n = ++seq[series];
            const QString bookingId = booked ? QStringLiteral("'BK-%1-%2'").arg(dateText).arg(n) : QStringLiteral("NULL");
            const int slot = (issued / 3600 + 1) * 3600;
            tickets << QStringLiteral("('%1','%2','%3',%4,'%3%5','%6','%7','%8',%9,'T01',%10,%11,%12,%13,%14,%15,%16)")
                           .arg(id, dateText, QString(QLatin1Char(prefix)))
                           .arg(n)
                           .arg(n, 3, 10, QLatin1Char('0'))
                           .arg(booked ? QStringLiteral("booked") : QStringLiteral("walkin"), QLatin1String(groups[g]), state, at(issued),
                                booked ? at(slot) : QStringLiteral("NULL"),
                                booked ? QStringLiteral("'%1'").arg(QLatin1String(complexities[random() % 3])) : QStringLiteral("NULL"),
                                called ? at(calledAt) : QStringLiteral("NULL"), called && !passed ? at(finishedAt) : QStringLiteral("NULL"),
                                passed ? at(calledAt + 60) : QStringLiteral("NULL"))
                           .arg(called ? QString::number(window) : QStringLiteral("NULL"), bookingId);
            if (booked)
                bookings << QStringLiteral("(%1,1,'checked_in','SB-001','SB',%2,%3,'%4','%5')")
                                .arg(bookingId, at(slot))
                                .arg(QDateTime(qdate, QTime(0, 0).addSecs(slot), zone).toSecsSinceEpoch())
                                .arg(dateText, id);
            if (called && !passed && random() % 10 < 6)
                ratings << QStringLiteral("('%1','%2',%3,%4,'',0,'console',%5)").arg(sql::newId(), id).arg(window).arg(1 + int(random() % 5)).arg(at(finishedAt + 30));
            if (tickets.size() >= 500) {
                if (QString error = flush(); !error.isEmpty())
                    return error;
            }
        }
        if (QString error = flush(); !error.isEmpty())
            return error;
        if (auto committed = tx.commit(); !committed)
            return committed.error().detail;
    }
    QSqlQuery analyze(db.connection());
    analyze.exec(QStringLiteral("ANALYZE tickets"));
    analyze.exec(QStringLiteral("ANALYZE ratings"));
    analyze.exec(QStringLiteral("ANALYZE bookings"));
    return {};
}

bool measure(const char *engine, Database &db, const CatalogService &catalog, int runs)
{
    SqlReportReader reader(db);
    SqlComplaintStore cases(db);
    const SystemClock clock;
    ComplaintService complaints(cases, catalog, clock);
    ReportService service(reader, catalog, complaints);
    const CivilDate last = kFirst.addDays(kDays - 1);
    std::vector<double> jsonMs, csvMs, readMs;
    size_t jsonBytes = 0, csvBytes = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        auto data = reader.read(kFirst, last);
        readMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        auto report = service.range(kFirst, last, ReportService::Rows::Excluded); // as the route asks for JSON
        if (!report || report->total.walkIn.issued + report->total.booked.issued != kDays * kTicketsADay ||
            report->days.size() != size_t(kDays)) {
            std::fprintf(stderr, "%s: the report failed or counts wrong: %s\n", engine, report ? "rows" : qPrintable(report.error().detail));
            return false;
        }
        jsonBytes = size_t(QJsonDocument(rangeReportJson(report->total, report->days)).toJson(QJsonDocument::Compact).size());
        jsonMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        auto again = service.range(kFirst, last);
        if (!again || again->rows.size() != size_t(kDays * kTicketsADay)) {
            std::fprintf(stderr, "%s: the CSV's rows are wrong\n", engine);
            return false;
        }
        csvBytes = size_t(reportCsv(again->rows).size());
        csvMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const bench::Figures json = bench::figuresOf(jsonMs), csv = bench::figuresOf(csvMs), read = bench::figuresOf(readMs);
    std::printf("%-10s  reports/range 30 days JSON  median %7.1f ms  max %7.1f ms  (%zu bytes)\n", engine, json.median, json.max, jsonBytes);
    std::printf("%-10s  reports/range 30 days CSV   median %7.1f ms  max %7.1f ms  (%zu bytes)\n", engine, csv.median, csv.max, csvBytes);
    std::printf("%-10s    of which the store's read median %7.1f ms\n", engine, read.median);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.info=false\nhallkiosk.*.debug=false"));
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 5;
    const CatalogService catalog(benchCatalog());
    std::printf("bench_reports: %d days x %d tickets, %d windows, %d runs; %s\n", kDays, kTicketsADay, kWindows, runs,
                qPrintable(bench::machineLoad()));
    test::StoreEngines engines;
    if (QString error = engines.startPostgres(); !error.isEmpty()) {
        std::fprintf(stderr, "a private PostgreSQL is needed: %s\n", qPrintable(error));
        return 1;
    }
    bool ok = true;
    for (const char *engine : {"sqlite", "postgresql"}) {
        auto db = engines.fresh(QString::fromLatin1(engine));
        if (!db) {
            std::fprintf(stderr, "%s: %s\n", engine, qPrintable(engines.error()));
            return 1;
        }
        QElapsedTimer filling;
        filling.start();
        if (QString error = fill(*db); !error.isEmpty()) {
            std::fprintf(stderr, "%s: filling the month: %s\n", engine, qPrintable(error));
            return 1;
        }
        std::printf("%-10s  month written in %.1f s\n", engine, double(filling.elapsed()) / 1000.0);
        std::fflush(stdout);
        ok = measure(engine, *db, catalog, runs) && ok;
        std::fflush(stdout);
    }
    return ok ? 0 : 1;
}
