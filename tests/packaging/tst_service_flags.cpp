// The flags the package and the units run (DESIGN §15): `--check-config`, which a technician and the
// install test run before a start, and `--migrate`, which the package's postinst runs on an upgrade
// over the database of the previous schema (the committed fixture).

#include "tests/support/run_program.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = hk::test::ProgramRun;

Run run(const QStringList &arguments)
{
    return hk::test::runProgram(QStringLiteral(HALLKIOSK_BINARY), arguments);
}

QString writeConfig(const QTemporaryDir &dir, const QString &catalog)
{
    const QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), dir.filePath(QStringLiteral("state/hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")}}},
        {QStringLiteral("catalog_file"), catalog},
    };
    QDir(dir.path()).mkpath(QStringLiteral("state"));
    const QString path = dir.filePath(QStringLiteral("hallkiosk.json"));
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(json).toJson());
    return path;
}

QVariant scalar(const QString &file, const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return value;
}

} // namespace

class TestServiceFlags : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void checkConfigSaysOkOrNamesTheKey()
    {
        QTemporaryDir dir;
        const QString config = writeConfig(dir, dir.filePath(QStringLiteral("missing.json")));
        Run r = run({QStringLiteral("--config"), config, QStringLiteral("--check-config")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("catalog_file")), qPrintable(r.err));
        writeConfig(dir, QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
        // A technician's local.json is laid over, and said so.
        QFile local(dir.filePath(QStringLiteral("state/local.json")));
        QVERIFY(local.open(QIODevice::WriteOnly));
        local.write(R"({"devices": {"printer_profile": "escpos-58mm"}})");
        local.close();
        r = run({QStringLiteral("--config"), config, QStringLiteral("--check-config")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("ok (terminal T01, center SQ-001")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("local overrides from ") + local.fileName()), qPrintable(r.out));
        QVERIFY2(!QFile::exists(dir.filePath(QStringLiteral("state/hallkiosk.db"))), "a check created the database");
        // The site's identity from site.json in the state directory (DESIGN §15: /etc stays as shipped).
        QFile site(dir.filePath(QStringLiteral("state/site.json")));
        QVERIFY(site.open(QIODevice::WriteOnly));
        site.write(R"({"terminal": {"id": "T07", "center": "SQ-001"}})");
        site.close();
        r = run({QStringLiteral("--config"), config, QStringLiteral("--check-config")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("ok (terminal T07, center SQ-001")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("site settings from ") + site.fileName()), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("local overrides from ") + local.fileName()), qPrintable(r.out));
        // A site file that does not hold stops the terminal, naming the file and the key.
        QVERIFY(site.open(QIODevice::WriteOnly | QIODevice::Truncate));
        site.write(R"({"terminal": {"id": "T 07"}})");
        site.close();
        r = run({QStringLiteral("--config"), config, QStringLiteral("--check-config")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(site.fileName() + QStringLiteral(": terminal.id")), qPrintable(r.err));
        // Only with --config.
        QCOMPARE(run({QStringLiteral("--demo"), QStringLiteral("--check-config")}).exitCode, 2);
    }

    void migrateBringsThePreviousSchemaUpKeepingTheTickets()
    {
        QTemporaryDir dir;
        const QString config = writeConfig(dir, QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
        const QString db = dir.filePath(QStringLiteral("state/hallkiosk.db"));
        QVERIFY(QFile::copy(QStringLiteral(HALLKIOSK_SOURCE_DIR "/tests/fixtures/packaging/hallkiosk-schema-11.db"), db));
        QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 11);
        const Run r = run({QStringLiteral("--config"), config, QStringLiteral("--migrate")});
        QCOMPARE(r.exitCode, 0);
        const int version = scalar(db, QStringLiteral("PRAGMA user_version")).toInt();
        QVERIFY2(version > 11, qPrintable(QString::number(version)));
        QCOMPARE(r.out.trimmed(), QStringLiteral("%1: schema version %2").arg(db).arg(version));
        QCOMPARE(scalar(db, QStringLiteral("SELECT group_concat(number, ' ') FROM (SELECT number FROM tickets ORDER BY seq)")).toString(),
                 QStringLiteral("A001 A002 A003"));
        QVERIFY(scalar(db, QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('staff_sessions') WHERE name = 'scope'")).toInt() == 1);
        // Again: nothing left to do, the same answer.
        QCOMPARE(run({QStringLiteral("--config"), config, QStringLiteral("--migrate")}).out, r.out);
    }
};

QTEST_GUILESS_MAIN(TestServiceFlags)
#include "tst_service_flags.moc"
