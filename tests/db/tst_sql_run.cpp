// db: sql::run, the one way the stores send a statement and its values — on SQLite bound to a
// prepared statement, on PostgreSQL written into the statement as the driver escapes them. Values
// that could be read as SQL (quotes, backslashes, question marks, comment marks), bytes of every
// value, numbers at their limits, NULL and '' come back exactly as written, on both engines.

#include "db/database.h"
#include "db/sql_values.h"
#include "tests/support/sql_values.h"
#include "tests/support/store_engines.h"

#include <QTest>

#include <limits>

using namespace hk;

class TestSqlRun : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;

    std::unique_ptr<Database> probe()
    {
        auto db = m_engines.freshForRow();
        if (!db)
            return db;
        const bool postgres = db->engine() == Database::Engine::Postgres;
        const QString table = postgres ? QStringLiteral("CREATE TABLE probe (s TEXT, i BIGINT, d DOUBLE PRECISION, b BYTEA)")
                                       : QStringLiteral("CREATE TABLE probe (s TEXT, i INTEGER, d REAL, b BLOB)");
        QString error;
        if (!test::exec(*db, table, &error))
            qWarning() << error;
        return db;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void valuesComeBackAsWritten_data() { test::addEngineRows(); }
    void valuesComeBackAsWritten()
    {
        auto db = probe();
        QVERIFY2(db, qPrintable(m_engines.error()));
        QByteArray everyByte;
        for (int b = 0; b < 256; ++b)
            everyByte.append(char(b));
        const QStringList texts{
            QStringLiteral("it's"),
            QStringLiteral("''"),
            QStringLiteral("back\\slash\\"),
            QStringLiteral("a ? b ?"),
            QStringLiteral("-- not a comment"),
            QStringLiteral("/* nor this"),
            QStringLiteral("$$ dollars $$"),
            QStringLiteral("\"quoted\""),
            QStringLiteral("'); DELETE FROM probe; --"),
            QStringLiteral("王小明 大厅1号自助机 ☃"),
            QStringLiteral("line\nbreak\ttab"),
            QStringLiteral(""),
        };
        const std::vector<std::pair<qint64, double>> numbers{
            {std::numeric_limits<qint64>::max(), 0.1},
            {std::numeric_limits<qint64>::min(), -1e-300},
            {-5, 1764032400.5},
            {0, 1.7976931348623157e308},
        };
        for (qsizetype k = 0; k < texts.size(); ++k) {
            const auto &[i, d] = numbers[size_t(k) % numbers.size()];
            const QByteArray bytes = k % 2 ? everyByte : QByteArray("\0'\\?", 4);
            QSqlQuery q(db->connection());
            QVERIFY2(sql::run(q, QStringLiteral("INSERT INTO probe (s, i, d, b) VALUES (?, ?, ?, ?)"), {texts[k], i, d, bytes}),
                     qPrintable(q.lastError().text()));
            QVERIFY2(sql::run(q, QStringLiteral("SELECT s, i, d, b FROM probe WHERE s = ? AND i = ?"), {texts[k], i}),
                     qPrintable(q.lastError().text()));
            QVERIFY2(q.next(), qPrintable(texts[k]));
            QCOMPARE(q.value(0).toString(), texts[k]);
            QCOMPARE(q.value(1).toLongLong(), i);
            QCOMPARE(q.value(2).toDouble(), d);
            QCOMPARE(q.value(3).toByteArray(), bytes);
            QVERIFY(!q.next());
        }
        QCOMPARE(test::count(*db, QStringLiteral("SELECT COUNT(*) FROM probe")), int(texts.size()));
    }

    void nullIsOnlyAnInvalidVariant_data() { test::addEngineRows(); }
    void nullIsOnlyAnInvalidVariant()
    {
        auto db = probe();
        QVERIFY2(db, qPrintable(m_engines.error()));
        QSqlQuery q(db->connection());
        QVERIFY(sql::run(q, QStringLiteral("INSERT INTO probe (s, i) VALUES (?, 1)"), {QVariant()}));
        QVERIFY(sql::run(q, QStringLiteral("INSERT INTO probe (s, i) VALUES (?, 2)"), {QString()}));
        QCOMPARE(test::count(*db, QStringLiteral("SELECT i FROM probe WHERE s IS NULL")), 1);
        QCOMPARE(test::count(*db, QStringLiteral("SELECT i FROM probe WHERE s = ''")), 2);
    }

    // A query run again with its last statement keeps it prepared (SQLite) and takes only the new
    // values: each run must see its own values — a NULL after a text, a text after a NULL, an
    // empty QString as '' — and a run of another statement in between prepares that one afresh.
    void aStatementRunAgainTakesTheNewValues_data() { test::addEngineRows(); }
    void aStatementRunAgainTakesTheNewValues()
    {
        auto db = probe();
        QVERIFY2(db, qPrintable(m_engines.error()));
        QSqlQuery insert(db->connection());
        QSqlQuery read(db->connection());
        const QString sql = QStringLiteral("INSERT INTO probe (s, i) VALUES (?, ?)");
        const QList<QVariant> texts{QStringLiteral("a"), QVariant(), QStringLiteral("b"), QString(), QVariant(), QStringLiteral("c")};
        for (qsizetype k = 0; k < texts.size(); ++k) {
            QVERIFY2(sql::run(insert, sql, {texts[k], k}), qPrintable(insert.lastError().text()));
            if (k == 2) // another statement on the same query in between
                QVERIFY(sql::run(insert, QStringLiteral("UPDATE probe SET d = ? WHERE i = ?"), {2.5, 0}));
            QVERIFY(sql::run(read, QStringLiteral("SELECT s FROM probe WHERE i = ?"), {k}));
            QVERIFY(read.next());
            if (texts[k].isValid())
                QCOMPARE(read.value(0).toString(), texts[k].toString().isNull() ? QStringLiteral("") : texts[k].toString());
            else
                QVERIFY(read.value(0).isNull());
        }
        QCOMPARE(test::count(*db, QStringLiteral("SELECT COUNT(*) FROM probe")), int(texts.size()));
        QCOMPARE(test::count(*db, QStringLiteral("SELECT i FROM probe WHERE d = 2.5")), 0);
        QCOMPARE(test::count(*db, QStringLiteral("SELECT COUNT(*) FROM probe WHERE s IS NULL")), 2);
    }

    void onlyPlaceholdersOutsideQuotesAndCommentsTakeValues_data() { test::addEngineRows(); }
    void onlyPlaceholdersOutsideQuotesAndCommentsTakeValues()
    {
        auto db = probe();
        QVERIFY2(db, qPrintable(m_engines.error()));
        QVERIFY(test::exec(*db, QStringLiteral("INSERT INTO probe (s, i) VALUES ('?', 1), ('x', 2), ('y', 3)")));
        QSqlQuery q(db->connection());
        QVERIFY2(sql::run(q, QStringLiteral("SELECT COUNT(*) FROM probe WHERE s = '?' /* or ? */ OR s = ? -- or ?\n OR s = \"s\" || ?"),
                          {QStringLiteral("x"), QStringLiteral("z")}),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        // A negative value after a minus is a number, not the start of a comment.
        QVERIFY2(sql::run(q, QStringLiteral("SELECT 10 -?"), {-5}), qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 15);
        // More values than places: refused, nothing run.
        QVERIFY(!sql::run(q, QStringLiteral("DELETE FROM probe WHERE i = ?"), {1, 2}));
        QCOMPARE(test::count(*db, QStringLiteral("SELECT COUNT(*) FROM probe")), 3);
    }
};

QTEST_GUILESS_MAIN(TestSqlRun)
#include "tst_sql_run.moc"
