// DESIGN §16 on the built `hallkiosk` program over loopback: a clerk's call-next and finish through
// /api/v1/windows/3/… are in the audit log (read from the SQLite file) as `staff:S03`; health shows
// `audit: {ok: true, rows}` once the start-up check (on its worker thread) is done; a row changed in
// the file while the program was stopped makes the next start say `ok: false` with the first bad row,
// and log an error naming it; and a program told to stop while it walks a long chain exits cleanly.

#include "app/services/staff/pin_hasher.h"
#include "db/audit_chain.h"
#include "db/database.h"
#include "db/stores/sql_queue_store.h"
#include "db/transaction.h"
#include "tests/support/hall_time.h"
#include "tests/support/http_request.h"
#include "tests/support/window_three.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

constexpr const char *kPin = "482916";

struct Program {
    QProcess process;
    QString log;
    quint16 port = 0;

    bool start(const QString &config)
    {
        process.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), config});
        if (!process.waitForStarted())
            return false;
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        if (!QTest::qWaitFor([&] { return (readLog(), kHttp.match(log).hasMatch()); }, 20000))
            return false;
        port = quint16(kHttp.match(log).captured(1).toUInt());
        return port > 0;
    }
    QString readLog() { return log += QString::fromUtf8(process.readAllStandardError()); }
    // SIGTERM, as systemd stops it; true when it exited by itself with status 0.
    bool stop()
    {
        process.terminate();
        const bool exited = process.waitForFinished(20000);
        readLog();
        return exited && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
    QJsonObject audit() { return test::request(port, "GET", QStringLiteral("/api/v1/health")).body.object().value(QStringLiteral("audit")).toObject(); }
};

// Runs `sql` on the file with a connection of the test's own, the program stopped or not.
QStringList query(const QString &file, const QString &sql, bool *ok = nullptr)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("look"));
        db.setDatabaseName(file);
        bool done = db.open();
        if (done) {
            QSqlQuery q(db);
            done = q.exec(sql);
            while (done && q.next())
                out << q.value(0).toString();
        }
        if (ok)
            *ok = done;
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("look"));
    return out;
}

} // namespace

