// app/config: the config file of DESIGN §8, device URIs and the catalog JSON — every kind of
// mistake is refused with the key named.

#include "app/config/catalog_parser.h"
#include "app/config/config_loader.h"
#include "app/config/hall_database_uri.h"
#include "app/config/staff_file_parser.h"
#include "app/domain/time/working_calendar.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hk;

namespace {

const char *kMinimal = R"({
  "terminal": {"id": "T01", "center": "SQ-001"},
  "database": "/var/lib/hallkiosk/hallkiosk.db",
  "devices": {"printer": "serial:/dev/ttyS1?baud=115200"}
})";

QString errorsText(const ConfigErrors &errors)
{
    QStringList lines;
    for (const ConfigError &e : errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

QByteArray withChange(const QString &path, const QJsonValue &value)
{
    // Sets a dotted path in the minimal config; an Undefined value removes the key.
    QJsonObject root = QJsonDocument::fromJson(kMinimal).object();
    const QStringList keys = path.split(QLatin1Char('.'));
    std::function<QJsonObject(QJsonObject, int)> set = [&](QJsonObject obj, int i) -> QJsonObject {
        if (i == keys.size() - 1) {
            if (value.isUndefined())
                obj.remove(keys[i]);
            else
                obj.insert(keys[i], value);
            return obj;
        }
        obj.insert(keys[i], set(obj.value(keys[i]).toObject(), i + 1));
        return obj;
    };
    return QJsonDocument(set(root, 0)).toJson();
}

QJsonObject hallObject(const QString &database, const QJsonValue &index = 2)
{
    QJsonObject hall{{QStringLiteral("database"), database}};
    if (!index.isUndefined())
        hall.insert(QStringLiteral("index"), index);
    return hall;
}

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list << QString::fromUtf8(text);
    return list;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}

} // namespace

class TestConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void minimalConfigGetsDefaults()
    {
        auto config = ConfigLoader::parse(kMinimal, QStringLiteral("/etc/hallkiosk"));
        QVERIFY2(config.ok(), qPrintable(config ? QString() : errorsText(config.error())));
        QCOMPARE(config->terminal.id, QStringLiteral("T01"));
        QCOMPARE(config->terminal.name, QStringLiteral("T01"));
        QCOMPARE(config->devices.printer->scheme, DeviceUri::Scheme::Serial);
        QCOMPARE(config->devices.printer->path, QStringLiteral("/dev/ttyS1"));
        QCOMPARE(config->devices.printer->baud, 115200);
        QVERIFY(!config->devices.idcard);
        QCOMPARE(config->devices.printerProfile, QStringLiteral("escpos-80mm"));
        QCOMPARE(config->http.port, 8080);
        QCOMPARE(config->http.bind, QStringLiteral("127.0.0.1")); // DESIGN §16
        QCOMPARE(config->http.maxConnections, 256);
        QVERIFY(!config->http.tlsCertFile);
        QCOMPARE(config->queue.policy, QStringLiteral("booked_first"));
        QCOMPARE(config->kiosk.ticketScreenS, 20);
        QVERIFY(config->voice.enabled);
    }

    void designExampleIsAccepted()
    {
        // The example of DESIGN §8, verbatim: installers and test rigs write exactly this.
        QFile file(QStringLiteral(HALLKIOSK_SOURCE_DIR "/tests/fixtures/config/design-example.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray example = file.readAll();
        auto config = ConfigLoader::parse(example, {});
        QVERIFY2(config.ok(), qPrintable(config ? QString() : errorsText(config.error())));
        QCOMPARE(config->hallbus.windows.at(3).caller, 103);
        QCOMPARE(config->devices.scanner->param(QStringLiteral("suffix")), QStringLiteral("cr"));
        QCOMPARE(*config->platform.matchKeyFile, QStringLiteral("/etc/hallkiosk/match.key"));
    }

    void slackPoliciesAreAccepted_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::newRow("slack") << "slack";
        QTest::newRow("slack:0.5") << "slack:0.5";
        QTest::newRow("slack:1") << "slack:1";
    }
    void slackPoliciesAreAccepted()
    {
        QFETCH(QString, policy);
        auto config = ConfigLoader::parse(withChange(QStringLiteral("queue.policy"), policy), {});
        QVERIFY2(config.ok(), qPrintable(config ? QString() : errorsText(config.error())));
        QCOMPARE(config->queue.policy, policy);
    }

    void shippedDefaultConfigIsValid()
    {
        auto config = ConfigLoader::loadFile(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/config/hallkiosk.json"));
        QVERIFY2(config.ok(), qPrintable(config ? QString() : errorsText(config.error())));
    }

    void relativePathsResolveAgainstTheFile()
    {
        auto config = ConfigLoader::parse(withChange(QStringLiteral("catalog_file"), QStringLiteral("catalog.json")),
                                          QStringLiteral("/etc/hallkiosk"));
        QVERIFY(config.ok());
        QCOMPARE(*config->catalogFile, QStringLiteral("/etc/hallkiosk/catalog.json"));
    }

    void errorsNameTheKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("problem");
        QTest::newRow("unknown top-level key") << withChange(QStringLiteral("printer"), QStringLiteral("x"))
                                               << "printer" << "unknown key";
        QTest::newRow("unknown nested key") << withChange(QStringLiteral("devices.priner"), QStringLiteral("sim:"))
                                            << "devices.priner" << "unknown key";
        QTest::newRow("wrong type: number for string")
            << withChange(QStringLiteral("database"), 42) << "database" << "must be a string";
        QTest::newRow("wrong type: string for number")
            << withChange(QStringLiteral("http.port"), QStringLiteral("8080")) << "http.port" << "whole number";
        QTest::newRow("wrong type: string for bool")
            << withChange(QStringLiteral("kiosk.fullscreen"), QStringLiteral("yes")) << "kiosk.fullscreen" << "true or false";
        QTest::newRow("wrong type: object expected")
            << withChange(QStringLiteral("http"), 8080) << "http" << "must be an object";
        QTest::newRow("out of range") << withChange(QStringLiteral("http.port"), 70000) << "http.port" << "between 0 and 65535";
        QTest::newRow("fraction") << withChange(QStringLiteral("http.port"), 80.5) << "http.port" << "whole number";
        QTest::newRow("missing terminal") << withChange(QStringLiteral("terminal"), QJsonValue(QJsonValue::Undefined))
                                         << "terminal" << "required";
        QTest::newRow("missing terminal.id") << withChange(QStringLiteral("terminal.id"), QJsonValue(QJsonValue::Undefined))
                                            << "terminal.id" << "required";
        QTest::newRow("missing database") << withChange(QStringLiteral("database"), QJsonValue(QJsonValue::Undefined))
                                         << "database" << "required";
        QTest::newRow("missing devices") << withChange(QStringLiteral("devices"), QJsonValue(QJsonValue::Undefined))
                                        << "devices" << "required";
        QTest::newRow("empty id") << withChange(QStringLiteral("terminal.id"), QStringLiteral(" ")) << "terminal.id" << "empty";
        QTest::newRow("id with spaces") << withChange(QStringLiteral("terminal.id"), QStringLiteral("T 01")) << "terminal.id" << "A-Z";
        QTest::newRow("URI without scheme") << withChange(QStringLiteral("devices.printer"), QStringLiteral("/dev/ttyS1"))
                                           << "devices.printer" << "not a device URI";
        QTest::newRow("URI unknown scheme") << withChange(QStringLiteral("devices.printer"), QStringLiteral("usb:/dev/x"))
                                           << "devices.printer" << "unknown scheme";
        QTest::newRow("URI bad baud") << withChange(QStringLiteral("devices.printer"), QStringLiteral("serial:/dev/ttyS1?baud=1234"))
                                     << "devices.printer" << "baud";
        QTest::newRow("URI unknown parameter")
            << withChange(QStringLiteral("devices.printer"), QStringLiteral("serial:/dev/ttyS1?speed=9600"))
            << "devices.printer" << "unknown parameter \"speed\"";
        QTest::newRow("URI relative path") << withChange(QStringLiteral("devices.printer"), QStringLiteral("serial:ttyS1"))
                                          << "devices.printer" << "absolute device path";
        QTest::newRow("URI tcp without port") << withChange(QStringLiteral("devices.printer"), QStringLiteral("tcp:192.0.2.10"))
                                             << "devices.printer" << "HOST:PORT";
        QTest::newRow("URI tcp port 0") << withChange(QStringLiteral("devices.printer"), QStringLiteral("tcp:192.0.2.10:0"))
                                       << "devices.printer" << "1–65535";
        QTest::newRow("URI bad suffix") << withChange(QStringLiteral("devices.scanner"), QStringLiteral("serial:/dev/ttyACM0?suffix=tab"))
                                       << "devices.scanner" << "suffix";
        QTest::newRow("scheme wrong for device")
            << withChange(QStringLiteral("devices.idcard"), QStringLiteral("cups:Tickets")) << "devices.idcard"
            << "cannot be used for an ID-card reader";
        QTest::newRow("sim with a path") << withChange(QStringLiteral("devices.printer"), QStringLiteral("sim:/x"))
                                        << "devices.printer" << "takes no path";
        QTest::newRow("bad policy") << withChange(QStringLiteral("queue.policy"), QStringLiteral("interleave:0"))
                                   << "queue.policy" << "interleave:N";
        QTest::newRow("slack F above 1") << withChange(QStringLiteral("queue.policy"), QStringLiteral("slack:2")) << "queue.policy"
                                        << "slack[:F]";
        QTest::newRow("slack F not a number") << withChange(QStringLiteral("queue.policy"), QStringLiteral("slack:x"))
                                             << "queue.policy" << "not \"slack:x\"";
        QTest::newRow("ticket_url without ticket")
            << withChange(QStringLiteral("platform.ticket_url"), QStringLiteral("https://p/t/")) << "platform.ticket_url"
            << "{ticket}";
        QTest::newRow("platform url scheme") << withChange(QStringLiteral("platform.url"), QStringLiteral("ftp://p/"))
                                            << "platform.url" << "https://";
        QTest::newRow("hallbus address range")
            << withChange(QStringLiteral("hallbus"), QJsonObject{{QStringLiteral("windows"),
                                                                  QJsonObject{{QStringLiteral("3"), QJsonObject{{QStringLiteral("board"), 300}}}}}})
            << "hallbus.windows.3.board" << "between 0 and 247";
        QTest::newRow("hallbus window key") << withChange(QStringLiteral("hallbus"),
                                                          QJsonObject{{QStringLiteral("windows"), QJsonObject{{QStringLiteral("three"), QJsonObject{}}}}})
                                           << "hallbus.windows.three" << "1–999";
        QTest::newRow("bind not an address") << withChange(QStringLiteral("http.bind"), QStringLiteral("everywhere"))
                                            << "http.bind" << "not an IP address";
        QTest::newRow("certificate without key") << withChange(QStringLiteral("http.tls_cert_file"), QStringLiteral("cert.pem"))
                                                << "http.tls_key_file" << "HTTPS takes both";
        QTest::newRow("key without certificate") << withChange(QStringLiteral("http.tls_key_file"), QStringLiteral("key.pem"))
                                                << "http.tls_cert_file" << "HTTPS takes both";
        QTest::newRow("max_connections too few") << withChange(QStringLiteral("http.max_connections"), 2)
                                                << "http.max_connections" << "between 8 and 4096";
        const QString designUri = QStringLiteral("postgresql://hallkiosk@hall-db:5432/hallkiosk?sslmode=verify-full");
        QTest::newRow("hall without index") << withChange(QStringLiteral("hall"), hallObject(designUri, QJsonValue(QJsonValue::Undefined)))
                                           << "hall.index" << "is required with hall.database";
        QTest::newRow("hall index 0") << withChange(QStringLiteral("hall"), hallObject(designUri, 0)) << "hall.index"
                                     << "between 1 and 9, not 0";
        QTest::newRow("hall index 10") << withChange(QStringLiteral("hall"), hallObject(designUri, 10)) << "hall.index"
                                      << "between 1 and 9, not 10";
        QTest::newRow("hall index as text") << withChange(QStringLiteral("hall"), hallObject(designUri, QStringLiteral("2")))
                                           << "hall.index" << "whole number, not a string";
        QTest::newRow("hall index fraction") << withChange(QStringLiteral("hall"), hallObject(designUri, 2.5)) << "hall.index"
                                            << "whole number";
        QTest::newRow("hall without database")
            << withChange(QStringLiteral("hall"), QJsonObject{{QStringLiteral("index"), 2}}) << "hall.database" << "required";
        QTest::newRow("hall database not a string")
            << withChange(QStringLiteral("hall"), QJsonObject{{QStringLiteral("database"), 5432}, {QStringLiteral("index"), 2}})
            << "hall.database" << "must be a string";
        QTest::newRow("hall not an object") << withChange(QStringLiteral("hall"), designUri) << "hall" << "must be an object";
        QTest::newRow("hall unknown key") << withChange(QStringLiteral("hall.databse"), designUri) << "hall.databse"
                                         << "unknown key";
        QTest::newRow("hall database wrong scheme")
            << withChange(QStringLiteral("hall"), hallObject(QStringLiteral("mysql://hall-db/hallkiosk"))) << "hall.database"
            << "must start with postgresql://";
        QTest::newRow("hall database with a password")
            << withChange(QStringLiteral("hall"), hallObject(QStringLiteral("postgresql://hallkiosk:s3cret@hall-db/hallkiosk")))
            << "hall.database" << "hall.password_file";
        QTest::newRow("hall password file missing")
            << withChange(QStringLiteral("hall"), QJsonObject{{QStringLiteral("database"), designUri},
                                                              {QStringLiteral("index"), 2},
                                                              {QStringLiteral("password_file"), QStringLiteral("/nonexistent/hall-db.pass")}})
            << "hall.password_file" << "cannot read /nonexistent/hall-db.pass";
        QTest::newRow("hall password file empty name")
            << withChange(QStringLiteral("hall"), QJsonObject{{QStringLiteral("database"), designUri},
                                                              {QStringLiteral("index"), 2},
                                                              {QStringLiteral("password_file"), QStringLiteral("")}})
            << "hall.password_file" << "must not be empty";
        QTest::newRow("countdown too short") << withChange(QStringLiteral("kiosk.ticket_screen_s"), 5)
                                            << "kiosk.ticket_screen_s" << "between 20";
    }
    void errorsNameTheKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, key);
        QFETCH(QString, problem);
        auto config = ConfigLoader::parse(json, {});
        QVERIFY(!config.ok());
        const QString text = errorsText(config.error());
        QVERIFY2(text.contains(key + QStringLiteral(": ")), qPrintable(text));
        QVERIFY2(text.contains(problem), qPrintable(text));
    }

    void everyErrorIsReportedAtOnce()
    {
        auto config = ConfigLoader::parse(R"({"terminal": {"id": 1}, "devices": {"printer": "nope"}, "extra": true})", {});
        QVERIFY(!config.ok());
        const QString text = errorsText(config.error());
        for (const char *key : {"terminal.id:", "terminal.center:", "database:", "devices.printer:", "extra:"})
            QVERIFY2(text.contains(QLatin1String(key)), qPrintable(text));
    }

    void brokenJsonNamesTheLine()
    {
        auto config = ConfigLoader::parse("{\n  \"terminal\": {\n    \"id\": \"T01\",\n  }\n}", {});
        QVERIFY(!config.ok());
        QVERIFY2(errorsText(config.error()).contains(QStringLiteral("line 4")), qPrintable(errorsText(config.error())));
    }

    void deviceUris_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("scheme");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        using S = DeviceUri::Scheme;
        QTest::newRow("serial") << "serial:/dev/ttyUSB0?baud=115200" << int(S::Serial) << "/dev/ttyUSB0" << "" << 0;
        QTest::newRow("usblp") << "usblp:/dev/usb/lp0" << int(S::UsbLp) << "/dev/usb/lp0" << "" << 0;
        QTest::newRow("tcp") << "tcp:192.0.2.10:9100" << int(S::Tcp) << "" << "192.0.2.10" << 9100;
        QTest::newRow("tcp v6") << "tcp:[::1]:9100" << int(S::Tcp) << "" << "::1" << 9100;
        QTest::newRow("cups") << "cups:TicketPrinter" << int(S::Cups) << "TicketPrinter" << "" << 0;
        QTest::newRow("evdev") << "evdev:/dev/input/event3" << int(S::Evdev) << "/dev/input/event3" << "" << 0;
        QTest::newRow("sim") << "sim:" << int(S::Sim) << "" << "" << 0;
        QTest::newRow("sim with status") << "sim:?status=paper_out" << int(S::Sim) << "" << "" << 0;
    }
    void deviceUris()
    {
        QFETCH(QString, text);
        QFETCH(int, scheme);
        QFETCH(QString, path);
        QFETCH(QString, host);
        QFETCH(int, port);
        auto uri = DeviceUri::parse(text);
        QVERIFY2(uri.ok(), qPrintable(uri ? QString() : uri.error()));
        QCOMPARE(int(uri->scheme), scheme);
        QCOMPARE(uri->path, path);
        QCOMPARE(uri->host, host);
        QCOMPARE(int(uri->port), port);
    }

    void hallDatabaseUris_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<QStringList>("ports");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QStringList>("options");
        QTest::newRow("DESIGN §11") << "postgresql://hallkiosk@hall-db:5432/hallkiosk?sslmode=verify-full"
                                    << strings({"hall-db"}) << strings({"5432"}) << "hallkiosk" << "hallkiosk"
                                    << strings({"sslmode=verify-full"});
        QTest::newRow("postgres:, no user, no port") << "postgres://hall-db/hallkiosk" << strings({"hall-db"})
                                                     << QStringList{} << "" << "hallkiosk" << QStringList{};
        QTest::newRow("two hosts, read-write") << "postgresql://h1,h2/hallkiosk?target_session_attrs=read-write"
                                               << strings({"h1", "h2"}) << QStringList{} << "" << "hallkiosk"
                                               << strings({"target_session_attrs=read-write"});
        QTest::newRow("two hosts, a port each")
            << "postgresql://hallkiosk@10.0.0.1:5432,10.0.0.2:5433/hall?target_session_attrs=read-write&connect_timeout=5"
            << strings({"10.0.0.1", "10.0.0.2"}) << strings({"5432", "5433"}) << "hallkiosk" << "hall"
            << strings({"target_session_attrs=read-write", "connect_timeout=5"});
        QTest::newRow("three hosts, one port") << "postgresql://h1,h2:5433,h3/hall" << strings({"h1", "h2", "h3"})
                                               << strings({"", "5433", ""}) << "" << "hall" << QStringList{};
        QTest::newRow("IPv6 in brackets") << "postgresql://hallkiosk@[::1]:5432,[fd00::2]/hall" << strings({"::1", "fd00::2"})
                                          << strings({"5432", ""}) << "hallkiosk" << "hall" << QStringList{};
        QTest::newRow("percent-decoded")
            << "postgresql://hall%20kiosk@hall-db/hall%2Ddb?sslrootcert=%2Fetc%2Fhallkiosk%2Fhall%20ca.pem&application_name=it%27s"
            << strings({"hall-db"}) << QStringList{} << "hall kiosk" << "hall-db"
            << strings({"sslrootcert='/etc/hallkiosk/hall ca.pem'", "application_name='it\\'s'"});
        QTest::newRow("Unix socket folder") << "postgresql://%2Fvar%2Frun%2Fpostgresql:5433/hallkiosk"
                                            << strings({"/var/run/postgresql"}) << strings({"5433"}) << "" << "hallkiosk"
                                            << QStringList{};
        QTest::newRow("TLS with a CA") << "postgresql://hallkiosk@hall-db.example/hallkiosk?sslmode=verify-full&sslrootcert=/etc/hallkiosk/hall-ca.pem"
                                       << strings({"hall-db.example"}) << QStringList{} << "hallkiosk" << "hallkiosk"
                                       << strings({"sslmode=verify-full", "sslrootcert=/etc/hallkiosk/hall-ca.pem"});
    }
    void hallDatabaseUris()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, hosts);
        QFETCH(QStringList, ports);
        QFETCH(QString, user);
        QFETCH(QString, database);
        QFETCH(QStringList, options);
        auto uri = HallDatabaseUri::parse(text);
        QVERIFY2(uri.ok(), qPrintable(uri ? QString() : uri.error()));
        QCOMPARE(uri->hosts, hosts);
        QCOMPARE(uri->ports, ports);
        QCOMPARE(uri->user, user);
        QCOMPARE(uri->database, database);
        QCOMPARE(uri->options, options);
        QCOMPARE(uri->text, text);
    }

    void hallDatabaseOptionReadsBack()
    {
        auto uri = HallDatabaseUri::parse(
            QStringLiteral("postgresql://h1,h2/hall?target_session_attrs=read-write&application_name=it%27s%20a%5Cb"));
        QVERIFY(uri.ok());
        QCOMPARE(uri->option(QStringLiteral("target_session_attrs")), QStringLiteral("read-write"));
        QCOMPARE(uri->option(QStringLiteral("application_name")), QStringLiteral("it's a\\b"));
        QCOMPARE(uri->option(QStringLiteral("sslmode")), QString());
    }

    void badHallDatabaseUris_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("wrong scheme") << "mysql://hall-db/hallkiosk" << "must start with postgresql:// or postgres://";
        QTest::newRow("no scheme") << "hall-db:5432/hallkiosk" << "must start with postgresql://";
        QTest::newRow("one slash") << "postgresql:/hall-db/hallkiosk" << "must start with postgresql://";
        QTest::newRow("empty host") << "postgresql:///hallkiosk" << "host 1 is empty";
        QTest::newRow("empty host, user only") << "postgresql://hallkiosk@/hallkiosk" << "host 1 is empty";
        QTest::newRow("empty host in the list") << "postgresql://h1,,h3/hallkiosk" << "host 2 is empty";
        QTest::newRow("trailing comma") << "postgresql://h1,/hallkiosk" << "host 2 is empty";
        QTest::newRow("port not a number") << "postgresql://hall-db:54x2/hallkiosk" << "port \"54x2\" is not a number";
        QTest::newRow("port of host 2 not a number") << "postgresql://h1:5432,h2:pg/hallkiosk" << "host \"h2\": port \"pg\"";
        QTest::newRow("port empty") << "postgresql://hall-db:/hallkiosk" << "the port after \":\" is empty";
        QTest::newRow("port 0") << "postgresql://hall-db:0/hallkiosk" << "port 0 is not 1–65535";
        QTest::newRow("port too big") << "postgresql://hall-db:70000/hallkiosk" << "port 70000 is not 1–65535";
        QTest::newRow("no database") << "postgresql://hall-db" << "names no database";
        QTest::newRow("no database, slash") << "postgresql://hall-db:5432/" << "names no database";
        QTest::newRow("no database, parameters") << "postgresql://hall-db?sslmode=require" << "names no database";
        QTest::newRow("IPv6 without brackets") << "postgresql://::1/hallkiosk" << "goes in brackets";
        QTest::newRow("IPv6 bracket unclosed") << "postgresql://[::1/hallkiosk" << "without \"]\"";
        QTest::newRow("not IPv6 in brackets") << "postgresql://[hall-db]/hallkiosk" << "not an IPv6 address";
        QTest::newRow("host with a space") << "postgresql://hall db/hallkiosk" << "not a host name";
        QTest::newRow("password") << "postgresql://hallkiosk:s3cret@hall-db/hallkiosk" << "holds a password";
        QTest::newRow("empty password") << "postgresql://hallkiosk:@hall-db/hallkiosk" << "holds a password";
        QTest::newRow("password with a slash") << "postgresql://hallkiosk:s3/cret@hall-db/hallkiosk" << "holds a password";
        QTest::newRow("password parameter") << "postgresql://hall-db/hallkiosk?password=s3cret" << "holds a password";
        QTest::newRow("sslpassword parameter") << "postgresql://hall-db/hallkiosk?sslpassword=s3cret" << "does not belong in the config";
        QTest::newRow("empty user") << "postgresql://@hall-db/hallkiosk" << "user name before \"@\" is empty";
        QTest::newRow("unknown parameter") << "postgresql://hall-db/hallkiosk?sslmod=require" << "unknown parameter \"sslmod\"";
        QTest::newRow("parameter without value") << "postgresql://hall-db/hallkiosk?sslmode" << "\"sslmode\" has no value";
        QTest::newRow("parameter empty value") << "postgresql://hall-db/hallkiosk?sslmode=" << "\"sslmode\" has no value";
        QTest::newRow("parameter twice") << "postgresql://hall-db/hallkiosk?sslmode=require&sslmode=disable" << "given twice";
        QTest::newRow("host as a parameter") << "postgresql://hall-db/hallkiosk?host=other" << "say it in the URI itself";
        QTest::newRow("bad sslmode") << "postgresql://hall-db/hallkiosk?sslmode=verify_full" << "must be one of disable";
        QTest::newRow("bad target_session_attrs") << "postgresql://h1,h2/hallkiosk?target_session_attrs=readwrite"
                                                  << "must be one of any, read-write";
        QTest::newRow("timeout not a number") << "postgresql://hall-db/hallkiosk?connect_timeout=3s" << "whole number";
        QTest::newRow("semicolon in a value") << "postgresql://hall-db/hallkiosk?application_name=a%3Bb" << "cannot contain \";\"";
        QTest::newRow("bad percent") << "postgresql://hall-db/hall%zz" << "two hex digits";
        QTest::newRow("zero byte") << "postgresql://hall-db/hall%00" << "zero byte";
        QTest::newRow("fragment") << "postgresql://hall-db/hallkiosk#primary" << "\"#\"";
    }
    void badHallDatabaseUris()
    {
        QFETCH(QString, text);
        QFETCH(QString, problem);
        auto uri = HallDatabaseUri::parse(text);
        QVERIFY(!uri.ok());
        QVERIFY2(uri.error().contains(problem), qPrintable(uri.error()));
        QVERIFY2(!uri.error().contains(QLatin1String("s3")), qPrintable(uri.error())); // a password is never repeated
    }

    void hallConfigIsRead()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(!writeFile(dir, QStringLiteral("hall-db.pass"), "  s3cret \nsecond line\n").isEmpty());
        QJsonObject hall = hallObject(QStringLiteral("postgresql://hallkiosk@h1:5432,h2:5432/hallkiosk?target_session_attrs=read-write"), 3);
        hall.insert(QStringLiteral("password_file"), QStringLiteral("hall-db.pass"));
        auto config = ConfigLoader::parse(withChange(QStringLiteral("hall"), hall), dir.path());
        QVERIFY2(config.ok(), qPrintable(config ? QString() : errorsText(config.error())));
        QVERIFY(config->hall);
        QCOMPARE(config->hall->index, 3);
        QCOMPARE(config->hall->database.hosts, (QStringList{QStringLiteral("h1"), QStringLiteral("h2")}));
        QCOMPARE(config->hall->database.ports, (QStringList{QStringLiteral("5432"), QStringLiteral("5432")}));
        QCOMPARE(config->hall->database.option(QStringLiteral("target_session_attrs")), QStringLiteral("read-write"));
        QCOMPARE(*config->hall->passwordFile, dir.filePath(QStringLiteral("hall-db.pass"))); // relative to the config
        QCOMPARE(config->hall->password, QStringLiteral("s3cret"));
        // The SQLite file stays: the terminal's own cache and offline tickets live there.
        QCOMPARE(config->database, QStringLiteral("/var/lib/hallkiosk/hallkiosk.db"));
    }

    void hallIsOptional()
    {
        auto config = ConfigLoader::parse(kMinimal, {});
        QVERIFY(config.ok());
        QVERIFY(!config->hall); // a terminal alone on SQLite
        auto withoutPassword = ConfigLoader::parse(withChange(QStringLiteral("hall"), hallObject(QStringLiteral("postgresql://h/hall"), 1)), {});
        QVERIFY2(withoutPassword.ok(), qPrintable(withoutPassword ? QString() : errorsText(withoutPassword.error())));
        QVERIFY(withoutPassword->hall);
        QVERIFY(!withoutPassword->hall->passwordFile);
        QVERIFY(withoutPassword->hall->password.isEmpty());
    }

    void hallPasswordFileErrors_data()
    {
        QTest::addColumn<bool>("folder"); // a folder where the file should be
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty file") << false << QByteArray("") << "is empty";
        QTest::newRow("only white space") << false << QByteArray(" \n\n") << "is empty";
        QTest::newRow("a folder") << true << QByteArray() << "cannot read";
    }
    void hallPasswordFileErrors()
    {
        QFETCH(bool, folder);
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString path;
        if (folder) {
            QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("pass")));
            path = dir.filePath(QStringLiteral("pass"));
        } else {
            path = writeFile(dir, QStringLiteral("hall-db.pass"), content);
            QVERIFY(!path.isEmpty());
        }
        QJsonObject hall = hallObject(QStringLiteral("postgresql://hallkiosk@hall-db/hallkiosk"));
        hall.insert(QStringLiteral("password_file"), path);
        auto config = ConfigLoader::parse(withChange(QStringLiteral("hall"), hall), {});
        QVERIFY(!config.ok());
        const QString text = errorsText(config.error());
        QVERIFY2(text.contains(QStringLiteral("hall.password_file: ")), qPrintable(text));
        QVERIFY2(text.contains(problem), qPrintable(text));
    }

    void hallDocsExamplesAreAccepted()
    {
        // docs/hall.md shows a config per terminal; each must load as written (the password file
        // aside, which is the technician's to create).
        QFile doc(QStringLiteral(HALLKIOSK_SOURCE_DIR "/docs/hall.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString password = writeFile(dir, QStringLiteral("hall-db.pass"), "s3cret\n");
        QVERIFY(!password.isEmpty());
        static const QRegularExpression kBlock(QStringLiteral("```json\\n(.*?)```"), QRegularExpression::DotMatchesEverythingOption);
        QSet<int> indexes;
        int withBus = 0;
        int configs = 0;
        for (auto it = kBlock.globalMatch(text); it.hasNext();) {
            QJsonObject root = QJsonDocument::fromJson(it.next().captured(1).toUtf8()).object();
            if (!root.contains(QStringLiteral("terminal")))
                continue; // a fragment, not a whole config
            ++configs;
            QJsonObject hall = root.value(QStringLiteral("hall")).toObject();
            QCOMPARE(hall.value(QStringLiteral("password_file")).toString(), QStringLiteral("/etc/hallkiosk/hall-db.pass"));
            hall.insert(QStringLiteral("password_file"), password);
            root.insert(QStringLiteral("hall"), hall);
            auto config = ConfigLoader::parse(QJsonDocument(root).toJson(), {});
            QVERIFY2(config.ok(), qPrintable(config ? QString() : errorsText(config.error())));
            QVERIFY(config->hall);
            QVERIFY2(!indexes.contains(config->hall->index), "hall.index is unique in the hall");
            indexes.insert(config->hall->index);
            withBus += config->devices.hallbus ? 1 : 0;
        }
        QCOMPARE(configs, 3);
        QCOMPARE(withBus, 1); // one terminal drives the window bus
    }

    void demoCatalogParses()
    {
        auto parsed = CatalogParser::loadFile(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
        QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : errorsText(parsed.error())));
        const Catalog &c = parsed->catalog;
        QCOMPARE(QString::fromStdString(c.center.id), QStringLiteral("SQ-001"));
        QCOMPARE(c.groups.size(), size_t(6));
        QCOMPARE(c.groups.front().prefix, 'A');
        QCOMPARE(QString::fromStdString(c.findWindow(3)->name), QStringLiteral("3号窗口"));
        QCOMPARE(QString::fromStdString(c.findWindow(8)->name), QStringLiteral("综合窗口"));
        QVERIFY(c.findWindow(8)->serves("SW"));
        QCOMPARE(c.rules.onsiteDeadline, 16 * 60 + 30);
        QCOMPARE(c.findMatter("BDC-002")->complexity, Complexity::Special);
        QVERIFY(parsed->warnings.isEmpty());
    }

    // DESIGN §3 Working calendar: `holidays` lists every closed date of a holiday period, its
    // weekend days included, so weekend service switched on never opens inside one. Every run of
    // consecutive non-working days that holds a listed holiday must be listed whole.
    void shippedCatalogsListTheWeekendsOfTheirHolidays_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("demo") << QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json");
        QTest::newRow("county") << QStringLiteral(HALLKIOSK_SOURCE_DIR "/platform/sim/county-catalog.json");
    }
    void shippedCatalogsListTheWeekendsOfTheirHolidays()
    {
        QFETCH(QString, file);
        auto parsed = CatalogParser::loadFile(file);
        QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : errorsText(parsed.error())));
        Catalog c = parsed->catalog;
        c.hours.extended.weekend = {{9 * 60, 12 * 60}};
        const WorkingCalendar calendar(c);
        QStringList opened;
        for (const CivilDate &holiday : c.calendar.holidays) {
            for (int step : {-1, 1}) {
                for (CivilDate d = holiday.addDays(step); !calendar.isWorkingDay(d); d = d.addDays(step)) {
                    if (calendar.isOpenDay(d))
                        opened << QString::fromStdString(d.toString());
                }
            }
        }
        opened.removeDuplicates();
        QVERIFY2(opened.isEmpty(), qPrintable(QStringLiteral("weekend service would open on ") + opened.join(QStringLiteral(", "))));
    }

    void catalogErrorsNameTheKey_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("prefix two letters") << "groups.0.prefix" << QJsonValue(QStringLiteral("AB")) << "groups[0].prefix: must be one capital letter";
        QTest::newRow("prefix is booked letter") << "groups.0.prefix" << QJsonValue(QStringLiteral("Y")) << "booked series";
        QTest::newRow("prefix taken") << "groups.1.prefix" << QJsonValue(QStringLiteral("A")) << "groups[1].prefix: \"A\" is used by another group";
        QTest::newRow("matter of unknown group") << "matters.0.group" << QJsonValue(QStringLiteral("XX")) << "matters[0].group: \"XX\" is not a group";
        QTest::newRow("weekend not a boolean") << "matters.0.weekend" << QJsonValue(QStringLiteral("yes")) << "matters[0].weekend";
        QTest::newRow("bad complexity") << "matters.0.complexity" << QJsonValue(QStringLiteral("hard")) << "matters[0].complexity";
        QTest::newRow("window of unknown group") << "windows.0.groups" << QJsonValue(QJsonArray{QStringLiteral("ZZ")}) << "windows[0].groups";
        QTest::newRow("hours reversed") << "hours.workday" << QJsonValue(QJsonArray{QJsonArray{QStringLiteral("12:00"), QStringLiteral("09:00")}})
                                        << "hours.workday[0]: ends before it starts";
        QTest::newRow("hours overlap") << "hours.workday"
                                       << QJsonValue(QJsonArray{QJsonArray{QStringLiteral("09:00"), QStringLiteral("12:00")},
                                                                QJsonArray{QStringLiteral("11:00"), QStringLiteral("17:00")}})
                                       << "hours.workday[1]: overlaps";
        QTest::newRow("bad holiday") << "calendar.holidays" << QJsonValue(QJsonArray{QStringLiteral("2026-02-30")}) << "calendar.holidays[0]";
        QTest::newRow("bad time zone") << "center.timezone" << QJsonValue(QStringLiteral("Mars/Olympus")) << "center.timezone";
        QTest::newRow("deadline") << "rules.onsite_deadline" << QJsonValue(QStringLiteral("4:30pm")) << "rules.onsite_deadline";
    }
    void catalogErrorsNameTheKey()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QFile file(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        // Walk "a.0.b" through objects and arrays and set the leaf.
        const QStringList keys = path.split(QLatin1Char('.'));
        std::function<QJsonValue(QJsonValue, int)> set = [&](QJsonValue node, int i) -> QJsonValue {
            if (i == keys.size())
                return value;
            bool isIndex = false;
            const int index = keys[i].toInt(&isIndex);
            if (isIndex) {
                QJsonArray a = node.toArray();
                a[index] = set(a.at(index), i + 1);
                return a;
            }
            QJsonObject o = node.toObject();
            o[keys[i]] = set(o.value(keys[i]), i + 1);
            return o;
        };
        root = set(root, 0).toObject();
        auto parsed = CatalogParser::parse(root);
        QVERIFY(!parsed.ok());
        QVERIFY2(errorsText(parsed.error()).contains(expected), qPrintable(errorsText(parsed.error())));
    }

    void weekendMattersMakeTheirGroupsWeekendGroups()
    {
        // Seed 001 §三: weekend service serves the matters the catalog marks `"weekend": true`.
        QFile file(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        auto plain = CatalogParser::parse(root);
        QVERIFY(plain.ok());
        QVERIFY(!plain->catalog.findMatter("SB-001")->weekend); // not unless marked
        QVERIFY(!plain->catalog.servesOnWeekend("SB"));
        QJsonArray matters = root.value(QStringLiteral("matters")).toArray();
        QJsonObject first = matters.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("group")).toString(), QStringLiteral("SB"));
        first.insert(QStringLiteral("weekend"), true);
        matters[0] = first;
        root.insert(QStringLiteral("matters"), matters);
        auto marked = CatalogParser::parse(root);
        QVERIFY(marked.ok());
        QVERIFY(marked->warnings.isEmpty());
        QVERIFY(marked->catalog.findMatter("SB-001")->weekend);
        QVERIFY(marked->catalog.servesOnWeekend("SB"));
        QVERIFY(!marked->catalog.servesOnWeekend("BDC"));
    }

    void catalogUnknownKeysAreWarningsNotErrors()
    {
        // The platform may be newer than the terminal: what it adds must not stop the hall.
        QFile file(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        root.insert(QStringLiteral("announcements"), QJsonArray{});
        auto parsed = CatalogParser::parse(root);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->warnings.size(), 1);
        QCOMPARE(parsed->warnings.first().key, QStringLiteral("announcements"));
    }

    void staffFile()
    {
        auto staff = StaffFileParser::parse(R"([{"id": "S01", "name": "王芳", "windows": [3, 8], "pin_hash": "pbkdf2-sha256$1$c2FsdHNhbHQ=$x",
                                                "role": "clerk"}, {"id": "S02", "pin_hash": "h", "role": "supervisor"}])");
        QVERIFY(staff.ok());
        QCOMPARE(staff->size(), size_t(2));
        QCOMPARE(staff->at(0).windows, (std::vector<int>{3, 8}));
        QVERIFY(staff->at(0).mayServe(8));
        QVERIFY(!staff->at(0).mayServe(4));
        QVERIFY(staff->at(1).mayServe(4)); // a supervisor serves every window
    }

    void staffFileErrorsNameTheEntry_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an array") << QByteArray(R"({"id": "S01"})") << "a JSON array";
        QTest::newRow("no hash") << QByteArray(R"([{"id": "S01"}])") << "[0].pin_hash: is required";
        QTest::newRow("twice") << QByteArray(R"([{"id": "S01", "pin_hash": "h"}, {"id": "S01", "pin_hash": "h"}])") << "[1].id: \"S01\" is listed twice";
        QTest::newRow("bad window") << QByteArray(R"([{"id": "S01", "pin_hash": "h", "windows": ["3"]}])") << "[0].windows: must list window numbers";
        QTest::newRow("bad role") << QByteArray(R"([{"id": "S01", "pin_hash": "h", "role": "boss"}])") << "[0].role: must be clerk, supervisor or technician";
        QTest::newRow("typo") << QByteArray(R"([{"id": "S01", "pin_hash": "h", "window": [3]}])") << "[0].window: unknown key";
    }
    void staffFileErrorsNameTheEntry()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        auto staff = StaffFileParser::parse(json);
        QVERIFY(!staff.ok());
        QVERIFY2(staff.error().first().toString().contains(expected), qPrintable(staff.error().first().toString()));
    }
};

QTEST_APPLESS_MAIN(TestConfig)
#include "tst_config.moc"
