// db: the audit log (DESIGN §5) — append-only, and a hash chain that shows any row changed, removed
// or slipped in; a reprint recorded with its audit row at once; the staff's sign-in state and
// sessions. Every case on both engines (rows `sqlite` and `postgresql`).

#include "db/audit_chain.h"
#include "db/database.h"
#include "db/hall/pg_connection.h"
#include "db/migrations.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_staff_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/store_engines.h"

#include <QCryptographicHash>
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

// An older program's row: format 1 (newline-joined), the chain_format column left to its default
// (what the migration gives every row written before it).
bool appendOldFormat(const Database &db, qint64 seq, const QString prev, const QString &actor, const QString &action, QString *hash,
                     QString *error)
{
    const QString at = QStringLiteral("2026-11-24T01:0%1:00.000Z").arg(seq % 10);
    const QString detail = QStringLiteral("{\"number\":\"A00%1\"}").arg(seq);
    *hash = AuditChain::hashOf(AuditChain::kNewlineJoined, prev, seq, at, actor, action, QStringLiteral("ticket-1"), detail);
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : QVariantList{seq, at, actor, action, QStringLiteral("ticket-1"), detail, prev, *hash})
        q.addBindValue(v);
    const bool ok = q.exec();
    if (!ok)
        *error = q.lastError().text();
    return ok;
}

// The schema as the release before the chain format left it: every migration but the ones adding
// `chain_format`, run by hand.
bool applyOldSchema(QSqlDatabase &db, bool postgres, QString *error)
{
    QSqlQuery q(db);
    const auto run = [&](const QString &sql) {
        if (q.exec(sql))
            return true;
        *error = sql.left(80) + QStringLiteral(": ") + q.lastError().text();
        return false;
    };
    if (!postgres) {
        for (const Migration &m : Migrations::sqlite()) {
            if (m.version >= 11)
                break;
            for (const QString &sql : m.statements)
                if (!run(sql))
                    return false;
        }
        return run(QStringLiteral("PRAGMA user_version = 10"));
    }
    for (const Migration &m : Migrations::postgres()) {
        if (m.version >= 4)
            break;
        for (const QString &sql : m.statements)
            if (!run(sql))
                return false;
    }
    return run(QStringLiteral("INSERT INTO schema_info (major, minor, center) VALUES (%1, 3, '%2')")
                   .arg(Migrations::kHallMajor)
                   .arg(test::StoreEngines::kCenter));
}

} // namespace

