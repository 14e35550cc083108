// The technicians' remote routes (DESIGN §12) on the terminal built by its composition root, its
// real HTTP server on loopback and the built-in device simulators: every route for a technician, a
// clerk (403 forbidden), a supervisor (403) and nobody (401); a technician at a window action (403);
// the sample ticket printed with no queue number; the board test; the frame log; the day close; the
// audit check finding a row changed behind its back; the diagnostics bundle holding no ID number,
// name, secret or PIN hash after a citizen's card was read; bad input refused with why.

#include "app/process/log_ring.h"
#include "app/root/terminal.h"
#include "app/services/maintenance/maintenance_service.h"
#include "drivers/sim/printer_simulator.h"
#include "app/services/staff/pin_hasher.h"
#include "tests/support/callback_answer.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/test_platform.h"
#include "tests/support/window_three.h"
#include "ui/kiosk/kiosk_window.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace hk;
using test::Reply;
using test::request;

namespace {

constexpr const char *kPin = "3690";
constexpr const char *kCardNumber = "11010519491231002X"; // resources/sim/idcards.json "resident"
const QString kCardHolder = QStringLiteral("张三");

struct RawReply {
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

RawReply raw(quint16 port, const QByteArray &method, const QString &path, const QByteArray &body, const QString &token)
{
    QNetworkAccessManager network;
    QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    const std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(r, method, body));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 20000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->rawHeader("Content-Type"), reply->readAll()};
}

QString errorOf(const RawReply &r)
{
    return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString();
}

// A line to a built-in simulator's control FIFO (app/root/simulator_control.h), as a technician types it.
bool tellSimulator(const QString &fifo, const QByteArray &line)
{
    const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
    if (fd < 0)
        return false;
    const QByteArray bytes = line + '\n';
    const bool ok = ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    ::close(fd);
    return ok;
}

// The forms a text can take in a file of the bundle: as it is, and as the hex of its UTF-8 and of its
// UCS-2 (the ID card's own encoding), spaced as the frame logs print bytes.
QList<QByteArray> formsOf(const QString &text)
{
    QByteArray ucs2;
    for (const QChar c : text) {
        ucs2.append(char(c.unicode() & 0xff));
        ucs2.append(char(c.unicode() >> 8));
    }
    return {text.toUtf8(), text.toUtf8().toHex(' '), ucs2.toHex(' '), ucs2};
}

} // namespace

