// app/config: the terminal's local override file (DESIGN §12) — laid over the config key by key, only
// the keys a technician may change, a change that does not validate never written, a file that does
// not parse passed over for its .bak (then none) with a warning, never an error that stops the
// terminal; and the config without secrets for the diagnostics bundle.

#include "app/config/config_loader.h"
#include "app/config/json_merge.h"
#include "app/config/local_override_file.h"
#include "app/config/redacted_config.h"
#include "app/process/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson();
}

// A terminal's files: the packaged config in etc/, its database (and so local.json) in state/.
struct Terminal {
    QTemporaryDir dir;
    QString etc = dir.filePath(QStringLiteral("etc"));
    QString state = dir.filePath(QStringLiteral("state"));
    QString config = QDir(etc).filePath(QStringLiteral("hallkiosk.json"));
    QString local = QDir(state).filePath(QStringLiteral("local.json"));
    QString site = QDir(state).filePath(QStringLiteral("site.json"));

    Terminal()
    {
        QDir().mkpath(etc);
        QDir().mkpath(state);
        writeFile(config, json(QJsonObject{
                              {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
                              {QStringLiteral("database"), QDir(state).filePath(QStringLiteral("hallkiosk.db"))},
                              {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("serial:/dev/ttyS1?baud=115200")},
                                                                      {QStringLiteral("idcard"), QStringLiteral("serial:/dev/ttyUSB0?baud=115200")},
                                                                      {QStringLiteral("scanner"), QStringLiteral("serial:/dev/ttyACM0?baud=9600&suffix=cr")}}},
                              {QStringLiteral("http"), QJsonObject{{QStringLiteral("port"), 8081}}},
                              {QStringLiteral("platform"), QJsonObject{{QStringLiteral("url"), QStringLiteral("https://platform.example/")},
                                                                       {QStringLiteral("secret_file"), QStringLiteral("/etc/hallkiosk/secret")}}},
                              {QStringLiteral("staff_file"), QStringLiteral("/etc/hallkiosk/staff.json")},
                          }));
    }

    Config load() const
    {
        auto loaded = ConfigLoader::loadFile(config, ConfigLoader::LocalOverrides::Apply);
        if (!loaded) {
            qWarning() << loaded.error().first().toString();
            return {};
        }
        return loaded.value();
    }
};

QJsonObject devices(const QJsonObject &values)
{
    return QJsonObject{{QStringLiteral("devices"), values}};
}

} // namespace

