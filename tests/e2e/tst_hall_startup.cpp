// End to end, a hall terminal's start (DESIGN §8, §11; docs/hall.md "Start-up refusals"): the real
// `hallkiosk --config` against a private PostgreSQL. What no restart can fix stops it with status 1
// and a message naming what to fix — a wrong password (the server's own words and where it was
// tried), a hall never reached on the terminal's first start, a database of another center, a schema
// of a newer major version; a mistake in the config's `hall` stops it with status 2 naming the key. A
// hall the terminal has joined before but cannot reach now is no refusal: it runs offline, issues in
// its offline series and merges when the server is back. A schema one minor release newer (a column
// added, as a later release's migration would) runs: the terminal one release behind issues and
// calls as before.

#include "tests/support/hall_terminal.h"
#include "tests/support/private_postgres.h"
#include "tests/support/tcp_proxy_thread.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hk;

namespace {

quint16 closedPort()
{
    QTcpServer probe; // listened on and closed again: nothing answers there now
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

class TestHallStartup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString started = m_pg.start();
        QVERIFY2(started.isEmpty(), qPrintable(QStringLiteral("cannot start PostgreSQL: ") + started));
    }

    void refusalsExitOne_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QStringList>("named"); // what the message must name
        QTest::addColumn<bool>("joinHint");     // whether it says a terminal joins its hall online the first time
        const QString where = QStringLiteral("hallkiosk@127.0.0.1/");
        QTest::newRow("wrong password") << "wrong password"
                                        << QStringList{QStringLiteral("hall.database"), QStringLiteral("password authentication failed"), where}
                                        << false;
        QTest::newRow("wrong password, joined before")
            << "wrong password, joined before"
            << QStringList{QStringLiteral("hall.database"), QStringLiteral("password authentication failed"), where} << false;
        QTest::newRow("no such database") << "no such database"
                                          << QStringList{QStringLiteral("hall.database"), QStringLiteral("does not exist"), where} << false;
        QTest::newRow("first start, connection refused")
            << "refused" << QStringList{QStringLiteral("hall.database"), QStringLiteral("Connection refused"), where} << true;
        QTest::newRow("first start, packets dropped")
            << "black hole" << QStringList{QStringLiteral("hall.database"), QStringLiteral("timeout expired"), where} << true;
        QTest::newRow("another center") << "another center" << QStringList{QStringLiteral("SQ-777"), QStringLiteral("SQ-001")} << false;
        QTest::newRow("newer major schema") << "newer major" << QStringList{QStringLiteral("2.0"), QStringLiteral("newer than this hallkiosk (1.")}
                                            << false;
    }
    void refusalsExitOne()
    {
        QFETCH(QString, setup);
        QFETCH(QStringList, named);
        QFETCH(bool, joinHint);
        const QString database = setup == QLatin1String("no such database") ? QStringLiteral("nosuchhall") : freshDatabase();
        QVERIFY(!database.isEmpty());
        std::unique_ptr<test::TcpProxyThread> proxy;
        QString uri = m_pg.uri(database);
        QString passwordFile = m_pg.passwordFile();
        const QString wrongPassword = m_dir.filePath(QStringLiteral("wrong.pass"));
        {
            QFile f(wrongPassword);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("not-the-password\n");
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // a secret (DESIGN §16)
        }
        if (setup == QLatin1String("wrong password")) {
            passwordFile = wrongPassword;
        } else if (setup == QLatin1String("refused")) {
            uri = QStringLiteral("postgresql://hallkiosk@127.0.0.1:%1/%2").arg(closedPort()).arg(database);
        } else if (setup == QLatin1String("black hole")) {
            proxy = std::make_unique<test::TcpProxyThread>(QStringLiteral("127.0.0.1"), m_pg.port());
            QVERIFY2(proxy->error().isEmpty(), qPrintable(proxy->error()));
            proxy->blackHole();
            uri = QStringLiteral("postgresql://hallkiosk@127.0.0.1:%1/%2").arg(proxy->port()).arg(database);
        }
        // A terminal of the hall (this one, the first time) has made its schema.
        auto terminal = std::make_unique<test::HallTerminal>(folder(), QStringLiteral("T01"), 1, uri, passwordFile);
        if (setup == QLatin1String("wrong password, joined before")) {
            // Joined online once; then its password file no longer holds the role's password. The
            // server's no is no outage to ride out offline.
            QVERIFY2(terminal->start(), qPrintable(terminal->log()));
            terminal->stop();
            terminal->setHallKey(QStringLiteral("password_file"), wrongPassword);
        } else if (setup == QLatin1String("another center") || setup == QLatin1String("newer major")) {
            QVERIFY2(terminal->start(), qPrintable(terminal->log()));
            terminal->stop();
            bool ok = false;
            const QString sql = setup == QLatin1String("another center") ? QStringLiteral("UPDATE schema_info SET center = 'SQ-777'")
                                                                         : QStringLiteral("UPDATE schema_info SET major = 2, minor = 0");
            const QString out = m_pg.psql(sql, &ok, database);
            QVERIFY2(ok, qPrintable(out));
        }

        QElapsedTimer t;
        t.start();
        const test::HallTerminal::Exit exit = terminal->runToExit();
        qInfo().noquote() << QStringLiteral("%1: exit %2 after %3 ms: %4").arg(setup).arg(exit.code).arg(t.elapsed()).arg(refusal(exit.err));
        QCOMPARE(exit.code, 1);
        for (const QString &words : named)
            QVERIFY2(exit.err.contains(words), qPrintable(QStringLiteral("\"%1\" not named in:\n%2").arg(words, exit.err.right(1500))));
        QCOMPARE(exit.err.contains(QLatin1String("joins its hall online the first time")), joinHint);
        QVERIFY(!exit.err.contains(test::PrivatePostgres::password()));
        QVERIFY(!exit.err.contains(QLatin1String("not-the-password")));
    }

    void configMistakesInHallExitTwo_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("index 0") << "index" << QJsonValue(0) << "hall.index";
        QTest::newRow("index 10") << "index" << QJsonValue(10) << "hall.index";
        QTest::newRow("index as text") << "index" << QJsonValue(QStringLiteral("2")) << "hall.index";
        QTest::newRow("password in the URI") << "database" << QJsonValue(QStringLiteral("postgresql://hallkiosk:s3cret-in-uri@127.0.0.1:5432/hallkiosk"))
                                             << "hall.database";
        QTest::newRow("password as a parameter")
            << "database" << QJsonValue(QStringLiteral("postgresql://hallkiosk@127.0.0.1:5432/hallkiosk?password=s3cret-in-uri")) << "hall.database";
        QTest::newRow("a parameter libpq does not know")
            << "database" << QJsonValue(QStringLiteral("postgresql://hallkiosk@127.0.0.1:5432/hallkiosk?sslmod=require")) << "hall.database";
        QTest::newRow("missing password file") << "password_file" << QJsonValue(QStringLiteral("/nonexistent/hall-db.pass"))
                                               << "hall.password_file";
        QTest::newRow("unknown key") << "databse" << QJsonValue(QStringLiteral("x")) << "hall.databse";
    }
    void configMistakesInHallExitTwo()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, named);
        test::HallTerminal terminal(folder(), QStringLiteral("T01"), 1, m_pg.uri(), m_pg.passwordFile());
        terminal.setHallKey(key, value);
        const test::HallTerminal::Exit exit = terminal.runToExit();
        qInfo().noquote() << QStringLiteral("exit %1: %2").arg(exit.code).arg(lastLine(exit.err));
        QCOMPARE(exit.code, 2);
        QVERIFY2(exit.err.contains(named), qPrintable(exit.err));
        QVERIFY2(!exit.err.contains(QLatin1String("s3cret-in-uri")), qPrintable(exit.err)); // a refused password is never echoed
    }

    // A power cut brings the terminal up before the database server: it has joined this hall before.
    void aKnownHallOutOfReachAtStartRunsOffline()
    {
        test::PrivatePostgres pg; // a server of its own: this one is stopped
        const QString started = pg.start();
        QVERIFY2(started.isEmpty(), qPrintable(QStringLiteral("cannot start PostgreSQL: ") + started));
        test::HallTerminal terminal(folder(), QStringLiteral("T02"), 2, pg.uri(), pg.passwordFile());
        QVERIFY2(terminal.start(), qPrintable(terminal.log()));
        QTRY_COMPARE(terminal.connected(), 1);
        terminal.stop();
        pg.stop(true);

        QVERIFY2(terminal.start(), qPrintable(terminal.log()));
        QCOMPARE(terminal.connected(), 0);
        QVERIFY(!terminal.hall().value(QStringLiteral("detail")).toString().isEmpty());
        QVERIFY(terminal.walkIn());
        QTRY_VERIFY2_WITH_TIMEOUT(terminal.hasPrinted(QStringLiteral("A2-001")), qPrintable(terminal.log().right(1500)), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(terminal.hall().value(QStringLiteral("offline_tickets")).toInt(), 1, 10000);

        const QString restarted = pg.restart();
        QVERIFY2(restarted.isEmpty(), qPrintable(restarted));
        QElapsedTimer t;
        t.start();
        QTRY_COMPARE_WITH_TIMEOUT(terminal.connected(), 1, 30000);
        const qint64 backMs = t.elapsed();
        QTRY_COMPARE_WITH_TIMEOUT(terminal.hall().value(QStringLiteral("offline_tickets")).toInt(), 0, 10000);
        bool ok = false;
        QCOMPARE(pg.psql(QStringLiteral("SELECT string_agg(number, ',' ORDER BY queue_key) FROM tickets"), &ok), QStringLiteral("A2-001"));
        QVERIFY(ok);
        QVERIFY(terminal.walkIn());
        QTRY_VERIFY_WITH_TIMEOUT(terminal.hasPrinted(QStringLiteral("A001")), 15000);
        qInfo() << "started offline; online" << backMs << "ms after the server was back, its offline ticket merged";
    }

    // A later release added a column and raised the minor version: this terminal, one release
    // behind, runs against it as before.
    void aNewerMinorSchemaRunsOneReleaseBehind()
    {
        const QString database = freshDatabase();
        QVERIFY(!database.isEmpty());
        test::HallTerminal terminal(folder(), QStringLiteral("T03"), 3, m_pg.uri(database), m_pg.passwordFile());
        QVERIFY2(terminal.start(), qPrintable(terminal.log()));
        terminal.stop();
        bool ok = false;
        const QString out = m_pg.psql(QStringLiteral("BEGIN; ALTER TABLE tickets ADD COLUMN accessibility_note TEXT; "
                                                     "CREATE TABLE later_release_things (id TEXT PRIMARY KEY); "
                                                     "UPDATE schema_info SET minor = minor + 1; COMMIT"),
                                      &ok, database);
        QVERIFY2(ok, qPrintable(out));
        const QString version = m_pg.psql(QStringLiteral("SELECT major || '.' || minor FROM schema_info"), &ok, database);

        QVERIFY2(terminal.start(), qPrintable(terminal.log()));
        QTRY_COMPARE(terminal.connected(), 1);
        QVERIFY(terminal.walkIn());
        QTRY_VERIFY2_WITH_TIMEOUT(terminal.hasPrinted(QStringLiteral("A001")), qPrintable(terminal.log().right(1500)), 15000);
        const QString token = terminal.signIn(1);
        QVERIFY(!token.isEmpty());
        const test::Reply called = terminal.callNext(1, token);
        QCOMPARE(called.status, 200);
        QCOMPARE(called.body.object().value(QStringLiteral("current")).toObject().value(QStringLiteral("ticket")).toString(), QStringLiteral("A001"));
        QCOMPARE(m_pg.psql(QStringLiteral("SELECT state FROM tickets WHERE number = 'A001'"), &ok, database), QStringLiteral("called"));
        // The newer release's schema is left as it was.
        QCOMPARE(m_pg.psql(QStringLiteral("SELECT major || '.' || minor FROM schema_info"), &ok, database), version);
        qInfo().noquote() << "schema" << version << "run by a hallkiosk of schema 1.0: issued A001 and called it at window 1";
    }

private:
    // The program's own lines (the log's are time-stamped).
    static QString refusal(const QString &err)
    {
        QStringList lines = err.split(QLatin1Char('\n'));
        lines.removeIf([](const QString &line) { return !line.startsWith(QLatin1String("hallkiosk: ")); });
        return lines.join(QLatin1Char(' '));
    }
    static QString lastLine(const QString &text)
    {
        const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
        return lines.isEmpty() ? QString() : lines.last();
    }
    // A new database of the hall's role on the test's server: its name, or empty.
    QString freshDatabase()
    {
        const QString name = QStringLiteral("hall%1").arg(++m_databases);
        bool ok = false;
        const QString out = m_pg.psql(QStringLiteral("CREATE DATABASE %1 OWNER hallkiosk").arg(name), &ok, QStringLiteral("postgres"));
        if (!ok)
            qWarning().noquote() << out;
        return ok ? name : QString();
    }
    // A new terminal's folder: its first start.
    QString folder() { return m_dir.filePath(QStringLiteral("t%1").arg(++m_folders)); }

    QTemporaryDir m_dir;
    test::PrivatePostgres m_pg;
    int m_databases = 0;
    int m_folders = 0;
};

QTEST_MAIN(TestHallStartup)
#include "tst_hall_startup.moc"
