// db: the hall's help requests (帮办) — each stored with its `help_requested` event, pending on
// every terminal of the hall until one console takes it. Every case on both engines.

#include "db/database.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/sql_values.h"
#include "tests/support/store_engines.h"

#include <QTest>

using namespace hk;

namespace {

HelpRequest request(const QString &id, const QString &terminal, const QDateTime &at)
{
    return {id, terminal, QStringLiteral("大厅%1号自助机").arg(terminal.right(1)), at};
}

} // namespace

class TestHelpStore : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void requestsArePendingUntilTakenOnce_data() { test::addEngineRows(); }
    void requestsArePendingUntilTakenOnce()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlHelpStore help(*db);
        QVERIFY(help.pending().value().empty());
        QVERIFY(help.add(request(QStringLiteral("h2"), QStringLiteral("T02"), test::hall(9, 7))).ok());
        QVERIFY(help.add(request(QStringLiteral("h1"), QStringLiteral("T01"), test::hall(9, 5))).ok());
        // The same request twice is a defect upstream: refused, and no second event.
        QVERIFY(!help.add(request(QStringLiteral("h1"), QStringLiteral("T01"), test::hall(9, 6))).ok());

        auto pending = help.pending().value();
        QCOMPARE(pending.size(), size_t(2));
        QCOMPARE(pending[0].id, QStringLiteral("h1")); // oldest first
        QCOMPARE(pending[0].terminalId, QStringLiteral("T01"));
        QCOMPARE(pending[0].terminal, QStringLiteral("大厅1号自助机"));
        QCOMPARE(pending[0].at, test::hall(9, 5));
        QCOMPARE(pending[1].id, QStringLiteral("h2"));

        const auto events = SqlOutboxStore(*db).pending(10).value();
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[0].event.type, QStringLiteral("help_requested"));
        QCOMPARE(events[0].event.data.value(QStringLiteral("terminal")).toString(), QStringLiteral("T02"));
        QCOMPARE(events[0].event.at, test::hall(9, 7));

        QVERIFY(help.take(QStringLiteral("h1"), QStringLiteral("S01"), test::hall(9, 8)).value());
        QVERIFY(!help.take(QStringLiteral("h1"), QStringLiteral("S02"), test::hall(9, 9)).value());
        QVERIFY(!help.take(QStringLiteral("nope"), QStringLiteral("S02"), test::hall(9, 9)).value());
        QVERIFY(help.take(QStringLiteral("h2"), QString(), test::hall(9, 10)).value());
        QVERIFY(help.pending().value().empty());
        QCOMPARE(test::scalar(*db, QStringLiteral("SELECT taken_by FROM help_requests WHERE id = 'h1'")), QStringLiteral("S01"));
        QCOMPARE(test::count(*db, QStringLiteral("SELECT COUNT(*) FROM help_requests WHERE id = 'h2' AND taken_by IS NULL")), 1);
    }

    void everyTerminalOfTheHallSeesThem_data() { test::addEngineRows(); }
    void everyTerminalOfTheHallSeesThem()
    {
        auto first = m_engines.freshForRow();
        QVERIFY2(first, qPrintable(m_engines.error()));
        auto second = m_engines.reopen(); // another terminal on the same database
        QVERIFY2(second, qPrintable(m_engines.error()));
        SqlHelpStore atT01(*first);
        SqlHelpStore atT02(*second);
        QVERIFY(atT01.add(request(QStringLiteral("h1"), QStringLiteral("T01"), test::hall(9, 5))).ok());
        QCOMPARE(atT02.pending().value().size(), size_t(1));
        QVERIFY(atT02.take(QStringLiteral("h1"), QStringLiteral("S07"), test::hall(9, 6)).value());
        QVERIFY(atT01.pending().value().empty());
        QVERIFY(!atT01.take(QStringLiteral("h1"), QStringLiteral("S01"), test::hall(9, 7)).value());
    }
};

QTEST_GUILESS_MAIN(TestHelpStore)
#include "tst_help_store.moc"