class TestMaintenanceHttp : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    test::TestPlatform m_platform;
    std::unique_ptr<SystemClock> m_clock;
    LogRing m_log; // as main() keeps one: the bundle's log
    std::unique_ptr<Terminal> m_terminal;
    quint16 m_port = 0;
    QString m_staffFile;
    QString m_byId; // the test's /dev/serial/by-id
    QString m_technician;
    QString m_clerk;
    QString m_supervisor;

    QString signIn(const char *staffId, std::optional<int> window = std::nullopt)
    {
        QJsonObject body{{QStringLiteral("staff_id"), QString::fromLatin1(staffId)}, {QStringLiteral("pin"), QLatin1String(kPin)}};
        if (window)
            body.insert(QStringLiteral("window"), *window);
        const Reply r = test::signInRequest(m_port, body);
        return r.status == 200 ? r.body.object().value(QStringLiteral("token")).toString() : QString();
    }
    QString dbPath() const { return m_dir.filePath(QStringLiteral("hallkiosk.db")); }
    QString simFifo(const char *name) const { return m_dir.filePath(QStringLiteral("sim/%1.ctl").arg(QLatin1String(name))); }
    int rows(const QString &sql)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(dbPath());
        int n = -1;
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                n = q.value(0).toInt();
        }
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_staffFile = test::writeWindowThreeClerk(m_dir.path(), PinHasher::hash(QLatin1String(kPin), 1000));
        QVERIFY(!m_staffFile.isEmpty());
        QJsonObject config = test::simTerminalConfig(dbPath(), m_staffFile);
        QJsonObject devices = config.value(QStringLiteral("devices")).toObject();
        devices.insert(QStringLiteral("idcard"), QStringLiteral("sim:"));
        devices.insert(QStringLiteral("hallbus"), QStringLiteral("sim:"));
        config.insert(QStringLiteral("devices"), devices);
        config.insert(QStringLiteral("hallbus"),
                      QJsonObject{{QStringLiteral("windows"),
                                   QJsonObject{{QStringLiteral("3"), QJsonObject{{QStringLiteral("board"), 3}, {QStringLiteral("caller"), 103},
                                                                                {QStringLiteral("evaluator"), 203}}}}}});
        config.insert(QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), m_platform.publicKeyFile(m_dir.path())},
                                                              {QStringLiteral("match_key_file"), m_platform.matchKeyFile(m_dir.path())}});
        m_clock = test::workingMorningClock(test::demoCatalog());
        QVERIFY(m_log.install());
        TerminalOptions options;
        options.logRing = &m_log;
        m_byId = m_dir.filePath(QStringLiteral("by-id"));
        QVERIFY(QDir().mkpath(m_byId));
        options.serialLinkFolders = {m_byId};
        auto terminal = test::startTerminal(config, m_dir.path(), *m_clock, options);
        QVERIFY2(terminal.ok(), qPrintable(terminal ? QString() : terminal.error()));
        m_terminal = std::move(terminal).value();
        m_port = m_terminal->httpPort();
        m_technician = signIn("T01");
        m_clerk = signIn("S03", 3);
        m_supervisor = signIn("SV1");
        QVERIFY(!m_technician.isEmpty() && !m_clerk.isEmpty() && !m_supervisor.isEmpty());
    }

    void onlyATechnicianReachesTheRoutes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("devices") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/devices") << QByteArray();
        QTest::newRow("frames") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/frames?device=printer&limit=5") << QByteArray();
        QTest::newRow("test printer") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/test/printer") << QByteArray();
        QTest::newRow("test board") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/test/board")
                                    << QByteArray(R"({"window": 3, "text": "测试"})");
        QTest::newRow("test voice") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/test/voice") << QByteArray(R"({"text": "测试"})");
        QTest::newRow("sync pull") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/sync/pull") << QByteArray();
        QTest::newRow("sync push") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/sync/push") << QByteArray();
        QTest::newRow("day close") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/day-close") << QByteArray(R"({"date": "2001-01-01"})");
        QTest::newRow("audit verify") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/audit/verify") << QByteArray();
        QTest::newRow("diagnostics") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/diagnostics") << QByteArray();
    }
    void onlyATechnicianReachesTheRoutes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        for (const QString &token : {m_clerk, m_supervisor}) {
            const RawReply r = raw(m_port, method, path, body, token);
            QCOMPARE(r.status, 403);
            QCOMPARE(errorOf(r), QStringLiteral("forbidden"));
        }
        const RawReply nobody = raw(m_port, method, path, body, QString());
        QCOMPARE(nobody.status, 401);
        const RawReply forged = raw(m_port, method, path, body, QStringLiteral("not-a-token"));
        QCOMPARE(forged.status, 401);
        // The technician is answered by the route itself: never 401 or 403.
        const RawReply technician = raw(m_port, method, path, body, m_technician);
        QVERIFY2(technician.status != 401 && technician.status != 403 && technician.status != 0,
                 qPrintable(QStringLiteral("%1 %2").arg(technician.status).arg(QString::fromUtf8(technician.body))));
    }

    void aTechnicianActsOnNoWindow()
    {
        for (const QString &action : {QStringLiteral("call-next"), QStringLiteral("pause"), QStringLiteral("finish")}) {
            const RawReply r = raw(m_port, "POST", QStringLiteral("/api/v1/windows/3/%1").arg(action), QByteArray(), m_technician);
            QCOMPARE(r.status, 403);
            QCOMPARE(errorOf(r), QStringLiteral("forbidden"));
        }
    }

    void theSampleTicketPrintsWithoutANumber()
    {
        const auto printed = [this] {
            return request(m_port, "GET", QStringLiteral("/api/v1/maintenance/devices"), {}, m_technician)
                .body.object()
                .value(QStringLiteral("printer"))
                .toObject()
                .value(QStringLiteral("counters"))
                .toObject()
                .value(QStringLiteral("tickets_printed"))
                .toInt();
        };
        const int before = printed();
        const int ticketsBefore = rows(QStringLiteral("SELECT COUNT(*) FROM tickets"));
        const RawReply r = raw(m_port, "POST", QStringLiteral("/api/v1/maintenance/test/printer"), QByteArray(), m_technician);
        QCOMPARE(r.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(printed(), before + 1, 15000);
        // No ticket was issued for it: the queue and the numbers are untouched.
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets")), ticketsBefore);
        // What crossed the wire: the sample's text and never a queue number (a letter and three digits).
        const QJsonArray frames = request(m_port, "GET", QStringLiteral("/api/v1/maintenance/frames?device=printer"), {}, m_technician)
                                      .body.array();
        QByteArray sent;
        for (const QJsonValue &f : frames) {
            if (f.toObject().value(QStringLiteral("dir")).toString() == QLatin1String("tx"))
                sent += QByteArray::fromHex(f.toObject().value(QStringLiteral("hex")).toString().toLatin1());
        }
        QVERIFY2(sent.contains(QStringLiteral("测试").toUtf8()) || sent.contains(QByteArray::fromHex("b2e2cad4")), // UTF-8 or GB18030
                 sent.left(200).toHex(' ').constData());
        static const QRegularExpression kNumber(QStringLiteral("[A-Z][0-9]{3}"));
        QVERIFY(!kNumber.match(QString::fromLatin1(sent)).hasMatch());
        // Audited under the technician's id.
        QVERIFY(rows(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'device_tested' AND actor = 'technician:T01' "
                                    "AND subject = 'printer'")) >= 1);
    }

    void theFrameLogShowsBothDirections()
    {
        // The printer is asked for its status (DLE EOT n) and answers a byte.
        QTRY_VERIFY_WITH_TIMEOUT(request(m_port, "GET", QStringLiteral("/api/v1/maintenance/frames?device=printer"), {}, m_technician)
                                     .body.array()
                                     .size() >= 2,
                                 10000);
        const QJsonArray frames =
            request(m_port, "GET", QStringLiteral("/api/v1/maintenance/frames?device=printer&limit=200"), {}, m_technician).body.array();
        bool tx = false, rx = false;
        for (const QJsonValue &v : frames) {
            const QJsonObject f = v.toObject();
            QVERIFY(QDateTime::fromString(f.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs).isValid());
            tx = tx || (f.value(QStringLiteral("dir")).toString() == QLatin1String("tx") && f.value(QStringLiteral("hex")).toString().startsWith(QLatin1String("10 04")));
            rx = rx || f.value(QStringLiteral("dir")).toString() == QLatin1String("rx");
        }
        QVERIFY(tx);
        QVERIFY(rx);
        const QJsonArray three =
            request(m_port, "GET", QStringLiteral("/api/v1/maintenance/frames?device=printer&limit=3"), {}, m_technician).body.array();
        QCOMPARE(three.size(), 3);
        QCOMPARE(three.last(), frames.last()); // the newest last
    }

    void theBoardShowsTheText()
    {
        const RawReply shown = raw(m_port, "POST", QStringLiteral("/api/v1/maintenance/test/board"),
                                   QStringLiteral(R"({"window": 3, "text": "技术员测试"})").toUtf8(), m_technician);
        QVERIFY2(shown.status == 200, shown.body.constData());
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'device_tested' AND subject = 'board:3' "
                                     "AND detail LIKE '%技术员测试%'")),
                 1);
        const RawReply unknown = raw(m_port, "POST", QStringLiteral("/api/v1/maintenance/test/board"), QByteArray(R"({"window": 9})"), m_technician);
        QCOMPARE(unknown.status, 404);
    }

    void badInputIsRefusedWithWhy_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("board without window") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/test/board") << QByteArray("{}") << 400;
        QTest::newRow("board window text") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/test/board")
                                           << QByteArray(R"({"window": "3"})") << 400;
        QTest::newRow("not json") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/test/board") << QByteArray("{window") << 400;
        QTest::newRow("text too long") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/test/voice")
                                       << (QByteArray(R"({"text": ")") + QByteArray(5000, 'x') + "\"}") << 400;
        QTest::newRow("frames no device") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/frames") << QByteArray() << 400;
        QTest::newRow("frames unknown device") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/frames?device=toaster") << QByteArray() << 404;
        QTest::newRow("frames limit 0") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/frames?device=printer&limit=0") << QByteArray() << 400;
        QTest::newRow("frames limit huge") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/frames?device=printer&limit=99999999999")
                                           << QByteArray() << 400;
        QTest::newRow("day close no date") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/day-close") << QByteArray("{}") << 400;
        QTest::newRow("day close bad date") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/day-close")
                                            << QByteArray(R"({"date": "2026-13-40"})") << 400;
        QTest::newRow("day close ahead") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/day-close")
                                         << QByteArray(R"({"date": "2099-01-01"})") << 409;
        QTest::newRow("no platform to pull from") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/sync/pull") << QByteArray() << 503;
        QTest::newRow("unknown route") << QByteArray("GET") << QStringLiteral("/api/v1/maintenance/nope") << QByteArray() << 404;
        QTest::newRow("unknown test") << QByteArray("POST") << QStringLiteral("/api/v1/maintenance/test/toaster") << QByteArray() << 404;
        QTest::newRow("wrong method") << QByteArray("DELETE") << QStringLiteral("/api/v1/maintenance/devices") << QByteArray() << 405;
    }
    void badInputIsRefusedWithWhy()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const RawReply r = raw(m_port, method, path, body, m_technician);
        QCOMPARE(r.status, status);
        const QJsonObject answer = QJsonDocument::fromJson(r.body).object();
        QVERIFY(!answer.value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(!answer.value(QStringLiteral("message")).toString().isEmpty());
    }

    void dayCloseExpiresTheWaitingTicket()
    {
        KioskWindow &window = m_terminal->window();
        auto *button = window.findChild<QPushButton *>(QStringLiteral("groupButton_SB"));
        QVERIFY(button);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 10000);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rows(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")), 1, 10000);
        const QString today = m_clock->now().toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Shanghai"))).date().toString(Qt::ISODate);
        const RawReply closed = raw(m_port, "POST", QStringLiteral("/api/v1/maintenance/day-close"),
                                    QStringLiteral(R"({"date": "%1"})").arg(today).toUtf8(), m_technician);
        QCOMPARE(closed.status, 200);
        const QJsonObject summary = QJsonDocument::fromJson(closed.body).object();
        QCOMPARE(summary.value(QStringLiteral("date")).toString(), today);
        QCOMPARE(summary.value(QStringLiteral("expired")).toInt(), 1);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")), 0);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'day_closed' AND actor = 'technician:T01'")), 1);
        // Once is enough: the day has nothing left to close.
        const RawReply again = raw(m_port, "POST", QStringLiteral("/api/v1/maintenance/day-close"),
                                   QStringLiteral(R"({"date": "%1"})").arg(today).toUtf8(), m_technician);
        QCOMPARE(again.status, 409);
    }

    void theDiagnosticsBundleHoldsNothingPersonal()
    {
        // A citizen's card crosses the reader first (no booking: "no booking today"), so the logs and
        // the frame log have had every chance to catch it.
        QVERIFY(tellSimulator(simFifo("idcard"), "card resident"));
        QTRY_VERIFY_WITH_TIMEOUT(request(m_port, "GET", QStringLiteral("/api/v1/maintenance/devices"), {}, m_technician)
                                         .body.object()
                                         .value(QStringLiteral("idcard"))
                                         .toObject()
                                         .value(QStringLiteral("counters"))
                                         .toObject()
                                         .value(QStringLiteral("frames_good"))
                                         .toInt() > 0,
                                 15000);
        QVERIFY(tellSimulator(simFifo("idcard"), "remove"));

        const RawReply bundle = raw(m_port, "GET", QStringLiteral("/api/v1/maintenance/diagnostics"), QByteArray(), m_technician);
        QCOMPARE(bundle.status, 200);
        QCOMPARE(bundle.contentType, QByteArray("application/gzip"));
        const QString out = m_dir.filePath(QStringLiteral("bundle"));
        QVERIFY(QDir().mkpath(out));
        QFile archive(QDir(out).filePath(QStringLiteral("bundle.tar.gz")));
        QVERIFY(archive.open(QIODevice::WriteOnly) && archive.write(bundle.body) == bundle.body.size());
        archive.close();
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), archive.fileName(), QStringLiteral("-C"), out});
        QVERIFY(tar.waitForFinished(20000));
        QCOMPARE(tar.exitCode(), 0);

        QStringList names;
        QList<QByteArray> forbidden;
        const auto forbid = [&](const QString &what) {
            for (const QByteArray &form : formsOf(what))
                forbidden << form;
        };
        forbid(QLatin1String(kCardNumber));
        forbid(QLatin1String(kCardNumber).left(14)); // the number's birth part and more
        forbid(kCardHolder);
        for (const char *staffName : {"王芳", "李主任", "赵工"})
            forbid(QString::fromUtf8(staffName));
        forbidden << m_platform.matchKey << m_platform.matchKey.toHex();
        QFile staff(m_staffFile);
        QVERIFY(staff.open(QIODevice::ReadOnly));
        for (const QJsonValue &member : QJsonDocument::fromJson(staff.readAll()).array())
            forbidden << member.toObject().value(QStringLiteral("pin_hash")).toString().toLatin1();
        forbidden << QByteArray(kPin) + "\"" << m_technician.toLatin1() << m_clerk.toLatin1();

        QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        bool sawCardFrames = false, sawLog = false, sawConfig = false;
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String(".tar.gz")))
                continue;
            ++files;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            for (const QByteArray &bad : std::as_const(forbidden))
                QVERIFY2(!bytes.contains(bad), qPrintable(QStringLiteral("%1 holds %2").arg(path, QString::fromUtf8(bad.left(40)))));
            sawCardFrames = sawCardFrames || (path.endsWith(QLatin1String("frames/idcard.txt")) && !bytes.isEmpty());
            sawLog = sawLog || (path.endsWith(QLatin1String("logs/hallkiosk.log")) && bytes.contains("maintenance"));
            sawConfig = sawConfig || (path.endsWith(QLatin1String("config.json")) && bytes.contains("\"devices\""));
        }
        QVERIFY(files >= 6);
        QVERIFY(sawCardFrames); // the card's frames are there, without what the card says
        QVERIFY(sawConfig);
        QVERIFY(sawLog); // what the terminal logged, the card's check-in among it
    }

    // The 端口 page's work through the service the menu and the routes share: a printer moved to a port
    // whose device is unplugged stays where it was and says why; plugged back, it moves, prints there,
    // and the change is in local.json and the audit log. Then the profile, good and bad.
    void aPortAssignedWhileThePrinterIsUnpluggedAndBack()
    {
        MaintenanceService &maintenance = m_terminal->maintenance();
        const QString link = QDir(m_byId).filePath(QStringLiteral("usb-Test_Printer_0001-if00-port0"));
        auto created = PrinterSimulator::create(link);
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error()));
        std::unique_ptr<PrinterSimulator> other = std::move(created).value();
        const auto listed = [&maintenance, &link] {
            for (const MaintenancePort &p : maintenance.ports()) {
                if (p.port.aliases.contains(link))
                    return std::optional<MaintenancePort>(p);
            }
            return std::optional<MaintenancePort>();
        };
        QVERIFY(listed());
        QVERIFY(listed()->assignedTo.isEmpty());
        other->unplug();
        QVERIFY(!listed()); // gone from the list with its device

        const auto assign = [&maintenance](const QString &path) {
            return test::answerOf<Result<void, MaintenanceError>>(
                [&](auto done) { maintenance.assignPort(QStringLiteral("printer"), path, 115200, QStringLiteral("technician:T01"), done); },
                15000);
        };
        const QString localFile = m_dir.filePath(QStringLiteral("local.json"));
        const auto localPrinter = [&localFile] {
            QFile f(localFile);
            if (!f.open(QIODevice::ReadOnly))
                return QString();
            return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("devices")).toObject().value(QStringLiteral("printer")).toString();
        };
        const auto printedHere = [this] {
            return request(m_port, "GET", QStringLiteral("/api/v1/maintenance/devices"), {}, m_technician)
                .body.object().value(QStringLiteral("printer")).toObject().value(QStringLiteral("counters")).toObject()
                .value(QStringLiteral("tickets_printed")).toInt();
        };

        auto refused = assign(link);
        QVERIFY(refused.has_value());
        QVERIFY(!refused->ok());
        QVERIFY2(refused->error().message.contains(link), qPrintable(refused->error().message));
        QVERIFY(localPrinter().isEmpty());
        // Still on its old link: a test ticket prints there.
        int before = printedHere();
        QCOMPARE(raw(m_port, "POST", QStringLiteral("/api/v1/maintenance/test/printer"), QByteArray(), m_technician).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(printedHere(), before + 1, 15000);
        QCOMPARE(other->tickets().size(), 0);

        QVERIFY(other->plug().ok());
        QTRY_VERIFY(listed());
        auto moved = assign(link);
        QVERIFY(moved.has_value());
        QVERIFY2(moved->ok(), qPrintable(moved->ok() ? QString() : moved->error().message));
        const QString uri = QStringLiteral("serial:%1?baud=115200").arg(link);
        QCOMPARE(localPrinter(), uri);
        QCOMPARE(listed()->assignedTo, QStringLiteral("printer"));
        QCOMPARE(listed()->baud, 115200);
        const QJsonObject devices = request(m_port, "GET", QStringLiteral("/api/v1/maintenance/devices"), {}, m_technician).body.object();
        QCOMPARE(devices.value(QStringLiteral("printer")).toObject().value(QStringLiteral("uri")).toString(), uri);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'port_assigned' AND subject = 'printer'")), 1);
        before = printedHere();
        QCOMPARE(raw(m_port, "POST", QStringLiteral("/api/v1/maintenance/test/printer"), QByteArray(), m_technician).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(other->tickets().size(), 1, 15000);
        QTRY_COMPARE(printedHere(), before + 1);

        // The profile: a shipped one is kept; one that does not load changes nothing.
        QVERIFY(maintenance.shippedPrinterProfiles().contains(QStringLiteral("escpos-58mm")));
        QVERIFY(maintenance.setPrinterProfile(QStringLiteral("escpos-58mm"), QStringLiteral("technician:T01")).ok());
        QCOMPARE(maintenance.printerProfile(), QStringLiteral("escpos-58mm"));
        auto bad = maintenance.setPrinterProfile(QStringLiteral("no-such-profile"), QStringLiteral("technician:T01"));
        QVERIFY(!bad.ok());
        QCOMPARE(maintenance.printerProfile(), QStringLiteral("escpos-58mm"));
        QFile f(localFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject local = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(local.value(QStringLiteral("devices")).toObject().value(QStringLiteral("printer_profile")).toString(), QStringLiteral("escpos-58mm"));
        QVERIFY(QFile::exists(localFile + QStringLiteral(".bak"))); // the file before the profile's change
        // The sample preview is drawn with it.
        QVERIFY(!QImage::fromData(maintenance.ticketPreviewPng()).isNull());
    }

    // DESIGN §12, §16: every write of local.json is in the audit log, as the technician by id, with
    // the key and the file; a change asked without a technician's id writes neither.
    void everyChangeOfLocalJsonIsAudited()
    {
        MaintenanceService &maintenance = m_terminal->maintenance();
        const QString localFile = m_dir.filePath(QStringLiteral("local.json"));
        const auto fileBytes = [&localFile] {
            QFile f(localFile);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const auto audited = [this](const QString &where) {
            return rows(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'printer_profile_changed' AND ") + where);
        };
        const QString byTechnician = QStringLiteral("actor = 'technician:T01' AND detail LIKE '%devices.printer_profile%' "
                                                    "AND detail LIKE '%local.json%'");
        const QString profile = maintenance.printerProfile() == QLatin1String("escpos-80mm") ? QStringLiteral("escpos-58mm")
                                                                                              : QStringLiteral("escpos-80mm");
        const int before = audited(QStringLiteral("1 = 1"));
        const int beforeByTechnician = audited(byTechnician);
        const QByteArray fileBefore = fileBytes();

        // No technician named: refused, nothing written, nothing audited, nothing changed.
        for (const QString &nobody : {QStringLiteral("technician"), QStringLiteral("technician:"), QStringLiteral("staff:S03")}) {
            QVERIFY(!maintenance.setPrinterProfile(profile, nobody).ok());
            const auto refused = test::answerOf<Result<void, MaintenanceError>>(
                [&](auto done) { maintenance.assignPort(QStringLiteral("printer"), QStringLiteral("/dev/null"), 9600, nobody, done); }, 15000);
            QVERIFY(refused.has_value() && !refused->ok());
        }
        QCOMPARE(fileBytes(), fileBefore);
        QCOMPARE(audited(QStringLiteral("1 = 1")), before);

        // A technician's change: the file and one audit row naming who, the key and the file.
        QVERIFY(maintenance.setPrinterProfile(profile, QStringLiteral("technician:T01")).ok());
        QVERIFY(fileBytes() != fileBefore);
        QCOMPARE(audited(byTechnician), beforeByTechnician + 1);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'printer_profile_changed' AND seq = "
                                     "(SELECT MAX(seq) FROM audit_log) AND detail LIKE '%\"to\":\"") + profile + QStringLiteral("\"%'")),
                 1);
        QCOMPARE(audited(QStringLiteral("1 = 1")), before + 1);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'port_assigned' AND actor = 'technician:T01' "
                                     "AND detail LIKE '%devices.printer%' AND detail LIKE '%local.json%'")),
                 1);
    }

    // Last: it breaks the chain of this terminal's audit log.
    void theAuditCheckFindsARowChangedBehindItsBack()
    {
        const Reply whole = request(m_port, "GET", QStringLiteral("/api/v1/maintenance/audit/verify"), {}, m_technician);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body.object().value(QStringLiteral("ok")).toBool(), true);
        const int total = whole.body.object().value(QStringLiteral("rows")).toInt();
        QVERIFY(total >= 3);
        {
            // Someone with the file and sqlite3: the append-only triggers are dropped, a row rewritten.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER audit_log_append_only_update")));
            QVERIFY(q.exec(QStringLiteral("UPDATE audit_log SET actor = 'technician:T99' WHERE seq = 2")));
            QCOMPARE(q.numRowsAffected(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        const Reply broken = request(m_port, "GET", QStringLiteral("/api/v1/maintenance/audit/verify"), {}, m_technician);
        QCOMPARE(broken.status, 200);
        QCOMPARE(broken.body.object().value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(broken.body.object().value(QStringLiteral("first_bad")).toInt(), 2);
        QCOMPARE(broken.body.object().value(QStringLiteral("rows")).toInt(), total);
        QVERIFY(!broken.body.object().value(QStringLiteral("problem")).toString().isEmpty());
    }

    void cleanupTestCase() { m_terminal.reset(); }
};

QTEST_MAIN(TestMaintenanceHttp)
#include "tst_maintenance_http.moc"
