// How long a call made through one terminal of a hall takes to reach another terminal's screens
// (DESIGN §11, "Live": within 200 ms): a private PostgreSQL and two real `hallkiosk` processes on it,
// A and B. The clerk at window 3 calls next through B's HTTP API; a QWebSocket client on A's `/ws`
// (as A's display page and consoles are) waits for the `called` frame with that number. For each
// call: POST → the frame on A, and POST → B's HTTP answer. Prints the median, p99 and maximum in ms
// beside the DESIGN's bound; asserts nothing about time (STYLE.md).
//
//   bench_hall_ws_latency [CALLS]   (default 200)

#include "db/database.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/hall_terminal.h"
#include "tests/support/hall_time.h"
#include "tests/support/private_hall.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace hk;

namespace {

struct Stats {
    double median, p99, max;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, size_t(double(v.size()) * 0.99))], v.back()};
}

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "bench_hall_ws_latency: %s\n", qPrintable(why));
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.info=false\nhallkiosk.*.debug=false"));
    const int calls = argc > 1 ? std::max(10, QByteArray(argv[1]).toInt()) : 200;

    test::PrivatePostgres pg;
    if (const QString started = pg.start(); !started.isEmpty())
        die(QStringLiteral("cannot start PostgreSQL: ") + started);
    QTemporaryDir dir;
    test::HallTerminal a(dir.filePath(QStringLiteral("a")), QStringLiteral("T01"), 1, pg.uri(), pg.passwordFile());
    test::HallTerminal b(dir.filePath(QStringLiteral("b")), QStringLiteral("T02"), 2, pg.uri(), pg.passwordFile());
    if (!a.start())
        die(QStringLiteral("terminal A did not start: ") + a.log().right(2000));
    if (!b.start())
        die(QStringLiteral("terminal B did not start: ") + b.log().right(2000));

    // The day's queue at window 3 (group BDC): one walk-in per call to come, issued in the hall
    // before the calls, on the terminals' working morning.
    {
        auto db = Database::openHall(test::hallConnectionOf(pg, QStringLiteral("BENCH")), QStringLiteral("SQ-001"));
        if (!db)
            die(db.error().detail);
        SqlQueueStore store(*db.value());
        const QDateTime now = QDateTime::currentDateTimeUtc().addMSecs(test::hallMorningOffsetMs()).toTimeZone(test::hallZone());
        const CivilDate today(now.date().year(), now.date().month(), now.date().day());
        for (int i = 0; i < calls; ++i) {
            auto issued = store.issueWalkIn({QStringLiteral("BDC"), 'B', today, now.addSecs(i - calls), QStringLiteral("T02"), 0});
            if (!issued)
                die(QStringLiteral("cannot issue: ") + issued.error().detail);
        }
    }
    const QString token = b.signIn(3);
    if (token.isEmpty())
        die(QStringLiteral("cannot sign in at terminal B"));

    QElapsedTimer clock;
    clock.start();
    QWebSocket display;
    bool connected = false;
    qint64 shown = -1, answered = -1;
    QString expected;
    QObject::connect(&display, &QWebSocket::connected, [&] { connected = true; });
    QObject::connect(&display, &QWebSocket::textMessageReceived, [&](const QString &text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        if (frame.value(QStringLiteral("type")).toString() == QLatin1String("called") && !frame.value(QStringLiteral("replay")).toBool() &&
            frame.value(QStringLiteral("ticket")).toString() == expected && shown < 0)
            shown = clock.nsecsElapsed() / 1000;
    });
    display.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(a.port())));
    if (!QTest::qWaitFor([&] { return connected; }, 10000))
        die(QStringLiteral("A's /ws does not connect"));
    QTest::qWait(500); // the snapshot and the first reports pass

    QNetworkAccessManager network;
    std::vector<double> toOther, toAnswer;
    for (int i = 1; i <= calls; ++i) {
        expected = QStringLiteral("B%1").arg(i, 3, 10, QLatin1Char('0'));
        shown = answered = -1;
        QTest::qWait(20 + (i * 37) % 100); // calls at a clerk's pace, at varied moments
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/windows/3/call-next").arg(b.port())));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        r.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        const qint64 started = clock.nsecsElapsed() / 1000;
        QNetworkReply *reply = network.post(r, QByteArray("{}"));
        QObject::connect(reply, &QNetworkReply::finished, [&, reply] {
            answered = clock.nsecsElapsed() / 1000;
            reply->deleteLater();
        });
        if (!QTest::qWaitFor([&] { return shown >= 0 && answered >= 0; }, 10000))
            die(QStringLiteral("call %1 (%2) never reached terminal A's /ws").arg(i).arg(expected));
        toOther.push_back(double(shown - started) / 1000.0);
        toAnswer.push_back(double(answered - started) / 1000.0);
    }
    const Stats o = stats(toOther), h = stats(toAnswer);
    std::printf("call-next through terminal B -> terminal A, %d calls, two hallkiosk processes on one PostgreSQL (ms; median / p99 / max):\n",
                calls);
    std::printf("  B's HTTP POST -> 'called' frame on A's /ws:  %6.1f / %6.1f / %6.1f   (DESIGN §11 bound: 200 ms)\n", o.median, o.p99, o.max);
    std::printf("  B's HTTP POST -> B's HTTP answer:            %6.1f / %6.1f / %6.1f\n", h.median, h.p99, h.max);
    a.stop();
    b.stop();
    return 0;
}
