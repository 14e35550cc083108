// End to end with the built hallkiosk program: its command line and exit codes (DESIGN §8), and a
// run against a printer on a pseudo-terminal that must be asked for status and answer on HTTP.

#include "drivers/sim/printer_simulator.h"
#include "tests/support/http_request.h"
#include "tests/support/run_program.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/stat.h>

using namespace hk;

namespace {

using Run = test::ProgramRun;

Run run(const QStringList &args)
{
    return test::runProgram(QStringLiteral(HALLKIOSK_BINARY), args, 20000);
}

QString writeConfig(const QTemporaryDir &dir, const QJsonObject &json, const QString &name = QStringLiteral("hallkiosk.json"))
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(json).toJson());
    return path;
}

QJsonObject baseConfig(const QTemporaryDir &dir, const QString &printer)
{
    return QJsonObject{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), dir.filePath(QStringLiteral("db/hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), printer}}},
        {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 1}}},
    };
}

// A self-signed certificate and its private key, made by the openssl program for this run (no key
// is kept in the tree). The key file is set to `keyMode`.
QString makeCertificate(const QString &cert, const QString &key, mode_t keyMode = 0600)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                                        QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                                        QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"),
                                        QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")});
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("openssl req failed (Debian: openssl): %1 %2").arg(p.errorString(), QString::fromUtf8(p.readAllStandardError()));
    if (::chmod(QFile::encodeName(key).constData(), keyMode) != 0)
        return QStringLiteral("cannot chmod %1").arg(key);
    return QString();
}

QJsonObject withTls(QJsonObject json, const QString &cert, const QString &key)
{
    QJsonObject http = json.value(QStringLiteral("http")).toObject();
    http.insert(QStringLiteral("tls_cert_file"), cert);
    http.insert(QStringLiteral("tls_key_file"), key);
    json.insert(QStringLiteral("http"), http);
    return json;
}

} // namespace

