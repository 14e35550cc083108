// db: the database check of the maintenance menu (DESIGN §12, 数据) — SQLite's integrity_check on a
// real file with a page overwritten (reported, no crash) and a row without its parent; on the hall's
// PostgreSQL (a private server) the schema version, every table read with its count, the
// append-only triggers and the indexes, each problem named.

#include "db/database.h"
#include "db/migrations.h"
#include "tests/support/store_engines.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hk;

class TestIntegrity : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void sqliteSound()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("k.db")));
        QVERIFY(db.ok());
        auto report = db.value()->integrityReport();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().detail));
        QVERIFY2(report->ok(), qPrintable(report->text()));
        QCOMPARE(report->text(), QStringLiteral("ok"));
        QVERIFY(report->checked.contains(QStringLiteral("schema %1").arg(Migrations::latestVersion())));
        QVERIFY(report->checked.contains(QStringLiteral("PRAGMA integrity_check")));
    }

    void sqliteCorruptPageIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("k.db"));
        auto opened = Database::open(path);
        QVERIFY(opened.ok());
        Database &db = *opened.value();
        // Enough rows for a table of many pages, all of it in the main file (not the WAL).
        QVERIFY(test::exec(db, QStringLiteral("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)")));
        QVERIFY(test::exec(db, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                                              "INSERT INTO filler SELECT i, printf('%0500d', i) FROM n")));
        QVERIFY(test::exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_size")) && q.next());
        const qint64 pageSize = q.value(0).toLongLong();
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        const qint64 pages = q.value(0).toLongLong();
        QVERIFY(pages > 100);
        q.finish();

        // A disk that went bad under a running terminal: a page in the middle of the file overwritten.
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek((pages / 2) * pageSize));
            QVERIFY(file.write(QByteArray(int(pageSize), '\x5a')) == pageSize);
            file.flush();
            ::fsync(file.handle());
        }
        auto report = db.integrityReport();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().detail));
        QVERIFY(!report->ok());
        QVERIFY2(report->text() != QLatin1String("ok"), qPrintable(report->text()));
        QVERIFY2(report->text().contains(QStringLiteral("Page %1:").arg(pages / 2 + 1)), qPrintable(report->text())); // 1-based
        // The older, first-problem check agrees.
        QVERIFY(!db.checkIntegrity().ok());
    }

    void sqliteRowWithoutItsParent()
    {
        QTemporaryDir dir;
        auto opened = Database::open(dir.filePath(QStringLiteral("k.db")));
        QVERIFY(opened.ok());
        Database &db = *opened.value();
        QVERIFY(test::exec(db, QStringLiteral("PRAGMA foreign_keys=OFF")));
        QVERIFY(test::exec(db, QStringLiteral("INSERT INTO windows (number, current_ticket) VALUES (9, 'no-such-ticket')")));
        QVERIFY(test::exec(db, QStringLiteral("PRAGMA foreign_keys=ON")));
        auto report = db.integrityReport();
        QVERIFY(report.ok());
        QCOMPARE(report->problems.size(), 1);
        QVERIFY2(report->problems.first().startsWith(QStringLiteral("windows row 9: its tickets row")), qPrintable(report->text()));
    }

    void hallSound()
    {
        auto db = m_engines.fresh(QStringLiteral("postgresql"));
        QVERIFY2(db, qPrintable(m_engines.error()));
        QVERIFY(test::exec(*db, QStringLiteral("INSERT INTO terminals (id, name) VALUES ('T01', 'one'), ('T02', 'two')")));
        auto report = db->integrityReport();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().detail));
        QVERIFY2(report->ok(), qPrintable(report->text()));
        QCOMPARE(report->text(), QStringLiteral("ok"));
        QVERIFY2(report->checked.contains(QStringLiteral("schema %1 of center %2").arg(Migrations::hallVersion().text(), test::StoreEngines::kCenter)),
                 qPrintable(report->checked.join(QLatin1Char('|'))));
        QVERIFY(report->checked.contains(QStringLiteral("terminals: 2 rows")));
        for (const char *table : {"tickets", "outbox", "audit_log", "ratings", "complaint_steps", "number_turn", "schema_info"})
            QVERIFY2(report->checked.contains(QStringLiteral("%1: ").arg(QLatin1String(table)) +
                                              (QLatin1String(table) == QLatin1String("schema_info") ? QStringLiteral("1 rows") : QStringLiteral("0 rows"))),
                     table);
    }

    void hallProblemsAreNamed()
    {
        auto db = m_engines.fresh(QStringLiteral("postgresql"));
        QVERIFY2(db, qPrintable(m_engines.error()));
        const QString name = m_engines.name();
        bool ok = false;
        // What a hand at the server (not this program) could do to a hall's database.
        const QString out = m_engines.postgres().psql(QStringLiteral("DROP TABLE help_requests; "
                                                                     "DROP TRIGGER audit_log_append_only_delete ON audit_log; "
                                                                     "REVOKE SELECT ON bookings FROM hallkiosk; "
                                                                     "UPDATE schema_info SET minor = 0"),
                                                      &ok, name);
        QVERIFY2(ok, qPrintable(out));
        auto report = db->integrityReport();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().detail));
        const QString text = report->text();
        QVERIFY2(text.contains(QStringLiteral("table help_requests is missing")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("trigger audit_log_append_only_delete is missing")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("table bookings cannot be read")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("schema_info: version 1.0 is older than this hallkiosk's")), qPrintable(text));
        QCOMPARE(report->problems.size(), 4);
        // The rest was still read.
        QVERIFY(report->checked.contains(QStringLiteral("tickets: 0 rows")));
    }

    void hallOfflineIsAnErrorNotAReport()
    {
        auto db = Database::openHallOffline(m_engines.hall(QStringLiteral("hallkiosk")), test::StoreEngines::kCenter, QStringLiteral("test: cable pulled"));
        auto report = db->integrityReport();
        QVERIFY(!report.ok());
        QCOMPARE(report.error().kind, StoreError::Kind::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestIntegrity)
#include "tst_integrity.moc"
