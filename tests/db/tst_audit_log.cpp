// db: the audit log (DESIGN §5) — append-only, and a hash chain that shows any row changed, removed
// or slipped in; a reprint recorded with its audit row at once; the staff's sign-in state and
// sessions. Every case on both engines (rows `sqlite` and `postgresql`).

#include "db/audit_chain.h"
#include "db/database.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_staff_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/store_engines.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <tuple>

using namespace hk;

namespace {

const QDateTime kAt = test::hall(9, 5);

AuditEntry entry(int i)
{
    return {kAt.addSecs(i), QStringLiteral("staff:S0%1").arg(i), QStringLiteral("ticket_reprinted"), QStringLiteral("ticket-%1").arg(i),
            QJsonObject{{QStringLiteral("number"), QStringLiteral("A00%1").arg(i)}, {QStringLiteral("result"), QStringLiteral("printed")}}};
}

using test::exec;

// What someone with the database and its client does first: drop the append-only guards.
QStringList dropGuards(const Database &db)
{
    const QStringList triggers{QStringLiteral("audit_log_append_only_update"), QStringLiteral("audit_log_append_only_delete")};
    QStringList sql;
    for (const QString &t : triggers)
        sql << (db.engine() == Database::Engine::Postgres ? QStringLiteral("DROP TRIGGER %1 ON audit_log").arg(t)
                                                          : QStringLiteral("DROP TRIGGER %1").arg(t));
    return sql;
}

} // namespace

class TestAuditLog : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void chainsEveryRow_data() { test::addEngineRows(); }
    void chainsEveryRow()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
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

    void refusesChangesAndRemovals_data() { test::addEngineRows(); }
    void refusesChangesAndRemovals()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlAuditLog log(*db);
        QVERIFY(log.append(entry(1)).ok());
        QVERIFY(!exec(*db, QStringLiteral("UPDATE audit_log SET actor = 'staff:S99'")));
        QVERIFY(!exec(*db, QStringLiteral("DELETE FROM audit_log")));
        if (db->engine() == Database::Engine::Postgres)
            QVERIFY(!exec(*db, QStringLiteral("TRUNCATE audit_log")));
        QVERIFY(log.verify().value().intact());
    }

    void tamperingIsDetected_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("tamper");
        QTest::addColumn<qint64>("badSeq");
        QTest::addColumn<QString>("problem");
        const QList<std::tuple<const char *, const char *, qint64, const char *>> cases{
            {"a detail changed", "UPDATE audit_log SET detail = '{\"number\":\"A009\"}' WHERE seq = 3", 3, "changed"},
            {"an actor changed", "UPDATE audit_log SET actor = 'citizen' WHERE seq = 2", 2, "changed"},
            {"a row removed", "DELETE FROM audit_log WHERE seq = 2", 3, "missing"},
            {"a row rewritten with a fresh hash",
             "UPDATE audit_log SET actor = 'citizen', hash = 'f00d' || substr(hash, 5) WHERE seq = 2", 2, "changed"},
            {"a row slipped in",
             "INSERT INTO audit_log VALUES (6, '2026-11-24T01:00:00.000Z', 'staff:S01', 'ticket_reprinted', 'x', '{}', "
             "(SELECT hash FROM audit_log WHERE seq = 5), 'beef')",
             6, "changed"},
        };
        for (const QString &engine : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            for (const auto &[name, tamper, badSeq, problem] : cases)
                QTest::addRow("%s: %s", qPrintable(engine), name)
                    << engine << QString::fromUtf8(tamper) << badSeq << QString::fromUtf8(problem);
        }
    }
    void tamperingIsDetected()
    {
        QFETCH(QString, engine);
        QFETCH(QString, tamper);
        QFETCH(qint64, badSeq);
        QFETCH(QString, problem);
        auto db = m_engines.fresh(engine);
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlAuditLog log(*db);
        for (int i = 1; i <= 5; ++i)
            QVERIFY(log.append(entry(i)).ok());
        for (const QString &drop : dropGuards(*db))
            QVERIFY(exec(*db, drop));
        QString error;
        QVERIFY2(exec(*db, tamper, &error), qPrintable(error));
        const auto check = log.verify().value();
        QVERIFY(!check.intact());
        QCOMPARE(*check.firstBadSeq, badSeq);
        QVERIFY2(check.problem.contains(problem), qPrintable(check.problem));
    }

    void reprintAndItsAuditRowAreOneTransaction_data() { test::addEngineRows(); }
    void reprintAndItsAuditRowAreOneTransaction()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
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

    void staffSignInStateAndSessions_data() { test::addEngineRows(); }
    void staffSignInStateAndSessions()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlStaffStore staff(*db);
        QCOMPARE(staff.failures(QStringLiteral("S01")).value().count, 0);
        QVERIFY(staff.setFailures(QStringLiteral("S01"), {4, std::nullopt}).ok());
        QVERIFY(staff.setFailures(QStringLiteral("S01"), {5, kAt.addSecs(900)}).ok());
        const SignInFailures f = staff.failures(QStringLiteral("S01")).value();
        QCOMPARE(f.count, 5);
        QCOMPARE(*f.lockedUntil, kAt.addSecs(900));
        QVERIFY(staff.setFailures(QStringLiteral("S01"), {}).ok());
        QCOMPARE(staff.failures(QStringLiteral("S01")).value().count, 0);

        // A digest with every byte value (a NUL among them) comes back byte for byte (BYTEA).
        QByteArray digest;
        for (int i = 0; i < 32; ++i)
            digest.append(char(i * 8));
        QVERIFY(staff.saveSession({digest, QStringLiteral("S01"), 3, kAt.addSecs(3600)}).ok());
        QVERIFY(staff.saveSession({digest, QStringLiteral("S01"), 4, kAt.addSecs(7200)}).ok()); // the same token again
        const auto session = staff.session(digest).value();
        QVERIFY(session);
        QCOMPARE(session->window, 4);
        QCOMPARE(session->expiresAt, kAt.addSecs(7200));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT token_digest FROM staff_sessions")) && q.next());
        QCOMPARE(q.value(0).toByteArray(), digest);
        QVERIFY(!staff.session(QByteArray(32, 'x')).value());
        QVERIFY(staff.saveSession({QByteArray(32, 'y'), QStringLiteral("S02"), 5, kAt}).ok());
        QVERIFY(staff.deleteExpiredSessions(kAt.addSecs(60)).ok());
        QVERIFY(!staff.session(QByteArray(32, 'y')).value());
        QVERIFY(staff.deleteSession(digest).ok());
        QVERIFY(!staff.session(digest).value());
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_audit_log.moc"