class TestBinaryE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void versionAndHelp()
    {
        const Run version = run({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("hallkiosk ")));
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *flag : {"--config", "--demo", "--version", "--help"})
            QVERIFY2(help.out.contains(QLatin1String(flag)), flag);
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("both") << QStringList{QStringLiteral("--demo"), QStringLiteral("--config"), QStringLiteral("x.json")};
        QTest::newRow("unknown flag") << QStringList{QStringLiteral("--turbo")};
        QTest::newRow("stray argument") << QStringList{QStringLiteral("--demo"), QStringLiteral("extra")};
        QTest::newRow("missing config file") << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent/hallkiosk.json")};
    }
    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("hallkiosk: ")), qPrintable(r.err));
    }

    void configErrorsNameTheKeyAndExitTwo_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << "colour" << QJsonValue(QStringLiteral("red")) << "colour: unknown key";
        QTest::newRow("wrong type") << "database" << QJsonValue(7) << "database: must be a string";
        QTest::newRow("slack F above 1") << "queue" << QJsonValue(QJsonObject{{QStringLiteral("policy"), QStringLiteral("slack:2")}})
                                         << "queue.policy: must be";
        QTest::newRow("slack F not a number") << "queue" << QJsonValue(QJsonObject{{QStringLiteral("policy"), QStringLiteral("slack:x")}})
                                              << "queue.policy: must be";
        QTest::newRow("bad uri") << "devices" << QJsonValue(QJsonObject{{QStringLiteral("printer"), QStringLiteral("lpt1")}})
                                 << "devices.printer: \"lpt1\" is not a device URI";
        QTest::newRow("missing required") << "terminal" << QJsonValue(QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}})
                                          << "terminal.center: is required";
        QTest::newRow("catalog of another center") << "terminal"
                                                   << QJsonValue(QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")},
                                                                             {QStringLiteral("center"), QStringLiteral("XX-9")}})
                                                   << "terminal.center is \"XX-9\"";
        QTest::newRow("unknown printer profile") << "devices"
                                                 << QJsonValue(QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")},
                                                                           {QStringLiteral("printer_profile"), QStringLiteral("laser-a4")}})
                                                 << "devices.printer_profile: unknown printer profile";
        QTest::newRow("ticket template missing") << "ticket_template" << QJsonValue(QStringLiteral("/nonexistent/ticket.json"))
                                                 << "ticket_template: cannot read /nonexistent/ticket.json";
        QTest::newRow("ticket template that is something else") << "ticket_template" << QJsonValue(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/printers/escpos-80mm.json"))
                                                          << "ticket_template: " HALLKIOSK_SOURCE_DIR "/resources/printers/escpos-80mm.json: chinese_mode: unknown key";
                QTest::newRow("bind not an address") << "http" << QJsonValue(QJsonObject{{QStringLiteral("bind"), QStringLiteral("everywhere")}})
                                             << "http.bind: \"everywhere\" is not an IP address";
        QTest::newRow("broken JSON names the line") << "" << QJsonValue() << "not valid JSON at line";
    }
    void configErrorsNameTheKeyAndExitTwo()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QJsonObject json = baseConfig(dir, QStringLiteral("sim:"));
        QString path;
        if (key.isEmpty()) {
            path = dir.filePath(QStringLiteral("broken.json"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(json).toJson().replace("\"database\":", "\"database\""));
        } else {
            json.insert(key, value);
            path = writeConfig(dir, json);
        }
        // Configuration is checked before anything needs a display.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        const Run r = test::runProgram(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), path}, 20000, env);
        QVERIFY2(r.ended, qPrintable(r.err));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void startupFailuresExitOne()
    {
        QTemporaryDir dir;
        // The database path is a folder: it cannot be opened.
        QJsonObject json = baseConfig(dir, QStringLiteral("sim:"));
        QDir().mkpath(dir.filePath(QStringLiteral("adir")));
        json.insert(QStringLiteral("database"), dir.filePath(QStringLiteral("adir")));
        Run r = run({QStringLiteral("--config"), writeConfig(dir, json)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("database:")), qPrintable(r.err));

        // The HTTP port is taken.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        json = baseConfig(dir, QStringLiteral("sim:"));
        json.insert(QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), squatter.serverPort()}});
        r = run({QStringLiteral("--config"), writeConfig(dir, json)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("http: cannot listen")), qPrintable(r.err));
    }

    void secretReadableByOthersStopsStartUp_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("mode");
        QTest::newRow("secret_file 0644") << QStringLiteral("secret_file") << 0644;
        QTest::newRow("secret_file 0640") << QStringLiteral("secret_file") << 0640;
        QTest::newRow("match_key_file 0604") << QStringLiteral("match_key_file") << 0604;
    }
    // DESIGN §16: a secret file group or others may read stops start-up, exit 2 naming the key;
    // the same files at 0600 start the terminal.
    void secretReadableByOthersStopsStartUp()
    {
        QFETCH(QString, key);
        QFETCH(int, mode);
        QTemporaryDir dir;
        QJsonObject json = baseConfig(dir, QStringLiteral("sim:"));
        QJsonObject platform;
        for (const QString &k : {QStringLiteral("secret_file"), QStringLiteral("match_key_file")}) {
            const QString path = dir.filePath(k + QStringLiteral(".txt"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("0123456789abcdef0123456789abcdef\n");
            f.close();
            QVERIFY(::chmod(QFile::encodeName(path).constData(), k == key ? mode_t(mode) : 0600) == 0);
            platform.insert(k, path);
        }
        json.insert(QStringLiteral("platform"), platform);
        const QString config = writeConfig(dir, json);
        Run r = run({QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, 2);
        const QString expected = QStringLiteral("platform.%1: %2 is readable by group or others (mode %3); chmod 600 it")
                                     .arg(key, dir.filePath(key + QStringLiteral(".txt")))
                                     .arg(mode, 4, 8, QLatin1Char('0'));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));

        // chmod 600: it starts (its HTTP server listens), and stops cleanly.
        QVERIFY(::chmod(QFile::encodeName(dir.filePath(key + QStringLiteral(".txt"))).constData(), 0600) == 0);
        QProcess terminal;
        terminal.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), config});
        QVERIFY(terminal.waitForStarted());
        QString log;
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(terminal.readAllStandardError()), kHttp.match(log).hasMatch()), 15000);
        QVERIFY2(!log.contains(QStringLiteral("readable by group")), qPrintable(log));
        QCOMPARE(test::request(quint16(kHttp.match(log).captured(1).toUInt()), "GET", QStringLiteral("/api/v1/health")).status, 200);
        ::kill(pid_t(terminal.processId()), SIGTERM);
        QVERIFY(terminal.waitForFinished(10000));
        QCOMPARE(terminal.exitStatus(), QProcess::NormalExit);
        QCOMPARE(terminal.exitCode(), 0);
    }

    // DESIGN §16: the TLS private key is a secret file like the others — readable by group or
    // others, start-up stops (exit 2 naming http.tls_key_file); at 0600 the terminal serves HTTPS.
    void tlsKeyReadableByOthersStopsStartUp()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("server.crt"));
        const QString key = dir.filePath(QStringLiteral("server.key"));
        const QString made = makeCertificate(cert, key, 0640);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString config = writeConfig(dir, withTls(baseConfig(dir, QStringLiteral("sim:")), cert, key));
        Run r = run({QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, 2);
        const QString expected = QStringLiteral("http.tls_key_file: %1 is readable by group or others (mode 0640); chmod 600 it").arg(key);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));

        QVERIFY(::chmod(QFile::encodeName(key).constData(), 0600) == 0);
        QProcess terminal;
        terminal.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), config});
        QVERIFY(terminal.waitForStarted());
        QString log;
        static const QRegularExpression kHttps(QStringLiteral("HTTP on https://127\\.0\\.0\\.1:(\\d+)/"));
        QTRY_VERIFY2_WITH_TIMEOUT((log += QString::fromUtf8(terminal.readAllStandardError()), kHttps.match(log).hasMatch()),
                                  qPrintable(log), 30000);
        ::kill(pid_t(terminal.processId()), SIGTERM);
        QVERIFY(terminal.waitForFinished(10000));
        QCOMPARE(terminal.exitStatus(), QProcess::NormalExit);
        QCOMPARE(terminal.exitCode(), 0);
    }

    // A certificate made for another private key: exit 2 before anything listens, naming both keys
    // and both files (else every browser's handshake would fail with nothing in the log).
    void tlsCertificateOfAnotherKeyStopsStartUp()
    {
        QTemporaryDir dir;
        const QString certA = dir.filePath(QStringLiteral("a.crt"));
        const QString keyA = dir.filePath(QStringLiteral("a.key"));
        const QString certB = dir.filePath(QStringLiteral("b.crt"));
        const QString keyB = dir.filePath(QStringLiteral("b.key"));
        for (const auto &[cert, key] : {std::pair{certA, keyA}, std::pair{certB, keyB}}) {
            const QString made = makeCertificate(cert, key);
            QVERIFY2(made.isEmpty(), qPrintable(made));
        }
        Run r = run({QStringLiteral("--config"), writeConfig(dir, withTls(baseConfig(dir, QStringLiteral("sim:")), certA, keyB))});
        QCOMPARE(r.exitCode, 2);
        const QString expected = QStringLiteral("http.tls_cert_file and http.tls_key_file do not match: the certificate %1 was not made "
                                                "for the private key %2")
                                     .arg(certA, keyB);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("HTTP on")), qPrintable(r.err));
    }

    void runsAgainstAPrinterOnAPty()
    {
        auto sim = PrinterSimulator::create();
        QVERIFY(sim.ok());
        QTemporaryDir dir;
        const QString config = writeConfig(dir, baseConfig(dir, QStringLiteral("serial:%1?baud=115200").arg(sim.value()->devicePath())));
        QProcess terminal;
        terminal.setProcessChannelMode(QProcess::SeparateChannels);
        terminal.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), config});
        QVERIFY(terminal.waitForStarted());

        // Status is asked at start-up, in the order of DESIGN §4.
        QTRY_VERIFY_WITH_TIMEOUT(sim.value()->statusRequests(4) >= 1, 15000);
        QVERIFY2(sim.value()->received().startsWith(QByteArray::fromHex("100401100402100404")), sim.value()->received().left(64).toHex(' ').constData());

        QString log;
        quint16 port = 0;
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(terminal.readAllStandardError()), kHttp.match(log).hasMatch()), 15000);
        port = quint16(kHttp.match(log).captured(1).toUInt());
        QVERIFY(port > 0);

        const test::Reply reply = test::request(port, "GET", QStringLiteral("/api/v1/health"));
        QCOMPARE(reply.status, 200);
        const QJsonObject health = reply.body.object();
        QVERIFY(health.value(QStringLiteral("version")).toString().size() > 0);
        const QJsonObject devices = health.value(QStringLiteral("devices")).toObject();
        for (const char *device : {"printer", "idcard", "scanner", "hallbus"})
            QVERIFY2(devices.contains(QLatin1String(device)), device);
        QCOMPARE(devices.value(QStringLiteral("printer")).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("ok"));
        const QJsonObject sync = health.value(QStringLiteral("sync")).toObject();
        for (const char *key : {"online", "last_pull", "last_push", "outbox_depth", "oldest_pending_age_s"})
            QVERIFY2(sync.contains(QLatin1String(key)), key);

        // Paper runs out: the terminal notices while idle and health says so.
        sim.value()->setCondition(PrinterSimulator::Condition::PaperOut);
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(terminal.readAllStandardError()), log.contains(QStringLiteral("printer error paper out"))), 10000);

        ::kill(pid_t(terminal.processId()), SIGTERM);
        QVERIFY(terminal.waitForFinished(10000));
        QCOMPARE(terminal.exitStatus(), QProcess::NormalExit);
        QCOMPARE(terminal.exitCode(), 0);
    }

    void localOverrideFileIsLaidOverTheConfig()
    {
        // The packaged config names the simulator; the technician's local.json in the state directory
        // (the database's folder, DESIGN §12) moves the printer to a pty: status requests arrive there.
        auto sim = PrinterSimulator::create();
        QVERIFY(sim.ok());
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("db"))));
        const QString config = writeConfig(dir, baseConfig(dir, QStringLiteral("sim:")));
        const QByteArray local = QJsonDocument(QJsonObject{{QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"),
                                                                                                      QStringLiteral("serial:%1?baud=115200").arg(sim.value()->devicePath())}}}})
                                     .toJson();
        const auto runOnce = [&](const QByteArray &file, const QByteArray &backup, const QString &expectLog) {
            QFile f(dir.filePath(QStringLiteral("db/local.json")));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(file);
            f.close();
            QFile b(dir.filePath(QStringLiteral("db/local.json.bak")));
            QVERIFY(b.open(QIODevice::WriteOnly | QIODevice::Truncate));
            b.write(backup);
            b.close();
            const int before = sim.value()->statusRequests(4);
            QProcess terminal;
            terminal.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), config});
            QVERIFY(terminal.waitForStarted());
            QString log;
            QTRY_VERIFY2_WITH_TIMEOUT((log += QString::fromUtf8(terminal.readAllStandardError()), log.contains(QStringLiteral("ready: home screen shown"))),
                                      qPrintable(log), 15000);
            QVERIFY2(log.contains(expectLog), qPrintable(log));
            QTRY_VERIFY_WITH_TIMEOUT(sim.value()->statusRequests(4) > before, 15000);
            ::kill(pid_t(terminal.processId()), SIGTERM);
            QVERIFY(terminal.waitForFinished(10000));
            QCOMPARE(terminal.exitCode(), 0);
        };
        runOnce(local, QByteArray("{}"), QStringLiteral("local overrides from ") + dir.filePath(QStringLiteral("db/local.json")));
        // A local.json cut in half: the terminal starts on its .bak, and says so.
        runOnce(local.left(20), local, QStringLiteral("local override file: ") + dir.filePath(QStringLiteral("db/local.json")) + QStringLiteral(": not valid JSON"));
    }

    void ticketPreviewDrawsTheTicket()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("ticket.png"));
        QProcess p;
        p.start(QStringLiteral(HALLKIOSK_PREVIEW), {QStringLiteral("--profile"), QStringLiteral("escpos-58mm-raster"), QStringLiteral("--booked"),
                                                    QStringLiteral("--out"), png});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("bytes on the wire for escpos-58mm-raster")), qPrintable(out));
        const QImage paper(png);
        QCOMPARE(paper.width(), 384);
        QVERIFY(paper.height() > 500);

        QProcess bad;
        bad.start(QStringLiteral(HALLKIOSK_PREVIEW), {QStringLiteral("--profile"), QStringLiteral("laser-a4"), QStringLiteral("--out"), png});
        QVERIFY(bad.waitForFinished(20000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("unknown printer profile"));
    }

    void demoStartsAndSavesAScreenshot()
    {
        QTemporaryDir dir;
        const QString shot = QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/demo-home.png");
        QFile::remove(shot);
        QProcess demo;
        demo.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--demo"), QStringLiteral("--data-dir"), dir.path(),
                                                      QStringLiteral("--screenshot"), shot});
        QVERIFY(demo.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(shot) && QFileInfo(shot).size() > 10000, 20000);
        QString log;
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(demo.readAllStandardError()), log.contains(QStringLiteral("ready: home screen shown"))), 10000);
        // On a loaded machine the first DLE EOT reply may miss its 200 ms; the printer is asked again.
        QTRY_VERIFY2_WITH_TIMEOUT((log += QString::fromUtf8(demo.readAllStandardError()), log.contains(QStringLiteral("printer ok ready"))),
                                  qPrintable(log.right(2000)), 10000);
        ::kill(pid_t(demo.processId()), SIGTERM);
        QVERIFY(demo.waitForFinished(10000));
        QCOMPARE(demo.exitCode(), 0);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("hallkiosk.db"))));
    }
};

QTEST_GUILESS_MAIN(TestBinaryE2e)
#include "tst_binary_e2e.moc"
