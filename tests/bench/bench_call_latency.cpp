// How long from a clerk's call-next to the hall seeing it: the terminal built by its composition
// root, the hallbus simulator on a pty (the real serial transport and master, polling its callers
// and evaluators as in a hall), a WebSocket client on /ws as the hall display. For each call:
// POST /api/v1/windows/3/call-next → (a) the SHOW frame with the number received by the board,
// (b) the `called` frame received by the display, (c) the HTTP answer. Prints medians and p99;
// asserts nothing about time (STYLE.md).
//
//   bench_call_latency [CALLS]   (default 200)
//
// A pty does not pace bytes at the line's baud rate: on a real 9600-baud RS-485 line the SHOW frame
// adds its wire time, printed beside the figures.

#include "app/config/config_loader.h"
#include "app/root/startup_files.h"
#include "app/root/terminal.h"
#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "db/stores/sql_queue_store.h"
#include "drivers/protocols/hallbus/hallbus_messages.h"
#include "drivers/sim/hallbus_simulator.h"
#include "tests/support/hall_clock.h"
#include "tests/support/hall_time.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimer>
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

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop; // a benchmark's own wait, never in the product
    QTimer poll;
    QElapsedTimer t;
    t.start();
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start(1);
    if (!done())
        loop.exec();
}

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "bench_call_latency: %s\n", qPrintable(why));
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.info=false\nhallkiosk.*.debug=false"));
    const int calls = argc > 1 ? std::max(10, atoi(argv[1])) : 200;

    QTemporaryDir dir;
    auto bus = HallbusSimulator::create().value();
    bus->addDevice(HallbusSimulator::Kind::Board, 3);
    bus->addDevice(HallbusSimulator::Kind::Caller, 103);
    bus->addDevice(HallbusSimulator::Kind::Evaluator, 203);
    bus->addDevice(HallbusSimulator::Kind::Board, 8);
    bus->addDevice(HallbusSimulator::Kind::Caller, 108);
    bus->addDevice(HallbusSimulator::Kind::Evaluator, 208);
    QFile staff(dir.filePath(QStringLiteral("staff.json")));
    staff.open(QIODevice::WriteOnly);
    staff.write(QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("S03")},
                                                     {QStringLiteral("windows"), QJsonArray{3}},
                                                     {QStringLiteral("pin_hash"), PinHasher::hash(QStringLiteral("1"), 1000)}}})
                    .toJson());
    staff.close();
    const QJsonObject busWindow3{{QStringLiteral("board"), 3}, {QStringLiteral("caller"), 103}, {QStringLiteral("evaluator"), 203}};
    const QJsonObject busWindow8{{QStringLiteral("board"), 8}, {QStringLiteral("caller"), 108}, {QStringLiteral("evaluator"), 208}};
    const QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), dir.filePath(QStringLiteral("hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")},
                                                {QStringLiteral("hallbus"), QStringLiteral("serial:%1").arg(bus->devicePath())}}},
        {QStringLiteral("hallbus"), QJsonObject{{QStringLiteral("windows"), QJsonObject{{QStringLiteral("3"), busWindow3}, {QStringLiteral("8"), busWindow8}}}}},
        {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), QString()}}},
        {QStringLiteral("staff_file"), staff.fileName()},
        {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 3600}}},
    };
    auto config = ConfigLoader::parse(QJsonDocument(json).toJson(), dir.path());
    if (!config)
        die(config.error().first().toString());
    const Catalog catalog = StartupFiles::catalog(config.value()).value();
    const auto hallClock = test::workingMorningClock(catalog); // no evening day close mid-run
    TerminalOptions options;
    options.clock = hallClock.get();
    Terminal terminal(config.value(), catalog, options);
    if (auto started = terminal.start(); !started)
        die(started.error().message);
    const quint16 port = terminal.httpPort();

    // The day's queue: one walk-in per call to come.
    {
        auto db = Database::open(dir.filePath(QStringLiteral("hallkiosk.db"))).value();
        SqlQueueStore store(*db);
        const QDateTime now = hallClock->now().toTimeZone(test::hallZone());
        const CivilDate today(now.date().year(), now.date().month(), now.date().day());
        for (int i = 0; i < calls; ++i) {
            if (!store.issueWalkIn({QStringLiteral("BDC"), 'B', today, now.addSecs(i - calls), QStringLiteral("T01"), 0}))
                die(QStringLiteral("cannot issue"));
        }
    }

    QNetworkAccessManager network;
    const auto post = [&](const QString &path, const QJsonObject &body, const QString &token) {
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        if (!token.isEmpty())
            r.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        return network.post(r, QJsonDocument(body).toJson());
    };
    QNetworkReply *signIn = post(QStringLiteral("/api/v1/session"),
                                 {{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")}, {QStringLiteral("pin"), QStringLiteral("1")}}, {});
    waitFor([&] { return signIn->isFinished(); }, 10000);
    const QString token = QJsonDocument::fromJson(signIn->readAll()).object().value(QStringLiteral("token")).toString();
    if (token.isEmpty())
        die(QStringLiteral("cannot sign in"));

    QWebSocket display;
    bool connected = false;
    QElapsedTimer clock;
    clock.start();
    qint64 started = 0, board = -1, shown = -1, answered = -1;
    QString expected;
    QObject::connect(&display, &QWebSocket::connected, [&] { connected = true; });
    QObject::connect(&display, &QWebSocket::textMessageReceived, [&](const QString &text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        if (frame.value(QStringLiteral("type")).toString() == QLatin1String("called") && !frame.value(QStringLiteral("replay")).toBool() &&
            frame.value(QStringLiteral("ticket")).toString() == expected && shown < 0)
            shown = clock.nsecsElapsed() / 1000;
    });
    QObject::connect(bus.get(), &HallbusSimulator::boardChanged, [&](int address, int line, const QString &text) {
        if (address == 3 && line == 0 && !expected.isEmpty() && text.startsWith(expected) && board < 0)
            board = clock.nsecsElapsed() / 1000;
    });
    display.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
    waitFor([&] { return connected; }, 10000);
    waitFor([] { return false; }, 500); // let the snapshot and the first polls pass

    std::vector<double> toBoard, toDisplay, toAnswer;
    for (int i = 1; i <= calls; ++i) {
        expected = QStringLiteral("B%1").arg(i, 3, 10, QLatin1Char('0'));
        board = shown = answered = -1;
        // Calls come at a clerk's pace, at a random point of the bus's polling cycle.
        waitFor([] { return false; }, 20 + (i * 37) % 300);
        started = clock.nsecsElapsed() / 1000;
        QNetworkReply *reply = post(QStringLiteral("/api/v1/windows/3/call-next"), {}, token);
        QObject::connect(reply, &QNetworkReply::finished, [&, reply] {
            answered = clock.nsecsElapsed() / 1000;
            reply->deleteLater();
        });
        waitFor([&] { return board >= 0 && shown >= 0 && answered >= 0; }, 5000);
        if (board < 0 || shown < 0 || answered < 0)
            die(QStringLiteral("call %1 (%2) never reached the board or the display").arg(i).arg(expected));
        toBoard.push_back(double(board - started) / 1000.0);
        toDisplay.push_back(double(shown - started) / 1000.0);
        toAnswer.push_back(double(answered - started) / 1000.0);
    }
    const QByteArray frame = encodeHallbusFrame(HallbusMessages::show(3, 0, hallbus::Effect::Blink, QStringLiteral("B001 请到3号窗口")));
    const Stats b = stats(toBoard), d = stats(toDisplay), a = stats(toAnswer);
    std::printf("call-next latency over %d calls (ms; median / p99 / max), hallbus on a pty polling 4 devices every 300 ms:\n", calls);
    std::printf("  call-next -> board SHOW frame received:      %6.1f / %6.1f / %6.1f\n", b.median, b.p99, b.max);
    std::printf("  call-next -> display 'called' frame (/ws):    %6.1f / %6.1f / %6.1f\n", d.median, d.p99, d.max);
    std::printf("  call-next -> HTTP answer:                    %6.1f / %6.1f / %6.1f\n", a.median, a.p99, a.max);
    const QByteArray poll = encodeHallbusFrame(HallbusMessages::poll(103, 0)) + encodeHallbusFrame(HallbusMessages::pollReply(103, hallbus::Status::Ok, {}));
    std::printf("  on a real 9600-baud line add the %lld-byte SHOW frame's %.1f ms of wire time, and up to %.1f ms for a POLL\n"
                "  already on the line (or %.0f ms if it is waiting on a silent device's first reply deadline)\n",
                qint64(frame.size()), double(frame.size()) * 10 * 1000 / 9600, double(poll.size()) * 10 * 1000 / 9600, 100 + 7.0 * 10 * 1000 / 9600);
    return 0;
}
