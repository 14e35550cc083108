// Sign-in and ratings over the terminal's HTTP interface (DESIGN §16, §7): the terminal built by
// its composition root, its real HTTP server on a loopback port, on a clock the test holds still
// and moves (so "the same second" and "ten minutes later" are the test's to say, never measured).
// The sixth try in a second from an address gets 429 rate_limited with Retry-After; a token of
// scope `rating` rates its window's last finished ticket (channel rate_page) and gets 403 on every
// other route; a clerk's full token rates with channel console; an older ticket gets 409
// not_last_ticket and a ticket finished over 10 minutes ago 409 rating_too_late.

#include "app/root/terminal.h"
#include "app/services/catalog_service.h"
#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/sql_values.h"
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

QString errorOf(const Reply &r)
{
    return r.body.object().value(QStringLiteral("error")).toString();
}

} // namespace

class TestSignInHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString staffFile = test::writeWindowThreeClerk(m_dir.path(), PinHasher::hash(QStringLiteral("369012"), 1000));
        QVERIFY(!staffFile.isEmpty());
        const QJsonObject json = test::simTerminalConfig(m_dir.filePath(QStringLiteral("hallkiosk.db")), staffFile);
        m_clock = std::make_unique<test::FakeClock>(
            QDateTime::currentDateTimeUtc().addMSecs(test::workingMorningOffsetMs(test::demoCatalog())));
        auto terminal = test::startTerminal(json, m_dir.path(), *m_clock);
        QVERIFY2(terminal.ok(), qPrintable(terminal ? QString() : terminal.error()));
        m_terminal = std::move(terminal).value();
        m_port = m_terminal->httpPort();
        m_db = Database::open(m_dir.filePath(QStringLiteral("hallkiosk.db"))).value();
    }

    void theSixthTryInASecondIsRateLimited()
    {
        m_clock->advanceSecs(5);
        const QJsonObject wrong{{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("nobody")},
                                {QStringLiteral("pin"), QStringLiteral("000000")}};
        for (int i = 0; i < 5; ++i)
            QCOMPARE(errorOf(request(m_port, "POST", QStringLiteral("/api/v1/session"), wrong)), QStringLiteral("bad_credentials"));
        // The sixth, with the right PIN even: 429 before any hashing.
        QNetworkAccessManager network;
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/session").arg(m_port)));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        const QJsonObject right{{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")},
                                {QStringLiteral("pin"), QStringLiteral("369012")}};
        const std::unique_ptr<QNetworkReply> reply(network.post(r, QJsonDocument(right).toJson()));
        QVERIFY(QTest::qWaitFor([&reply] { return reply->isFinished(); }, 10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
        QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("1"));
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("rate_limited"));
        QCOMPARE(body.value(QStringLiteral("retry_after_s")).toInt(), 1);
        QVERIFY(!body.value(QStringLiteral("message")).toString().isEmpty());
        // Unknown ids left no rows behind.
        QCOMPARE(test::scalar(*m_db, QStringLiteral("SELECT COUNT(*) FROM staff_signin")), QStringLiteral("0"));
        m_clock->advanceSecs(1);
        QCOMPARE(request(m_port, "POST", QStringLiteral("/api/v1/session"), right).status, 200);
    }

    void aRatingTokenRatesTheLastTicketAndNothingElse()
    {
        m_clock->advanceSecs(5);
        const CatalogService catalog(test::demoCatalog());
        const CivilDate today = catalog.centerTime().dateOf(m_clock->now());
        SqlQueueStore queue(*m_db);
        for (int i = 0; i < 3; ++i)
            QVERIFY(queue.issueWalkIn(WalkInRequest{QStringLiteral("BDC"), 'B', today, m_clock->now(), QStringLiteral("T02"), 0}));
        const QString clerk = signIn(QJsonValue::Undefined);
        QVERIFY(!clerk.isEmpty());
        Reply r = request(m_port, "POST", QStringLiteral("/api/v1/session"),
                          {{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")},
                           {QStringLiteral("pin"), QStringLiteral("369012")}, {QStringLiteral("scope"), QStringLiteral("rating")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.object().value(QStringLiteral("scope")).toString(), QStringLiteral("rating"));
        const QString tablet = r.body.object().value(QStringLiteral("token")).toString();
        QVERIFY(!tablet.isEmpty());
        r = request(m_port, "POST", QStringLiteral("/api/v1/session"),
                    {{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")},
                     {QStringLiteral("pin"), QStringLiteral("369012")}, {QStringLiteral("scope"), QStringLiteral("all")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body.object().value(QStringLiteral("field")).toString(), QStringLiteral("scope"));

        // Every other route: 403 forbidden.
        for (const auto &[method, path] : std::initializer_list<std::pair<QByteArray, QString>>{
                 {"GET", QStringLiteral("/api/v1/windows")},
                 {"GET", QStringLiteral("/api/v1/queue")},
                 {"POST", QStringLiteral("/api/v1/windows/3/call-next")},
                 {"POST", QStringLiteral("/api/v1/windows/3/pause")},
                 {"POST", QStringLiteral("/api/v1/help/nope/take")},
                 {"GET", QStringLiteral("/api/v1/complaints")},
                 {"GET", QStringLiteral("/api/v1/reports/day")}}) {
            const Reply refused = request(m_port, method, path, {}, tablet);
            QVERIFY2(refused.status == 403 && errorOf(refused) == QLatin1String("forbidden"),
                     qPrintable(QStringLiteral("%1 %2: %3 %4").arg(QString::fromLatin1(method), path).arg(refused.status).arg(errorOf(refused))));
        }

        // B001 served; the tablet rates it: channel rate_page.
        QVERIFY(serveNext(clerk));
        r = rate(QStringLiteral("B001"), 5, tablet);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body.object().value(QStringLiteral("channel")).toString(), QStringLiteral("rate_page"));
        // B002 served: B001 is no longer the last; the clerk's own full token rates B002 as console.
        QVERIFY(serveNext(clerk));
        r = rate(QStringLiteral("B001"), 4, clerk);
        QCOMPARE(r.status, 409);
        QCOMPARE(errorOf(r), QStringLiteral("not_last_ticket"));
        r = rate(QStringLiteral("B002"), 4, clerk);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body.object().value(QStringLiteral("channel")).toString(), QStringLiteral("console"));
        // B003 served, then 11 minutes pass: too late.
        QVERIFY(serveNext(clerk));
        m_clock->advanceSecs(11 * 60);
        r = rate(QStringLiteral("B003"), 5, tablet);
        QCOMPARE(r.status, 409);
        QCOMPARE(errorOf(r), QStringLiteral("rating_too_late"));

        const QString channels = test::scalar(*m_db, QStringLiteral("SELECT group_concat(channel, ',') FROM (SELECT channel FROM ratings ORDER BY seq)"));
        QCOMPARE(channels, QStringLiteral("rate_page,console"));

        // A rating token may end itself.
        QCOMPARE(request(m_port, "DELETE", QStringLiteral("/api/v1/session"), {}, tablet).status, 204);
        QCOMPARE(rate(QStringLiteral("B003"), 5, tablet).status, 401);
    }

private:
    QString signIn(QJsonValue scope)
    {
        QJsonObject body{{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")}, {QStringLiteral("pin"), QStringLiteral("369012")}};
        if (!scope.isUndefined())
            body.insert(QStringLiteral("scope"), scope);
        return request(m_port, "POST", QStringLiteral("/api/v1/session"), body).body.object().value(QStringLiteral("token")).toString();
    }
    bool serveNext(const QString &clerk)
    {
        return request(m_port, "POST", QStringLiteral("/api/v1/windows/3/call-next"), {}, clerk).status == 200
               && request(m_port, "POST", QStringLiteral("/api/v1/windows/3/finish"), {}, clerk).status == 200;
    }
    Reply rate(const QString &ticket, int level, const QString &token)
    {
        return request(m_port, "POST", QStringLiteral("/api/v1/windows/3/rating"), {{QStringLiteral("ticket"), ticket}, {QStringLiteral("level"), level}}, token);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<test::FakeClock> m_clock;
    std::unique_ptr<Terminal> m_terminal;
    std::unique_ptr<Database> m_db;
    quint16 m_port = 0;
};

QTEST_MAIN(TestSignInHttp)
#include "tst_sign_in_http.moc"