class TestAuditLog : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;
    QTemporaryDir m_dir;

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
             "(SELECT hash FROM audit_log WHERE seq = 5), 'beef', 2)",
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

    // DESIGN §16: each field is length-prefixed, so moving the boundary between two fields changes
    // the hash. Newline-joined (format 1), "a" + "b\nc" and "a\nb" + "c" hashed alike.
    void fieldBoundariesAreInTheHash()
    {
        const auto hash = [](int format, const QString &actor, const QString &action) {
            return AuditChain::hashOf(format, AuditChain::kGenesis, 1, QStringLiteral("2026-11-24T01:00:00.000Z"), actor, action,
                                      QStringLiteral("w:3"), QStringLiteral("{}"));
        };
        const int now = AuditChain::kCurrentFormat;
        QCOMPARE(now, AuditChain::kLengthPrefixed);
        QVERIFY(hash(now, QStringLiteral("a"), QStringLiteral("bc")) != hash(now, QStringLiteral("ab"), QStringLiteral("c")));
        QVERIFY(hash(now, QStringLiteral("a"), QStringLiteral("b\nc")) != hash(now, QStringLiteral("a\nb"), QStringLiteral("c")));
        QCOMPARE(hash(AuditChain::kNewlineJoined, QStringLiteral("a"), QStringLiteral("b\nc")),
                 hash(AuditChain::kNewlineJoined, QStringLiteral("a\nb"), QStringLiteral("c")));
        // The format written into db/README.md, recomputed here byte by byte as an auditor would.
        QByteArray input;
        for (const QByteArray &field : {AuditChain::kGenesis.toUtf8(), QByteArray("2"), QByteArray("1"), QByteArray("2026-11-24T01:00:00.000Z"),
                                        QByteArray("a"), QByteArray("bc"), QByteArray("w:3"), QByteArray("{}")}) {
            const quint32 n = quint32(field.size());
            input.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
            input.append(field);
        }
        QCOMPARE(hash(now, QStringLiteral("a"), QStringLiteral("bc")),
                 QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex()));
        QVERIFY(AuditChain::hashOf(3, AuditChain::kGenesis, 1, {}, {}, {}, {}, {}).isEmpty()); // a format not known
    }

    // A row rewritten with the boundary between actor and action moved, its hash left: the old
    // format could not see it; the new one does.
    void aMovedBoundaryIsDetected_data() { test::addEngineRows(); }
    void aMovedBoundaryIsDetected()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlAuditLog log(*db);
        QVERIFY(log.append(entry(1)).ok());
        QVERIFY(log.append({kAt, QStringLiteral("staff:S01"), QStringLiteral("x\nticket_called"), QStringLiteral("w:3"), {}}).ok());
        QVERIFY(log.append(entry(3)).ok());
        for (const QString &drop : dropGuards(*db))
            QVERIFY(exec(*db, drop));
        QString error;
        QVERIFY2(exec(*db, QStringLiteral("UPDATE audit_log SET actor = 'staff:S01' || chr(10) || 'x', action = 'ticket_called' WHERE seq = 2")
                               .replace(QStringLiteral("chr(10)"), db->engine() == Database::Engine::Postgres ? QStringLiteral("chr(10)")
                                                                                                               : QStringLiteral("char(10)")),
                      &error),
                 qPrintable(error));
        const auto check = log.verify().value();
        QVERIFY(!check.intact());
        QCOMPARE(*check.firstBadSeq, qint64(2));
        QVERIFY2(check.problem.contains(QStringLiteral("changed")), qPrintable(check.problem));
    }

    // A row's format never goes back: a format-2 row rewritten as format 1 (hash recomputed the
    // old way) is a break, though its format-1 hash holds.
    void aFormatGoingBackIsABreak_data() { test::addEngineRows(); }
    void aFormatGoingBackIsABreak()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlAuditLog log(*db);
        for (int i = 1; i <= 3; ++i)
            QVERIFY(log.append(entry(i)).ok());
        for (const QString &drop : dropGuards(*db))
            QVERIFY(exec(*db, drop));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT at, actor, action, subject, detail, prev_hash FROM audit_log WHERE seq = 3")) && q.next());
        const QString oldHash = AuditChain::hashOf(AuditChain::kNewlineJoined, q.value(5).toString(), 3, q.value(0).toString(),
                                                   q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toString());
        q.finish();
        QString error;
        QVERIFY2(exec(*db, QStringLiteral("UPDATE audit_log SET chain_format = 1, hash = '%1' WHERE seq = 3").arg(oldHash), &error),
                 qPrintable(error));
        const auto check = log.verify().value();
        QVERIFY(!check.intact());
        QCOMPARE(*check.firstBadSeq, qint64(3));
        QVERIFY2(check.problem.contains(QStringLiteral("goes back")), qPrintable(check.problem));
    }

    // A database of the release before: its rows stay as they were hashed (format 1), the
    // migration adds the column, new rows are format 2, and the whole chain verifies.
    void anOldDatabaseMigratedThenAppendedIsIntact_data() { test::addEngineRows(); }
    void anOldDatabaseMigratedThenAppendedIsIntact()
    {
        const bool postgres = QLatin1String(QTest::currentDataTag()) == QLatin1String("postgresql");
        QString name;
        {
            QSqlDatabase raw;
            const QString connection = QStringLiteral("old-schema-%1").arg(QLatin1String(QTest::currentDataTag()));
            if (postgres) {
                name = QStringLiteral("old_schema");
                QString error = m_engines.createDatabase(name, QStringLiteral("template0"));
                QVERIFY2(error.isEmpty(), qPrintable(error));
                auto opened = openHallConnection(m_engines.hall(name), connection);
                QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().detail));
                raw = opened.value();
            } else {
                name = m_dir.filePath(QStringLiteral("old.db"));
                raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
                raw.setDatabaseName(name);
                QVERIFY(raw.open());
            }
            QString error;
            QVERIFY2(applyOldSchema(raw, postgres, &error), qPrintable(error));
            raw.close();
            raw = QSqlDatabase();
            QSqlDatabase::removeDatabase(connection);
        }
        auto old = postgres ? Database::openHall(m_engines.hall(name), test::StoreEngines::kCenter) : Database::open(name);
        QVERIFY2(old.ok(), qPrintable(old ? QString() : old.error().detail));
        auto db = std::move(old).value();
        // Rows as the old release wrote them ("a" + "b\nc": ambiguous then, kept as hashed).
        QString prev = AuditChain::kGenesis;
        QString error;
        QVERIFY2(appendOldFormat(*db, 1, prev, QStringLiteral("a"), QStringLiteral("b\nc"), &prev, &error), qPrintable(error));
        QVERIFY2(appendOldFormat(*db, 2, prev, QStringLiteral("staff:S01"), QStringLiteral("ticket_reprinted"), &prev, &error),
                 qPrintable(error));
        SqlAuditLog log(*db);
        QVERIFY(log.verify().value().intact());
        QVERIFY(log.append(entry(3)).ok());
        QVERIFY(log.append(entry(4)).ok());
        const auto check = log.verify().value();
        QVERIFY2(check.intact(), qPrintable(check.problem));
        QCOMPARE(check.rows, qint64(4));
        QCOMPARE(check.head.format, AuditChain::kLengthPrefixed);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT chain_format FROM audit_log ORDER BY seq")));
        QList<int> formats;
        while (q.next())
            formats << q.value(0).toInt();
        QCOMPARE(formats, (QList<int>{1, 1, 2, 2}));
    }

    // verifyAfter walks only what was appended since, and keeps a break it found.
    void aCheckGoesOnFromItsHead_data() { test::addEngineRows(); }
    void aCheckGoesOnFromItsHead()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlAuditLog log(*db);
        auto empty = log.verify().value();
        QVERIFY(empty.intact());
        QCOMPARE(empty.rows, qint64(0));
        QCOMPARE(log.head().value().rows, qint64(0));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(log.append(entry(i)).ok());
        auto check = log.verifyAfter(empty).value();
        QVERIFY(check.intact());
        QCOMPARE(check.rows, qint64(3));
        const AuditHead head = log.head().value();
        QCOMPARE(head.rows, qint64(3));
        QCOMPARE(head.seq, qint64(3));
        QCOMPARE(check.head.hash, head.hash);
        QCOMPARE(log.entries().value().back().hash, head.hash);
        // Row 2 changed now is not seen by a check going on from row 3 (that is what the start-up
        // check is for), but a row appended after a broken one is.
        QVERIFY(log.append(entry(4)).ok());
        check = log.verifyAfter(check).value();
        QVERIFY(check.intact());
        QCOMPARE(check.rows, qint64(4));
        for (const QString &drop : dropGuards(*db))
            QVERIFY(exec(*db, drop));
        QVERIFY(exec(*db, QStringLiteral("INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash, chain_format) "
                                         "VALUES (5, 'x', 'staff:S09', 'ticket_called', 'w:1', '{}', 'nope', 'bad', 2)")));
        QVERIFY(log.append(entry(6)).ok());
        check = log.verifyAfter(check).value();
        QVERIFY(!check.intact());
        QCOMPARE(*check.firstBadSeq, qint64(5));
        QCOMPARE(check.rows, qint64(6));
        check = log.verifyAfter(check).value();
        QCOMPARE(*check.firstBadSeq, qint64(5));
        QCOMPARE(check.rows, qint64(6));
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