class TestLocalOverride : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mergeIsKeyByKey()
    {
        const QJsonObject base{{QStringLiteral("a"), QJsonObject{{QStringLiteral("x"), 1}, {QStringLiteral("y"), 2}}}, {QStringLiteral("b"), 3}};
        const QJsonObject over{{QStringLiteral("a"), QJsonObject{{QStringLiteral("y"), 20}, {QStringLiteral("z"), QJsonValue::Null}}}, {QStringLiteral("c"), 4}};
        const QJsonObject merged = mergeJson(base, over);
        QCOMPARE(merged.value(QStringLiteral("a")).toObject(),
                 (QJsonObject{{QStringLiteral("x"), 1}, {QStringLiteral("y"), 20}, {QStringLiteral("z"), QJsonValue::Null}}));
        QCOMPARE(merged.value(QStringLiteral("b")).toInt(), 3);
        QCOMPARE(merged.value(QStringLiteral("c")).toInt(), 4);
    }

    void localFileWinsOverTheConfig()
    {
        Terminal t;
        // Without a local file: the config as it is, and where the local file would be.
        Config plain = t.load();
        QCOMPARE(plain.devices.printer->path, QStringLiteral("/dev/ttyS1"));
        QCOMPARE(plain.local.path, t.local);
        QVERIFY(plain.local.usedPath.isEmpty());
        QVERIFY(plain.local.warnings.isEmpty());

        QVERIFY(writeFile(t.local, json(devices({{QStringLiteral("printer"), QStringLiteral("serial:/dev/ttyUSB3?baud=9600")},
                                                   {QStringLiteral("printer_profile"), QStringLiteral("escpos-58mm")},
                                                   {QStringLiteral("idcard"), QJsonValue::Null}}))));
        Config c = t.load();
        QCOMPARE(c.devices.printer->path, QStringLiteral("/dev/ttyUSB3"));
        QCOMPARE(c.devices.printer->baud, 9600);
        QCOMPARE(c.devices.printerProfile, QStringLiteral("escpos-58mm"));
        QVERIFY(!c.devices.idcard); // null in the local file: absent
        QCOMPARE(c.devices.scanner->path, QStringLiteral("/dev/ttyACM0")); // untouched keys stay the config's
        QCOMPARE(c.http.port, 8081);
        QCOMPARE(c.local.usedPath, t.local);
        QVERIFY(c.local.warnings.isEmpty());
        // The file's JSON stays the file's: the packaged config is never what the override writes.
        QCOMPARE(c.fileJson.value(QStringLiteral("devices")).toObject().value(QStringLiteral("printer")).toString(),
                 QStringLiteral("serial:/dev/ttyS1?baud=115200"));

        // Ignore: the file alone (tools, and every caller that asked for nothing).
        QCOMPARE(ConfigLoader::loadFile(t.config, ConfigLoader::LocalOverrides::Ignore)->devices.printer->path, QStringLiteral("/dev/ttyS1"));
        QCOMPARE(ConfigLoader::loadFile(t.config)->devices.printer->path, QStringLiteral("/dev/ttyS1"));
    }

    void setWritesAtomicallyAndKeepsTheBackup()
    {
        Terminal t;
        LocalOverrideFile local(t.load());
        QCOMPARE(local.path(), t.local);
        QVERIFY(local.set(QStringLiteral("devices.printer"), QStringLiteral("serial:/dev/ttyUSB3?baud=9600")).ok());
        QVERIFY(local.set(QStringLiteral("devices.hallbus"), QStringLiteral("serial:/dev/ttyUSB1?baud=9600")).ok());
        const QJsonObject expected = devices({{QStringLiteral("printer"), QStringLiteral("serial:/dev/ttyUSB3?baud=9600")},
                                              {QStringLiteral("hallbus"), QStringLiteral("serial:/dev/ttyUSB1?baud=9600")}});
        QCOMPARE(local.current(), expected);
        QCOMPARE(QJsonDocument::fromJson(readAll(t.local)).object(), expected);
        QCOMPARE(QJsonDocument::fromJson(readAll(atomicBackupPath(t.local))).object(),
                 devices({{QStringLiteral("printer"), QStringLiteral("serial:/dev/ttyUSB3?baud=9600")}}));
        // The next start runs what was set.
        Config c = t.load();
        QCOMPARE(c.devices.printer->path, QStringLiteral("/dev/ttyUSB3"));
        QCOMPARE(c.devices.hallbus->path, QStringLiteral("/dev/ttyUSB1"));
        // A device set to null is absent at the next start.
        QVERIFY(local.set(QStringLiteral("devices.scanner"), QJsonValue::Null).ok());
        QVERIFY(!t.load().devices.scanner);
        // The packaged config is never rewritten.
        QCOMPARE(QJsonDocument::fromJson(readAll(t.config)).object().value(QStringLiteral("devices")).toObject().value(QStringLiteral("printer")).toString(),
                 QStringLiteral("serial:/dev/ttyS1?baud=115200"));
    }

    void refusedKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("database") << "database" << QJsonValue(QStringLiteral("/tmp/x.db")) << "database: may not be set";
        QTest::newRow("http.port") << "http.port" << QJsonValue(9) << "http.port: may not be set";
        QTest::newRow("whole devices") << "devices" << QJsonValue(QJsonObject{}) << "devices: may not be set";
        QTest::newRow("keyboard scanner") << "devices.scanner_keyboard" << QJsonValue(QStringLiteral("evdev:/dev/input/event3"))
                                          << "devices.scanner_keyboard: may not be set";
        QTest::newRow("staff file") << "staff_file" << QJsonValue(QStringLiteral("/tmp/staff.json")) << "staff_file: may not be set";
        QTest::newRow("number as URI") << "devices.printer" << QJsonValue(3) << "devices.printer: must be a device URI";
        QTest::newRow("null profile") << "devices.printer_profile" << QJsonValue(QJsonValue::Null) << "devices.printer_profile: must be a profile";
    }

    void refusedKeys()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, named);
        Terminal t;
        LocalOverrideFile local(t.load());
        auto set = local.set(key, value);
        QVERIFY(!set.ok());
        QVERIFY2(set.error().startsWith(named), qPrintable(set.error()));
        QVERIFY(!QFile::exists(t.local));
        QCOMPARE(local.current(), QJsonObject());
    }

    void invalidChangeLeavesTheFile_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown scheme") << "devices.printer" << "ftp://x" << "devices.printer";
        QTest::newRow("scheme for another device") << "devices.idcard" << "usblp:/dev/usb/lp0" << "devices.idcard: usblp: cannot be used";
        QTest::newRow("bad baud") << "devices.hallbus" << "serial:/dev/ttyUSB1?baud=7" << "devices.hallbus";
    }

    void invalidChangeLeavesTheFile()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, named);
        Terminal t;
        LocalOverrideFile local(t.load());
        QVERIFY(local.set(QStringLiteral("devices.printer"), QStringLiteral("tcp:192.0.2.10:9100")).ok());
        const QByteArray before = readAll(t.local);
        const QByteArray backupBefore = readAll(atomicBackupPath(t.local));
        auto set = local.set(key, value);
        QVERIFY(!set.ok());
        QVERIFY2(set.error().startsWith(named), qPrintable(set.error()));
        QCOMPARE(readAll(t.local), before);
        QCOMPARE(readAll(atomicBackupPath(t.local)), backupBefore);
        QCOMPARE(local.current(), devices({{QStringLiteral("printer"), QStringLiteral("tcp:192.0.2.10:9100")}}));
    }

    void unwritableStateDirectoryIsAnError()
    {
        Terminal t;
        LocalOverrideFile local(QJsonDocument::fromJson(readAll(t.config)).object(), t.etc, t.dir.filePath(QStringLiteral("gone/local.json")), {});
        auto set = local.set(QStringLiteral("devices.printer"), QStringLiteral("sim:"));
        QVERIFY(!set.ok());
        QVERIFY2(set.error().contains(QStringLiteral("gone/local.json")), qPrintable(set.error()));
        QCOMPARE(local.current(), QJsonObject());
    }

    void corruptFileFallsBackToTheBackup()
    {
        Terminal t;
        {
            LocalOverrideFile local(t.load());
            QVERIFY(local.set(QStringLiteral("devices.printer"), QStringLiteral("serial:/dev/ttyUSB3?baud=9600")).ok());
            QVERIFY(local.set(QStringLiteral("devices.printer"), QStringLiteral("serial:/dev/ttyUSB4?baud=9600")).ok());
        }
        QVERIFY(writeFile(t.local, "{\"devices\": {\"printer\": \"serial:/dev/tty")); // cut off mid-write by hand
        Config c = t.load();
        QCOMPARE(c.devices.printer->path, QStringLiteral("/dev/ttyUSB3")); // the .bak's
        QCOMPARE(c.local.usedPath, atomicBackupPath(t.local));
        QCOMPARE(c.local.warnings.size(), 2);
        QVERIFY2(c.local.warnings[0].startsWith(t.local + QStringLiteral(": not valid JSON at line 1")), qPrintable(c.local.warnings[0]));
        QVERIFY2(c.local.warnings[0].contains(QStringLiteral("trying ") + atomicBackupPath(t.local)), qPrintable(c.local.warnings[0]));
        QVERIFY2(c.local.warnings[1].contains(QStringLiteral("used instead")), qPrintable(c.local.warnings[1]));

        // A change now replaces the bad file and keeps the good backup (the bad one is set aside).
        LocalOverrideFile local(c);
        QCOMPARE(local.current(), devices({{QStringLiteral("printer"), QStringLiteral("serial:/dev/ttyUSB3?baud=9600")}}));
        QVERIFY(local.set(QStringLiteral("devices.idcard"), QStringLiteral("sim:")).ok());
        QCOMPARE(QJsonDocument::fromJson(readAll(atomicBackupPath(t.local))).object(),
                 devices({{QStringLiteral("printer"), QStringLiteral("serial:/dev/ttyUSB3?baud=9600")}}));
        QVERIFY(QFile::exists(t.local + QStringLiteral(".rejected")));
        QCOMPARE(t.load().devices.printer->path, QStringLiteral("/dev/ttyUSB3"));
        QVERIFY(t.load().local.warnings.isEmpty());
    }

    void badFileAndBadBackupRunWithout_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QByteArray>("backup");
        QTest::addColumn<QString>("firstWarning");
        QTest::newRow("garbage, no backup") << QByteArray("\x00\x01garbage", 9) << QByteArray() << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1]") << QByteArray("nope") << "must hold one JSON object";
        QTest::newRow("refused key") << QByteArray(R"({"database": "/tmp/other.db"})") << QByteArray("{")
                                     << "database: may not be set";
        QTest::newRow("invalid URI") << QByteArray(R"({"devices": {"scanner": "usblp:/dev/usb/lp0"}})") << QByteArray()
                                     << "devices.scanner: usblp: cannot be used";
        QTest::newRow("empty file") << QByteArray() << QByteArray() << "not valid JSON";
    }

    void badFileAndBadBackupRunWithout()
    {
        QFETCH(QByteArray, file);
        QFETCH(QByteArray, backup);
        QFETCH(QString, firstWarning);
        Terminal t;
        QVERIFY(writeFile(t.local, file));
        if (!backup.isEmpty())
            QVERIFY(writeFile(atomicBackupPath(t.local), backup));
        Config c = t.load(); // never an error: the terminal starts
        QCOMPARE(c.devices.printer->path, QStringLiteral("/dev/ttyS1"));
        QVERIFY(c.local.usedPath.isEmpty());
        QCOMPARE(c.local.warnings.size(), 2);
        QVERIFY2(c.local.warnings[0].startsWith(t.local + QStringLiteral(": ")), qPrintable(c.local.warnings[0]));
        QVERIFY2(c.local.warnings[0].contains(firstWarning), qPrintable(c.local.warnings[0]));
        QVERIFY2(c.local.warnings[1].startsWith(atomicBackupPath(t.local) + QStringLiteral(": ")), qPrintable(c.local.warnings[1]));
        QVERIFY2(c.local.warnings[1].endsWith(QStringLiteral("running without local overrides")), qPrintable(c.local.warnings[1]));
    }

    // DESIGN §15: the site's identity goes to site.json in the state directory, never into /etc.
    void siteFileSetsTheIdentityUnderTheLocalFile()
    {
        Terminal t;
        QVERIFY(writeFile(t.site, json(QJsonObject{
                                      {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T07")}, {QStringLiteral("center"), QStringLiteral("QX-014")}}},
                                      {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("10.1.2.7")}}},
                                      {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("serial:/dev/ttyUSB5?baud=9600")}}},
                                  })));
        const QByteArray etcBefore = readAll(t.config);
        Config c = t.load();
        QCOMPARE(c.terminal.id, QStringLiteral("T07"));
        QCOMPARE(c.terminal.center, QStringLiteral("QX-014"));
        QCOMPARE(c.http.bind, QStringLiteral("10.1.2.7"));
        QCOMPARE(c.http.port, 8081); // keys the site file leaves out stay the config's
        QCOMPARE(c.devices.printer->path, QStringLiteral("/dev/ttyUSB5"));
        QCOMPARE(c.sitePath, t.site);
        QCOMPARE(c.sourcePath, QFileInfo(t.config).absoluteFilePath());
        // The technician's local file is laid over the site's, and a change from the menu keeps
        // the identity: it validates against the config with the site file in it.
        LocalOverrideFile local(c);
        QVERIFY(local.set(QStringLiteral("devices.printer"), QStringLiteral("serial:/dev/ttyUSB6?baud=9600")).ok());
        c = t.load();
        QCOMPARE(c.terminal.id, QStringLiteral("T07"));
        QCOMPARE(c.devices.printer->path, QStringLiteral("/dev/ttyUSB6"));
        QCOMPARE(c.local.usedPath, t.local);
        QCOMPARE(readAll(t.config), etcBefore);
        // Tools that ask for the file alone get the file alone.
        QCOMPARE(ConfigLoader::loadFile(t.config, ConfigLoader::LocalOverrides::Ignore)->terminal.id, QStringLiteral("T01"));
        QVERIFY(ConfigLoader::loadFile(t.config, ConfigLoader::LocalOverrides::Ignore)->sitePath.isEmpty());
    }

    void badSiteFileIsAnError_data()
    {
        QTest::addColumn<QByteArray>("site");
        QTest::addColumn<QString>("named");
        // Escaped, not raw: moc counts the braces inside a raw string.
        QTest::newRow("cut off") << QByteArray("{\"terminal\": {\"id\": \"T0") << "site.json: not valid JSON";
        QTest::newRow("empty") << QByteArray() << "site.json: not valid JSON";
        QTest::newRow("array") << QByteArray("[]") << "site.json: must hold one JSON object";
        QTest::newRow("database") << QByteArray(R"({"database": "/tmp/other.db"})") << "site.json: database: may not be set here";
        QTest::newRow("bad id") << QByteArray(R"({"terminal": {"id": "T 07/.."}})") << "site.json: terminal.id";
        QTest::newRow("bad port") << QByteArray(R"({"http": {"port": "eighty"}})") << "site.json: http.port";
    }

    // A site file that does not hold is an error, never passed over: the terminal would otherwise
    // start as the shipped T01 and mix its tickets and events with another terminal's.
    void badSiteFileIsAnError()
    {
        QFETCH(QByteArray, site);
        QFETCH(QString, named);
        Terminal t;
        QVERIFY(writeFile(t.site, site));
        auto loaded = ConfigLoader::loadFile(t.config, ConfigLoader::LocalOverrides::Apply);
        QVERIFY(!loaded);
        const QString said = loaded.error().first().toString();
        QVERIFY2(said.startsWith(t.site + QStringLiteral(": ")), qPrintable(said));
        QVERIFY2(said.contains(named), qPrintable(said));
    }

    void backupWithoutTheFileIsNotRevived()
    {
        Terminal t;
        QVERIFY(writeFile(atomicBackupPath(t.local), json(devices({{QStringLiteral("printer"), QStringLiteral("sim:")}}))));
        Config c = t.load();
        QCOMPARE(c.devices.printer->path, QStringLiteral("/dev/ttyS1"));
        QVERIFY(c.local.warnings.isEmpty());
    }

    void redactedConfigHasNoSecrets()
    {
        Terminal t;
        QJsonObject file = QJsonDocument::fromJson(readAll(t.config)).object();
        QJsonObject platform = file.value(QStringLiteral("platform")).toObject();
        platform.insert(QStringLiteral("match_key_file"), QStringLiteral("/etc/hallkiosk/match.key"));
        file.insert(QStringLiteral("platform"), platform);
        file.insert(QStringLiteral("hall"), QJsonObject{{QStringLiteral("database"), QStringLiteral("postgresql://kiosk@db.hall/hallkiosk?sslmode=require")},
                                                        {QStringLiteral("index"), 2}});
        QVERIFY(writeFile(t.config, json(file)));
        QVERIFY(writeFile(t.local, json(devices({{QStringLiteral("printer"), QStringLiteral("tcp:192.0.2.10:9100")}}))));
        const Config c = t.load();
        QVERIFY(c.hall);
        const QByteArray text = redactedConfigJson(c);
        const QJsonObject out = QJsonDocument::fromJson(text).object();
        // The local file laid over; the paths of secret files stay, their contents never read.
        QCOMPARE(out.value(QStringLiteral("devices")).toObject().value(QStringLiteral("printer")).toString(), QStringLiteral("tcp:192.0.2.10:9100"));
        QCOMPARE(out.value(QStringLiteral("platform")).toObject().value(QStringLiteral("secret_file")).toString(), QStringLiteral("/etc/hallkiosk/secret"));
        QCOMPARE(out.value(QStringLiteral("platform")).toObject().value(QStringLiteral("match_key_file")).toString(), QStringLiteral("/etc/hallkiosk/match.key"));
        QCOMPARE(out.value(QStringLiteral("staff_file")).toString(), QStringLiteral("/etc/hallkiosk/staff.json"));
        QCOMPARE(out.value(QStringLiteral("hall")).toObject().value(QStringLiteral("database")).toString(),
                 QStringLiteral("postgresql://kiosk@db.hall/hallkiosk?sslmode=require"));

        // Any secret a JSON could carry, at any depth.
        const QJsonObject secrets{
            {QStringLiteral("secret"), QStringLiteral("s3cr3t-value")},
            {QStringLiteral("nested"), QJsonObject{{QStringLiteral("api_token"), QStringLiteral("tok-123456")},
                                                   {QStringLiteral("db_password"), QStringLiteral("pw-abcdef")},
                                                   {QStringLiteral("pin_hash"), QStringLiteral("pbkdf2$deadbeef")},
                                                   {QStringLiteral("api_key"), QStringLiteral("key-777")},
                                                   {QStringLiteral("password_file"), QStringLiteral("/etc/hallkiosk/hall.pw")},
                                                   {QStringLiteral("mapping"), QStringLiteral("kept")},
                                                   {QStringLiteral("keyboard"), QStringLiteral("kept too")}}},
            {QStringLiteral("list"), QJsonArray{QJsonObject{{QStringLiteral("token"), QStringLiteral("tok-in-array")}}}},
            {QStringLiteral("uri"), QStringLiteral("postgresql://kiosk:pw-in-uri@db.hall:5432/hallkiosk")},
            {QStringLiteral("conninfo"), QStringLiteral("host=db user=kiosk password=pw-in-conninfo dbname=h")},
            {QStringLiteral("query"), QStringLiteral("postgresql://db.hall/h?password=pw-in-query&sslmode=require")},
        };
        const QByteArray redacted = QJsonDocument(redactedJson(secrets)).toJson();
        for (const char *secret : {"s3cr3t-value", "tok-123456", "pw-abcdef", "deadbeef", "key-777", "tok-in-array", "pw-in-uri",
                                   "pw-in-conninfo", "pw-in-query"})
            QVERIFY2(!redacted.contains(secret), secret);
        const QJsonObject r = redactedJson(secrets);
        QCOMPARE(r.value(QStringLiteral("uri")).toString(), QStringLiteral("postgresql://kiosk:***@db.hall:5432/hallkiosk"));
        QCOMPARE(r.value(QStringLiteral("nested")).toObject().value(QStringLiteral("password_file")).toString(), QStringLiteral("/etc/hallkiosk/hall.pw"));
        QCOMPARE(r.value(QStringLiteral("nested")).toObject().value(QStringLiteral("mapping")).toString(), QStringLiteral("kept"));
        QCOMPARE(r.value(QStringLiteral("nested")).toObject().value(QStringLiteral("keyboard")).toString(), QStringLiteral("kept too"));
        QCOMPARE(r.value(QStringLiteral("query")).toString(), QStringLiteral("postgresql://db.hall/h?password=***&sslmode=require"));
    }
};

QTEST_GUILESS_MAIN(TestLocalOverride)
#include "tst_local_override.moc"
