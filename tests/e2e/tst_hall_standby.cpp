// End to end, the hall's primary database lost and its standby promoted (DESIGN §11; docs/hall.md
// "The primary database server dies, and a standby is promoted"): two private PostgreSQL servers, the
// second streaming from the first (pg_basebackup -R), and the real `hallkiosk` whose URI names both
// with `target_session_attrs=read-write`. The primary is killed: the terminal goes offline and issues
// in its offline series (the standby, read-only, is no way out). The standby is promoted (pg_ctl
// promote, as the hall's HA tooling would): the terminal reconnects to it by itself, its offline
// tickets merge there, and it issues and calls there. Prints how long each turn took.

#include "tests/support/hall_terminal.h"
#include "tests/support/private_postgres.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

class TestHallStandby : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void primaryLostStandbyPromoted()
    {
        test::PrivatePostgres primary;
        test::PrivatePostgres standby;
        QString started = primary.start();
        QVERIFY2(started.isEmpty(), qPrintable(QStringLiteral("cannot start PostgreSQL: ") + started));
        started = standby.startStandbyOf(primary);
        QVERIFY2(started.isEmpty(), qPrintable(QStringLiteral("cannot start the standby: ") + started));
        bool ok = false;
        QCOMPARE(standby.psql(QStringLiteral("SELECT pg_is_in_recovery()"), &ok), QStringLiteral("t"));

        const QString uri = QStringLiteral("postgresql://hallkiosk@127.0.0.1:%1,127.0.0.1:%2/hallkiosk?target_session_attrs=read-write")
                                .arg(primary.port())
                                .arg(standby.port());
        QTemporaryDir dir;
        test::HallTerminal terminal(dir.filePath(QStringLiteral("t1")), QStringLiteral("T01"), 1, uri, primary.passwordFile());
        QVERIFY2(terminal.start(), qPrintable(terminal.log()));
        QTRY_COMPARE(terminal.connected(), 1);
        for (const char *number : {"A001", "A002"}) {
            QVERIFY(terminal.walkIn());
            QTRY_VERIFY2_WITH_TIMEOUT(terminal.hasPrinted(QLatin1String(number)), number, 15000);
        }
        QCOMPARE(numbers(primary), QStringLiteral("A001,A002"));
        // Streamed to the standby (asynchronously: wait until it has them).
        QTRY_COMPARE_WITH_TIMEOUT(numbers(standby), QStringLiteral("A001,A002"), 15000);

        // The primary's machine dies.
        primary.stop(false);
        QElapsedTimer t;
        t.start();
        QTRY_COMPARE_WITH_TIMEOUT(terminal.connected(), 0, 10000);
        const qint64 offlineMs = t.elapsed();
        QVERIFY(terminal.walkIn());
        QTRY_VERIFY2_WITH_TIMEOUT(terminal.hasPrinted(QStringLiteral("A1-001")), qPrintable(terminal.log().right(1500)), 10000);
        // The standby alone does not take it back: it is read-only.
        QTest::qWait(5000);
        QCOMPARE(terminal.connected(), 0);
        QCOMPARE(terminal.hall().value(QStringLiteral("offline_tickets")).toInt(), 1);

        const QString promoted = standby.promote();
        QVERIFY2(promoted.isEmpty(), qPrintable(promoted));
        QCOMPARE(standby.psql(QStringLiteral("SELECT pg_is_in_recovery()"), &ok), QStringLiteral("f"));
        t.restart();
        QTRY_COMPARE_WITH_TIMEOUT(terminal.connected(), 1, 30000);
        const qint64 backMs = t.elapsed();
        QTRY_COMPARE_WITH_TIMEOUT(terminal.hall().value(QStringLiteral("offline_tickets")).toInt(), 0, 10000);
        QCOMPARE(numbers(standby), QStringLiteral("A001,A002,A1-001"));
        QVERIFY(standby.psql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hallkiosk-T01'"), &ok).toInt() > 0);

        // It issues and calls on the promoted server.
        QVERIFY(terminal.walkIn());
        QTRY_VERIFY2_WITH_TIMEOUT(terminal.hasPrinted(QStringLiteral("A003")), qPrintable(terminal.log().right(1500)), 15000);
        const QString token = terminal.signIn(1);
        QVERIFY(!token.isEmpty());
        QStringList called;
        for (int i = 0; i < 4; ++i) {
            const test::Reply r = terminal.callNext(1, token);
            QCOMPARE(r.status, 200);
            called << r.body.object().value(QStringLiteral("current")).toObject().value(QStringLiteral("ticket")).toString();
        }
        QCOMPARE(called, (QStringList{QStringLiteral("A001"), QStringLiteral("A002"), QStringLiteral("A1-001"), QStringLiteral("A003")}));
        QCOMPARE(standby.psql(QStringLiteral("SELECT state FROM tickets WHERE number = 'A003'"), &ok), QStringLiteral("called"));
        QCOMPARE(numbers(standby), QStringLiteral("A001,A002,A1-001,A003"));
        qInfo().noquote() << QStringLiteral("primary killed: offline after %1 ms; standby promoted: back on it after %2 ms, "
                                            "the offline ticket merged there, then issued A003 and called four")
                                 .arg(offlineMs)
                                 .arg(backMs);
        terminal.stop();
    }

private:
    // The hall's tickets in queue order, as a server has them ("" when it cannot be read).
    static QString numbers(const test::PrivatePostgres &server)
    {
        bool ok = false;
        const QString out = server.psql(QStringLiteral("SELECT string_agg(number, ',' ORDER BY queue_key, seq) FROM tickets"), &ok);
        return ok ? out : QString();
    }
};

QTEST_MAIN(TestHallStandby)
#include "tst_hall_standby.moc"
