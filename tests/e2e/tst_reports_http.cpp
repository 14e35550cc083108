// The reports' routes (DESIGN §13) on the terminal built by its composition root, its real HTTP server
// on a loopback port, over the SQLite file the hand-made day (tests/support/report_day.h) was written
// into: who may read them (a supervisor; a clerk or a technician 403, nobody 401), the JSON of a day
// and of a span, the CSV (BOM, header, a row a ticket, times with the hall's offset, nothing
// personal), refusals of bad input, and the same answers after the terminal restarts.

#include "app/root/terminal.h"
#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/report_day.h"
#include "tests/support/test_platform.h"
#include "tests/support/window_three.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;
using test::Reply;
using test::request;

namespace {

struct RawReply {
    int status = 0;
    QByteArray contentType;
    QByteArray disposition;
    QByteArray body;
};

RawReply get(quint16 port, const QString &pathAndQuery, const QString &token)
{
    QNetworkAccessManager network;
    QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(pathAndQuery)));
    if (!token.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    const std::unique_ptr<QNetworkReply> reply(network.get(r));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 20000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->rawHeader("Content-Type"),
            reply->rawHeader("Content-Disposition"), reply->readAll()};
}

} // namespace

class TestReportsHttp : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    test::TestPlatform m_platform;
    QJsonObject m_config;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<Terminal> m_terminal;
    quint16 m_port = 0;
    QString m_supervisor;

    void start()
    {
        auto terminal = test::startTerminal(m_config, m_dir.path(), *m_clock);
        QVERIFY2(terminal.ok(), qPrintable(terminal ? QString() : terminal.error()));
        m_terminal = std::move(terminal).value();
        m_port = m_terminal->httpPort();
    }

    QString signIn(const char *staffId, std::optional<int> window = std::nullopt)
    {
        QJsonObject body{{QStringLiteral("staff_id"), QString::fromLatin1(staffId)}, {QStringLiteral("pin"), QStringLiteral("3690")}};
        if (window)
            body.insert(QStringLiteral("window"), *window);
        const Reply r = test::signInRequest(m_port, body);
        return r.status == 200 ? r.body.object().value(QStringLiteral("token")).toString() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString dbPath = m_dir.filePath(QStringLiteral("hallkiosk.db"));
        {
            auto db = Database::open(dbPath);
            QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
            for (const CivilDate &day : {CivilDate(2026, 11, 24), CivilDate(2026, 11, 25)}) {
                test::ReportDay written(*db.value(), day);
                QVERIFY2(written.error().isEmpty(), qPrintable(written.error()));
            }
        }
        const QString staffFile = test::writeWindowThreeClerk(m_dir.path(), PinHasher::hash(QStringLiteral("3690"), 1000));
        QVERIFY(!staffFile.isEmpty());
        m_config = test::simTerminalConfig(dbPath, staffFile);
        m_config.insert(QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), m_platform.publicKeyFile(m_dir.path())},
                                                                {QStringLiteral("match_key_file"), m_platform.matchKeyFile(m_dir.path())}});
        m_clock = test::workingMorningClock(test::demoCatalog());
        start();
        m_supervisor = signIn("SV1");
        QVERIFY(!m_supervisor.isEmpty());
    }

    void onlyASupervisorReadsReports()
    {
        const QString clerk = signIn("S03", 3);
        const QString technician = signIn("T01");
        QVERIFY(!clerk.isEmpty() && !technician.isEmpty());
        for (const QString &path : {QStringLiteral("/api/v1/reports/day?date=2026-11-24"),
                                    QStringLiteral("/api/v1/reports/range?from=2026-11-24&to=2026-11-25"),
                                    QStringLiteral("/api/v1/reports/day?date=2026-11-24&format=csv")}) {
            QCOMPARE(get(m_port, path, m_supervisor).status, 200);
            for (const QString &token : {clerk, technician}) {
                const RawReply r = get(m_port, path, token);
                QCOMPARE(r.status, 403);
                QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString(), QStringLiteral("forbidden"));
            }
            QCOMPARE(get(m_port, path, QString()).status, 401);
            QCOMPARE(get(m_port, path, QStringLiteral("not-a-token")).status, 401);
        }
    }

    void dayAndRangeAsJson()
    {
        const QJsonObject day = QJsonDocument::fromJson(get(m_port, QStringLiteral("/api/v1/reports/day?date=2026-11-24"), m_supervisor).body).object();
        QCOMPARE(day.value(QStringLiteral("date")).toString(), QStringLiteral("2026-11-24"));
        QCOMPARE(day.value(QStringLiteral("walkin")).toObject().value(QStringLiteral("issued")).toInt(), 6);
        QCOMPARE(day.value(QStringLiteral("booked")).toObject().value(QStringLiteral("wait_avg_s")).toInt(), 1300);
        QCOMPARE(day.value(QStringLiteral("handling")).toObject().value(QStringLiteral("avg_s")).toInt(), 1482);
        // Its two 差评 opened two cases, never contacted: overdue on any day after the 25th, as the
        // terminal's working morning is.
        const QJsonObject complaints = day.value(QStringLiteral("complaints")).toObject();
        QCOMPARE(complaints.value(QStringLiteral("opened")).toInt(), 2);
        QCOMPARE(complaints.value(QStringLiteral("open")).toInt(), 2);
        QCOMPARE(complaints.value(QStringLiteral("overdue")).toInt(), 2);
        QCOMPARE(complaints.value(QStringLiteral("closed")).toInt(), 0);

        const QJsonObject range =
            QJsonDocument::fromJson(get(m_port, QStringLiteral("/api/v1/reports/range?from=2026-11-24&to=2026-11-25"), m_supervisor).body).object();
        QCOMPARE(range.value(QStringLiteral("days")).toArray().size(), 2);
        QCOMPARE(range.value(QStringLiteral("days")).toArray().at(0).toObject(), day);
        QCOMPARE(range.value(QStringLiteral("walkin")).toObject().value(QStringLiteral("issued")).toInt(), 12);
        QCOMPARE(range.value(QStringLiteral("ratings")).toObject().value(QStringLiteral("count")).toInt(), 16);
        QCOMPARE(range.value(QStringLiteral("bookings")).toObject().value(QStringLiteral("no_show")).toInt(), 2);
    }

    void csvHasOneRowATicketAndNothingPersonal()
    {
        const RawReply r = get(m_port, QStringLiteral("/api/v1/reports/day?date=2026-11-24&format=csv"), m_supervisor);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.contentType.startsWith("text/csv"), r.contentType.constData());
        QVERIFY2(r.disposition.contains("report-2026-11-24.csv"), r.disposition.constData());
        QVERIFY(r.body.startsWith("\xEF\xBB\xBF"));
        const QStringList lines = QString::fromUtf8(r.body.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("number,kind,group,state,issued_at,called_at,finished_at,window,wait_s,handling_s,rating,rating_channel"));
        QCOMPARE(lines.size(), 1 + 12);
        QVERIFY2(lines.contains(QStringLiteral("A003,walkin,SB,served,2026-11-24T11:40:00+08:00,2026-11-24T13:10:00+08:00,"
                                               "2026-11-24T13:30:00+08:00,1,1800,1200,2,console")),
                 qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY(lines.contains(QStringLiteral("B002,walkin,BDC,expired,2026-11-24T16:30:00+08:00,,,,,,,")));
        QVERIFY(lines.contains(QStringLiteral("Y006,booked,SB,served,2026-11-24T15:50:00+08:00,2026-11-24T16:05:00+08:00,"
                                              "2026-11-24T17:00:00+08:00,8,300,3300,,")));
        // No booking ids, ID digests or masked names: only the twelve columns of the header.
        QVERIFY(!r.body.contains("BK-"));
        QVERIFY(!r.body.contains("digest"));
        for (const QString &line : lines)
            QCOMPARE(line.count(QLatin1Char(',')), 11);

        const RawReply range = get(m_port, QStringLiteral("/api/v1/reports/range?from=2026-11-24&to=2026-11-25&format=csv"), m_supervisor);
        QCOMPARE(range.status, 200);
        QVERIFY(range.disposition.contains("report-2026-11-24-2026-11-25.csv"));
        QCOMPARE(QString::fromUtf8(range.body.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts).size(), 1 + 24);
    }

    void badInputIsRefusedClearly_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("no date") << QStringLiteral("day") << QStringLiteral("date");
        QTest::newRow("not a date") << QStringLiteral("day?date=24.11.2026") << QStringLiteral("date");
        QTest::newRow("no such day") << QStringLiteral("day?date=2026-02-30") << QStringLiteral("date");
        QTest::newRow("no to") << QStringLiteral("range?from=2026-11-24") << QStringLiteral("to");
        QTest::newRow("from after to") << QStringLiteral("range?from=2026-11-25&to=2026-11-24") << QStringLiteral("to");
        QTest::newRow("over 366 days") << QStringLiteral("range?from=2025-01-01&to=2026-01-02") << QStringLiteral("to");
        QTest::newRow("bad format") << QStringLiteral("day?date=2026-11-24&format=xls") << QStringLiteral("format");
    }

    void badInputIsRefusedClearly()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const RawReply r = get(m_port, QStringLiteral("/api/v1/reports/") + query, m_supervisor);
        QCOMPARE(r.status, 400);
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));
        QCOMPARE(body.value(QStringLiteral("field")).toString(), field);
        QVERIFY(!body.value(QStringLiteral("message")).toString().isEmpty());
        qInfo().noquote() << body.value(QStringLiteral("message")).toString();
    }

    void sameAfterARestart()
    {
        const QByteArray before = get(m_port, QStringLiteral("/api/v1/reports/range?from=2026-11-24&to=2026-11-25"), m_supervisor).body;
        const QByteArray csvBefore = get(m_port, QStringLiteral("/api/v1/reports/day?date=2026-11-25&format=csv"), m_supervisor).body;
        m_terminal.reset();
        start();
        m_supervisor = signIn("SV1");
        QCOMPARE(QJsonDocument::fromJson(get(m_port, QStringLiteral("/api/v1/reports/range?from=2026-11-24&to=2026-11-25"), m_supervisor).body),
                 QJsonDocument::fromJson(before));
        QCOMPARE(get(m_port, QStringLiteral("/api/v1/reports/day?date=2026-11-25&format=csv"), m_supervisor).body, csvBefore);
    }
};

QTEST_MAIN(TestReportsHttp)
#include "tst_reports_http.moc"
