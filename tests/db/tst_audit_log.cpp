// db: the audit log (DESIGN §5) on a real SQLite file — append-only, and a hash chain that shows
// any row changed, removed or slipped in; and a reprint recorded with its audit row at once.

#include "db/audit_chain.h"
#include "db/database.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/hall_time.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

const QDateTime kAt = test::hall(9, 5);

AuditEntry entry(int i)
{
    return {kAt.addSecs(i), QStringLiteral("staff:S0%1").arg(i), QStringLiteral("ticket_reprinted"), QStringLiteral("ticket-%1").arg(i),
            QJsonObject{{QStringLiteral("number"), QStringLiteral("A00%1").arg(i)}, {QStringLiteral("result"), QStringLiteral("printed")}}};
}

bool exec(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql);
}

} // namespace

class TestAuditLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chainsEveryRow()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db"))).value();
        SqlAuditLog log(*db);
        QString prev = AuditChain::kGenesis;
        for (int i = 1; i <= 5; ++i) {
            auto record = log.append(entry(i));
            QVERIFY(record.ok());
            QCOMPARE(record->seq, qint64(i));
            QCOMPARE(record->hash.size(), 64);
            prev = record->hash;
        }
        const auto check = log.verify().value();
        QVERIFY(check.intact());
        QCOMPARE(check.rows, qint64(5));
        const auto rows = log.entries(QStringLiteral("ticket-3")).value();
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(rows.front().entry.actor, QStringLiteral("staff:S03"));
        QCOMPARE(rows.front().entry.detail.value(QStringLiteral("number")).toString(), QStringLiteral("A003"));
        QCOMPARE(log.entries().value().back().hash, prev);
    }

    void refusesChangesAndRemovals()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db"))).value();
        SqlAuditLog log(*db);
        QVERIFY(log.append(entry(1)).ok());
        QVERIFY(!exec(*db, QStringLiteral("UPDATE audit_log SET actor = 'staff:S99'")));
        QVERIFY(!exec(*db, QStringLiteral("DELETE FROM audit_log")));
        QVERIFY(log.verify().value().intact());
    }

    void tamperingIsDetected_data()
    {
        QTest::addColumn<QString>("tamper");
        QTest::addColumn<qint64>("badSeq");
        QTest::addColumn<QString>("problem");
        QTest::newRow("a detail changed") << "UPDATE audit_log SET detail = '{\"number\":\"A009\"}' WHERE seq = 3" << qint64(3) << "changed";
        QTest::newRow("an actor changed") << "UPDATE audit_log SET actor = 'citizen' WHERE seq = 2" << qint64(2) << "changed";
        QTest::newRow("a row removed") << "DELETE FROM audit_log WHERE seq = 2" << qint64(3) << "missing";
        QTest::newRow("a row rewritten with a fresh hash")
            << "UPDATE audit_log SET actor = 'citizen', hash = 'f00d' || substr(hash, 5) WHERE seq = 2" << qint64(2) << "changed";
        QTest::newRow("a row slipped in")
            << "INSERT INTO audit_log VALUES (6, '2026-11-24T01:00:00.000Z', 'staff:S01', 'ticket_reprinted', 'x', '{}', "
               "(SELECT hash FROM audit_log WHERE seq = 5), 'beef')"
            << qint64(6) << "changed";
    }
    void tamperingIsDetected()
    {
        QFETCH(QString, tamper);
        QFETCH(qint64, badSeq);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db"))).value();
        SqlAuditLog log(*db);
        for (int i = 1; i <= 5; ++i)
            QVERIFY(log.append(entry(i)).ok());
        // Someone with the file and sqlite3 drops the guards first.
        QVERIFY(exec(*db, QStringLiteral("DROP TRIGGER audit_log_append_only_update")));
        QVERIFY(exec(*db, QStringLiteral("DROP TRIGGER audit_log_append_only_delete")));
        QVERIFY(exec(*db, tamper));
        const auto check = log.verify().value();
        QVERIFY(!check.intact());
        QCOMPARE(*check.firstBadSeq, badSeq);
        QVERIFY2(check.problem.contains(problem), qPrintable(check.problem));
    }

    void reprintAndItsAuditRowAreOneTransaction()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("a.db"))).value();
        SqlQueueStore store(*db);
        SqlAuditLog log(*db);
        auto issued = store.issueWalkIn({QStringLiteral("SB"), 'A', CivilDate(2026, 11, 24), kAt, QStringLiteral("T01")}).value();
        QVERIFY(store.setPrintState(issued.id, PrintState::PrintFailed).ok());
        QVERIFY(store.recordReprint(issued.id, PrintState::Printed, true,
                                    {kAt, QStringLiteral("citizen"), QStringLiteral("ticket_reprinted"), issued.id, {}})
                    .ok());
        auto ticket = *store.ticket(issued.id).value();
        QCOMPARE(ticket.printState, PrintState::Printed);
        QCOMPARE(ticket.reprints, 1);
        QCOMPARE(ticket.citizenReprints, 1);
        QVERIFY(store.recordReprint(issued.id, PrintState::PrintFailed, false,
                                    {kAt, QStringLiteral("staff:S01"), QStringLiteral("ticket_reprinted"), issued.id, {}})
                    .ok());
        ticket = *store.ticket(issued.id).value();
        QCOMPARE(ticket.printState, PrintState::PrintFailed);
        QCOMPARE(ticket.reprints, 2);
        QCOMPARE(ticket.citizenReprints, 1);
        QCOMPARE(log.entries(issued.id).value().size(), size_t(2));
        // No ticket, no audit row either.
        QVERIFY(!store.recordReprint(QStringLiteral("nope"), PrintState::Printed, false,
                                     {kAt, QStringLiteral("staff:S01"), QStringLiteral("ticket_reprinted"), QStringLiteral("nope"), {}})
                     .ok());
        QCOMPARE(log.entries().value().size(), size_t(2));
        QVERIFY(log.verify().value().intact());
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_audit_log.moc"
