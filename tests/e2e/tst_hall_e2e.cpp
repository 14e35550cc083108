// End to end, in process, through the window bus: the terminal built by its composition root with
// the hallbus simulator on a real pseudo-terminal (the real serial transport and master), the real
// HTTP server on a loopback port, espeak-ng for the voice. A full cycle: a booking's QR code
// scanned on the simulated scanner and checked in (a priority ticket printed) → the caller's
// key calls → the board shows → the voice says it (a WAV made) → finish → the evaluator rates →
// the rating is stored and queued for the platform. Then the devices going silent and coming back.

#include "app/root/terminal.h"
#include "app/services/hall/announcement_service.h"
#include "app/services/health_service.h"
#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "drivers/protocols/wav/wav_audio.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/sql_values.h"
#include "tests/support/test_platform.h"
#include "tests/support/window_three.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;
using test::Reply;
using test::request;

class TestHallE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_printer = PrinterSimulator::create().value();
        m_scanner = ScannerSimulator::create().value();
        m_bus = HallbusSimulator::create().value();
        m_bus->addDevice(HallbusSimulator::Kind::Board, 3);
        m_bus->addDevice(HallbusSimulator::Kind::Caller, 103);
        m_bus->addDevice(HallbusSimulator::Kind::Evaluator, 203);
        const QString staffFile = test::writeWindowThreeClerk(m_dir.path(), PinHasher::hash(QStringLiteral("3690"), 1000));
        QVERIFY(!staffFile.isEmpty());
        QJsonObject bus = test::windowThreeBus();
        bus.insert(QStringLiteral("poll_interval_ms"), 100);
        const QJsonObject json{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
            {QStringLiteral("database"), m_dir.filePath(QStringLiteral("hallkiosk.db"))},
            {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(m_printer->devicePath())},
                                                    {QStringLiteral("scanner"), QStringLiteral("serial:%1?baud=9600&suffix=cr").arg(m_scanner->devicePath())},
                                                    {QStringLiteral("hallbus"), QStringLiteral("serial:%1").arg(m_bus->devicePath())}}},
            {QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), m_platform.publicKeyFile(m_dir.path())},
                                                     {QStringLiteral("match_key_file"), m_platform.matchKeyFile(m_dir.path())}}},
            {QStringLiteral("hallbus"), bus},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), QString()}}},
            {QStringLiteral("staff_file"), staffFile},
            {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 3600}}},
        };
        m_clock = test::workingMorningClock(test::demoCatalog());
        auto terminal = test::startTerminal(json, m_dir.path(), *m_clock);
        QVERIFY2(terminal.ok(), qPrintable(terminal ? QString() : terminal.error()));
        m_terminal = std::move(terminal).value();
        m_port = m_terminal->httpPort();
        QTRY_COMPARE(m_bus->boardLine(3, 0), QStringLiteral("3号窗口")); // the board is brought up at start
        m_db = Database::open(m_dir.filePath(QStringLiteral("hallkiosk.db"))).value();
    }

    void fullCycleThroughTheWindowDevices()
    {
        QSignalSpy announced(&m_terminal->announcer(), &AnnouncementService::announced);
        // Check in: the citizen scans her booking's code (its slot began five minutes ago).
        QTRY_COMPARE_WITH_TIMEOUT(m_terminal->health().deviceHealth(QStringLiteral("scanner")).state, DeviceHealth::State::Ok, 20000);
        QVERIFY(m_scanner->send(m_platform.code(QStringLiteral("BK-E2E-1"), m_clock->now().addSecs(-5 * 60), "BDC-001")));
        QTRY_COMPARE_WITH_TIMEOUT(m_printer->tickets().size(), 1, 10000);
        QVERIFY2(m_printer->tickets().first().text.contains(QStringLiteral("预约优先")), qPrintable(m_printer->tickets().first().text));
        QVERIFY(m_printer->tickets().first().text.contains(QStringLiteral("Y001")));
        const QString ticketId = scalar(QStringLiteral("SELECT id FROM tickets WHERE number = 'Y001'"));
        QCOMPARE(scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'BK-E2E-1'")), QStringLiteral("checked_in"));

        m_bus->press(103, CallerKey::CallNext);
        QTRY_COMPARE(m_bus->boardLine(3, 0), QStringLiteral("Y001 请到3号窗口"));
        QTRY_COMPARE(announced.size(), 1);
        QCOMPARE(announced.first().at(0).toString(), QStringLiteral("请 Y001 号 到 3号窗口 办理"));
        const QString wavPath = announced.first().at(1).toString();
        QFile wav(wavPath);
        QVERIFY2(wav.open(QIODevice::ReadOnly), qPrintable(wavPath));
        auto audio = WavAudio::parse(wav.readAll());
        QVERIFY(audio.ok());
        // The chime (0.9 s) and a pause, then at least a second of speech.
        QVERIFY2(audio->seconds() > 2.0, qPrintable(QString::number(audio->seconds())));

        m_bus->press(103, CallerKey::Recall); // repeats the announcement
        QTRY_COMPARE(announced.size(), 2);
        QCOMPARE(announced.last().at(0).toString(), QStringLiteral("请 Y001 号 到 3号窗口 办理"));

        m_bus->press(103, CallerKey::BookingMode); // while serving: after this ticket
        m_bus->press(103, CallerKey::Finish);
        QTRY_COMPARE(m_bus->boardLine(3, 1), QStringLiteral("预约办理"));
        QTRY_COMPARE(m_bus->boardLine(3, 0), QStringLiteral("3号窗口"));
        QTRY_COMPARE(m_bus->lastRate(203), QStringLiteral("Y001"));
        m_bus->rate(203, 2); // 不满意 from a device that cannot take a reason
        QTRY_COMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ratings")), 1);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT level, follow_up, channel, window_number, ticket_id FROM ratings")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toString(), QStringLiteral("evaluator"));
        QCOMPARE(q.value(3).toInt(), 3);
        QCOMPARE(q.value(4).toString(), ticketId);
        q.finish(); // an open query would hold its read snapshot and hide what comes next
        // A second press of the evaluator for the same ticket is ignored.
        m_bus->rate(203, 5);
        QTRY_COMPARE(m_bus->pendingEvents(203), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ratings")), 1);

        // Everything waits in the outbox for the platform, each fact once.
        for (const char *type : {"booking_checked_in", "ticket_issued", "ticket_called", "ticket_recalled", "ticket_served",
                                 "window_mode_changed", "rating"})
            QVERIFY2(count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = '%1' AND state = 'pending'").arg(QLatin1String(type))) == 1, type);
        QVERIFY(QJsonDocument::fromJson(scalar(QStringLiteral("SELECT data FROM outbox WHERE type = 'rating'")).toUtf8())
                    .object()
                    .value(QStringLiteral("follow_up"))
                    .toBool());
    }

    void consoleSeesTheDevicesAndTheirOutages()
    {
        const Reply signIn = request(m_port, "POST", QStringLiteral("/api/v1/session"),
                                     {{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")}, {QStringLiteral("pin"), QStringLiteral("3690")}});
        QCOMPARE(signIn.status, 200);
        const QString token = signIn.body.object().value(QStringLiteral("token")).toString();
        const auto window3 = [&] {
            for (const QJsonValue &w : request(m_port, "GET", QStringLiteral("/api/v1/windows"), {}, token).body.array()) {
                if (w.toObject().value(QStringLiteral("number")).toInt() == 3)
                    return w.toObject();
            }
            return QJsonObject();
        };
        QCOMPARE(window3().value(QStringLiteral("mode")).toString(), QStringLiteral("booking"));
        QCOMPARE(window3().value(QStringLiteral("devices")).toObject().value(QStringLiteral("caller")).toString(), QStringLiteral("ok"));
        m_bus->setSilent(103, true);
        QTRY_COMPARE_WITH_TIMEOUT(window3().value(QStringLiteral("devices")).toObject().value(QStringLiteral("caller")).toString(),
                                  QStringLiteral("offline"), 5000);
        const QJsonObject health = request(m_port, "GET", QStringLiteral("/api/v1/health")).body.object();
        QCOMPARE(health.value(QStringLiteral("devices")).toObject().value(QStringLiteral("hallbus")).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("warning"));
        bool listed = false;
        for (const QJsonValue &d : health.value(QStringLiteral("hallbus_devices")).toArray())
            listed |= d.toObject().value(QStringLiteral("address")).toInt() == 103 && d.toObject().value(QStringLiteral("state")).toString() == QLatin1String("offline");
        QVERIFY(listed);
        m_bus->setSilent(103, false);
        QTRY_COMPARE_WITH_TIMEOUT(window3().value(QStringLiteral("devices")).toObject().value(QStringLiteral("caller")).toString(),
                                  QStringLiteral("ok"), 8000);
        // And the caller works again without a restart.
        m_bus->press(103, CallerKey::NormalMode);
        QTRY_COMPARE(window3().value(QStringLiteral("mode")).toString(), QStringLiteral("normal"));
        QTRY_COMPARE(m_bus->boardLine(3, 1), QString());
    }

    void rolesAreCheckedOnEveryRoute()
    {
        // DESIGN §7, §13: a supervisor signs in without a window and acts on every window; a clerk
        // needs one; a technician acts on none and reads no queue.
        const auto signIn = [&](const char *id, QJsonValue window) {
            QJsonObject body{{QStringLiteral("staff_id"), QString::fromLatin1(id)}, {QStringLiteral("pin"), QStringLiteral("3690")}};
            if (!window.isUndefined())
                body.insert(QStringLiteral("window"), window);
            return test::signInRequest(m_port, body);
        };
        Reply r = signIn("S03", QJsonValue::Undefined);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body.object().value(QStringLiteral("error")).toString(), QStringLiteral("window_required"));
        r = signIn("S03", 3);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.object().value(QStringLiteral("role")).toString(), QStringLiteral("clerk"));
        QCOMPARE(r.body.object().value(QStringLiteral("windows")).toArray(), QJsonArray{3});
        const QString clerk = r.body.object().value(QStringLiteral("token")).toString();

        r = signIn("SV1", QJsonValue::Undefined);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.object().value(QStringLiteral("role")).toString(), QStringLiteral("supervisor"));
        QVERIFY(r.body.object().value(QStringLiteral("window")).isNull());
        const QJsonArray all = r.body.object().value(QStringLiteral("windows")).toArray();
        QVERIFY2(all.size() >= 3 && all.contains(3) && all.contains(1), QJsonDocument(all).toJson().constData());
        const QString supervisor = r.body.object().value(QStringLiteral("token")).toString();
        QVERIFY(signIn("SV1", 3).body.object().value(QStringLiteral("window")).isNull()); // a window sent is ignored
        // Every window's actions, and the whole hall's state.
        for (const QJsonValue &w : all) {
            const QString path = QStringLiteral("/api/v1/windows/%1/").arg(w.toInt());
            r = request(m_port, "POST", path + QStringLiteral("pause"), {}, supervisor);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body.object().value(QStringLiteral("mode")).toString(), QStringLiteral("paused"));
            QCOMPARE(request(m_port, "POST", path + QStringLiteral("resume"), {}, supervisor).status, 200);
        }
        QCOMPARE(request(m_port, "GET", QStringLiteral("/api/v1/windows"), {}, supervisor).body.array().size(), all.size());
        QCOMPARE(request(m_port, "GET", QStringLiteral("/api/v1/queue"), {}, supervisor).status, 200);
        // The clerk stays at her window.
        r = request(m_port, "POST", QStringLiteral("/api/v1/windows/1/pause"), {}, clerk);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.body.object().value(QStringLiteral("error")).toString(), QStringLiteral("wrong_window"));

        r = signIn("T01", QJsonValue::Undefined);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.object().value(QStringLiteral("role")).toString(), QStringLiteral("technician"));
        QCOMPARE(r.body.object().value(QStringLiteral("windows")).toArray(), QJsonArray());
        const QString technician = r.body.object().value(QStringLiteral("token")).toString();
        for (const auto &[method, path] : {std::pair{"POST", "/api/v1/windows/3/call-next"}, std::pair{"POST", "/api/v1/windows/3/pause"},
                                           std::pair{"GET", "/api/v1/queue"}, std::pair{"GET", "/api/v1/windows"},
                                           std::pair{"POST", "/api/v1/help/x/take"}}) {
            r = request(m_port, method, QString::fromLatin1(path), {}, technician);
            QVERIFY2(r.status == 403, path);
            QCOMPARE(r.body.object().value(QStringLiteral("error")).toString(), QStringLiteral("forbidden"));
        }
        for (const QString &token : {clerk, supervisor, technician})
            QCOMPARE(request(m_port, "DELETE", QStringLiteral("/api/v1/session"), {}, token).status, 204);
    }

    void apiRefusesWithClearErrors()
    {
        const auto errorOf = [](const Reply &r) { return r.body.object().value(QStringLiteral("error")).toString(); };
        const QJsonObject good{{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")}, {QStringLiteral("pin"), QStringLiteral("3690")}};
        const QString token = test::signInRequest(m_port, good).body.object().value(QStringLiteral("token")).toString();
        QVERIFY(!token.isEmpty());

        Reply r = request(m_port, "POST", QStringLiteral("/api/v1/windows/3/call-next"));
        QCOMPARE(r.status, 401);
        QCOMPARE(errorOf(r), QStringLiteral("unauthorized"));
        QCOMPARE(request(m_port, "POST", QStringLiteral("/api/v1/windows/3/call-next"), {}, QStringLiteral("forged")).status, 401);
        r = request(m_port, "GET", QStringLiteral("/api/v1/windows/3/call-next"), {}, token);
        QCOMPARE(r.status, 405);
        QCOMPARE(errorOf(r), QStringLiteral("method_not_allowed"));
        r = request(m_port, "POST", QStringLiteral("/api/v1/windows/3/jump"), {}, token);
        QCOMPARE(r.status, 404);
        QCOMPARE(request(m_port, "POST", QStringLiteral("/api/v1/windows/99/finish"), {}, token).status, 404);
        r = request(m_port, "POST", QStringLiteral("/api/v1/windows/3/finish"), {}, token);
        QCOMPARE(r.status, 409);
        QCOMPARE(errorOf(r), QStringLiteral("no_current_ticket"));
        r = request(m_port, "POST", QStringLiteral("/api/v1/windows/3/mode"), {{QStringLiteral("mode"), QStringLiteral("turbo")}}, token);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body.object().value(QStringLiteral("field")).toString(), QStringLiteral("mode"));
        r = request(m_port, "POST", QStringLiteral("/api/v1/windows/3/rating"), {{QStringLiteral("ticket"), QStringLiteral("Y001")}, {QStringLiteral("level"), 7}}, token);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body.object().value(QStringLiteral("field")).toString(), QStringLiteral("level"));
        r = request(m_port, "POST", QStringLiteral("/api/v1/windows/3/rating"), {{QStringLiteral("ticket"), QStringLiteral("Y001")}, {QStringLiteral("level"), 1}}, token);
        QCOMPARE(r.status, 422);
        QCOMPARE(errorOf(r), QStringLiteral("reason_required"));
        r = request(m_port, "POST", QStringLiteral("/api/v1/windows/3/rating"),
                    {{QStringLiteral("ticket"), QStringLiteral("Y001")}, {QStringLiteral("level"), 5}}, token);
        QCOMPARE(r.status, 409);
        QCOMPARE(errorOf(r), QStringLiteral("already_rated")); // the evaluator rated it
        QCOMPARE(request(m_port, "POST", QStringLiteral("/api/v1/help/nope/take"), {}, token).status, 404);
        QCOMPARE(request(m_port, "GET", QStringLiteral("/ws")).status, 426);

        // A body that is not JSON, and one that lacks a field.
        const Reply bad = test::fetch(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/session").arg(m_port)), "POST", "{window: 3");
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.body.object().value(QStringLiteral("error")).toString(), QStringLiteral("bad_json"));
        r = test::signInRequest(m_port, {{QStringLiteral("window"), 3}, {QStringLiteral("pin"), QStringLiteral("1")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body.object().value(QStringLiteral("field")).toString(), QStringLiteral("staff_id"));

        // Five wrong PINs in a row: 423 with the wait, for the right PIN too.
        QJsonObject wrong = good;
        wrong.insert(QStringLiteral("pin"), QStringLiteral("0000"));
        for (int i = 1; i <= 4; ++i)
            QCOMPARE(errorOf(test::signInRequest(m_port, wrong)), QStringLiteral("bad_credentials"));
        r = test::signInRequest(m_port, wrong);
        QCOMPARE(r.status, 423);
        QCOMPARE(r.body.object().value(QStringLiteral("retry_after_s")).toInt(), 900);
        r = test::signInRequest(m_port, good);
        QCOMPARE(r.status, 423);
        QVERIFY(r.body.object().value(QStringLiteral("retry_after_s")).toInt() > 890);
        // A session already open goes on; signing out ends it.
        QCOMPARE(request(m_port, "GET", QStringLiteral("/api/v1/queue"), {}, token).status, 200);
        QCOMPARE(request(m_port, "DELETE", QStringLiteral("/api/v1/session"), {}, token).status, 204);
        QCOMPARE(request(m_port, "GET", QStringLiteral("/api/v1/queue"), {}, token).status, 401);
    }

    void cleanupTestCase()
    {
        m_terminal.reset();
        m_bus.reset();
        m_scanner.reset();
        m_printer.reset();
    }

private:
    int count(const QString &sql) const { return test::count(*m_db, sql); }
    QString scalar(const QString &sql) const { return test::scalar(*m_db, sql); }

    QTemporaryDir m_dir;
    test::TestPlatform m_platform;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<PrinterSimulator> m_printer;
    std::unique_ptr<ScannerSimulator> m_scanner;
    std::unique_ptr<HallbusSimulator> m_bus;
    std::unique_ptr<Terminal> m_terminal;
    std::unique_ptr<Database> m_db;
    quint16 m_port = 0;
};

QTEST_MAIN(TestHallE2e)
#include "tst_hall_e2e.moc"