class TestAuditBinaryE2e : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_config;
    QString dbPath() const { return m_dir.filePath(QStringLiteral("hallkiosk.db")); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString staffFile = test::writeWindowThreeClerk(m_dir.path(), PinHasher::hash(QLatin1String(kPin), 1000));
        QVERIFY(!staffFile.isEmpty());
        const QJsonObject json{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
            {QStringLiteral("database"), dbPath()},
            {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")}}},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), QString()}}},
            {QStringLiteral("staff_file"), staffFile},
            {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
        };
        m_config = m_dir.filePath(QStringLiteral("hallkiosk.json"));
        QFile config(m_config);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(json).toJson());
    }

    void aClerksActionsAreAuditedAndATamperedRowIsFound()
    {
        Program program;
        QVERIFY2(program.start(m_config), qPrintable(program.readLog()));
        {
            // A walk-in for window 3's group, taken at the terminal meanwhile.
            auto db = Database::open(dbPath());
            QVERIFY(db.ok());
            SqlQueueStore store(*db.value());
            const QDateTime now = QDateTime::currentDateTimeUtc().toTimeZone(test::hallZone());
            QVERIFY(store.issueWalkIn({QStringLiteral("BDC"), 'B', CivilDate(now.date().year(), now.date().month(), now.date().day()), now,
                                       QStringLiteral("T01"), 0})
                        .ok());
        }
        const QString token = test::request(program.port, "POST", QStringLiteral("/api/v1/session"),
                                            {{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")},
                                             {QStringLiteral("pin"), QLatin1String(kPin)}})
                                  .body.object()
                                  .value(QStringLiteral("token"))
                                  .toString();
        QVERIFY(!token.isEmpty());
        const test::Reply called = test::request(program.port, "POST", QStringLiteral("/api/v1/windows/3/call-next"), {}, token);
        QVERIFY2(called.status == 200, called.body.toJson().constData());
        const test::Reply finished = test::request(program.port, "POST", QStringLiteral("/api/v1/windows/3/finish"), {}, token);
        QVERIFY2(finished.status == 200, finished.body.toJson().constData());

        // In the file, as the clerk, on the ticket.
        const QString ticket = query(dbPath(), QStringLiteral("SELECT id FROM tickets WHERE number = 'B001'")).value(0);
        QVERIFY(!ticket.isEmpty());
        QCOMPARE(query(dbPath(), QStringLiteral("SELECT action || ' ' || actor FROM audit_log WHERE subject = '%1' ORDER BY seq").arg(ticket)),
                 (QStringList{QStringLiteral("ticket_called staff:S03"), QStringLiteral("ticket_finished staff:S03")}));
        const int rows = query(dbPath(), QStringLiteral("SELECT COUNT(*) FROM audit_log")).value(0).toInt();
        QVERIFY(rows >= 2);

        // Health, once the start-up walk is back: intact, every row counted.
        QTRY_VERIFY_WITH_TIMEOUT(program.audit().value(QStringLiteral("ok")).isBool(), 15000);
        QJsonObject audit = program.audit();
        QCOMPARE(audit.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(audit.value(QStringLiteral("rows")).toInteger(), qint64(rows));
        QVERIFY(!audit.contains(QStringLiteral("first_bad_seq")));
        QVERIFY(program.stop());
        QVERIFY2(program.log.contains(QStringLiteral("audit chain holds")), qPrintable(program.log));

        // Someone with the file and sqlite3, the program stopped: the append-only trigger dropped,
        // the clerk's call rewritten as another's.
        const QString seq = query(dbPath(), QStringLiteral("SELECT seq FROM audit_log WHERE subject = '%1' AND action = 'ticket_called'").arg(ticket)).value(0);
        QVERIFY(!seq.isEmpty());
        bool ok = false;
        query(dbPath(), QStringLiteral("DROP TRIGGER audit_log_append_only_update"), &ok);
        QVERIFY(ok);
        query(dbPath(), QStringLiteral("UPDATE audit_log SET actor = 'staff:S99' WHERE seq = %1").arg(seq), &ok);
        QVERIFY(ok);

        Program again;
        QVERIFY2(again.start(m_config), qPrintable(again.readLog()));
        QTRY_VERIFY_WITH_TIMEOUT(!again.audit().value(QStringLiteral("ok")).isNull(), 15000);
        audit = again.audit();
        QCOMPARE(audit.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(audit.value(QStringLiteral("first_bad_seq")).toInteger(), seq.toLongLong());
        QCOMPARE(audit.value(QStringLiteral("log")).toString(), QStringLiteral("terminal"));
        QTRY_VERIFY(again.readLog().contains(QStringLiteral("audit chain is broken: first bad row %1").arg(seq)));
        QVERIFY(again.stop());
    }

    // Told to stop right after it started, while the start-up check still walks a long chain: the
    // walk is cancelled between batches, the worker's connection closed on the worker, exit 0.
    void stoppingWhileTheChainIsWalkedExitsCleanly()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("hallkiosk.db"));
        {
            auto opened = Database::open(file);
            QVERIFY(opened.ok());
            Database &db = *opened.value();
            Transaction tx(db.connection());
            QVERIFY(tx.begin());
            QSqlQuery q(db.connection());
            const QDateTime at = QDateTime::currentDateTimeUtc();
            for (int i = 0; i < 100000; ++i)
                QVERIFY(AuditChain::append(q, AuditEntry{at, QStringLiteral("staff:S03"), QStringLiteral("ticket_called"),
                                                         QStringLiteral("ticket-%1").arg(i), QJsonObject{{QStringLiteral("window"), 3}}}));
            QVERIFY(tx.commit());
        }
        QFile original(m_config);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(original.readAll()).object();
        json.insert(QStringLiteral("database"), file);
        const QString config = dir.filePath(QStringLiteral("hallkiosk.json"));
        QFile out(config);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(json).toJson());
        out.close();

        Program program;
        QVERIFY2(program.start(config), qPrintable(program.readLog()));
        const bool stopped = program.stop();
        if (!stopped)
            qWarning().noquote() << "exit status" << program.process.exitStatus() << "code" << program.process.exitCode() << "\n" << program.log;
        QVERIFY(stopped);
        QVERIFY2(!program.log.contains(QStringLiteral("QSqlDatabasePrivate::removeDatabase")), qPrintable(program.log));
        QVERIFY2(!program.log.contains(QStringLiteral("QThread: Destroyed while thread")), qPrintable(program.log));
        // Either it was cancelled, or (a fast machine) it had finished; never both, never neither.
        const bool cancelled = program.log.contains(QStringLiteral("audit chain check was cancelled"));
        const bool held = program.log.contains(QStringLiteral("audit chain holds: 100000 rows"));
        QVERIFY2(cancelled != held, qPrintable(program.log));
    }
};

QTEST_GUILESS_MAIN(TestAuditBinaryE2e)
#include "tst_audit_binary_e2e.moc"
