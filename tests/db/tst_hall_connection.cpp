// The hall's PostgreSQL connection (DESIGN §11) against a private server: the timeouts that turn a
// dead, silent or wrong server into a clear error within seconds, and libpq's host list.

#include "db/hall/connection_watchdog.h"
#include "db/hall/hall_connectivity.h"
#include "db/hall/pg_connection.h"
#include "tests/support/private_postgres.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <list>

using namespace hk;

namespace {

HallConnection to(const test::PrivatePostgres &pg)
{
    HallConnection hall;
    hall.hosts = {QStringLiteral("127.0.0.1")};
    hall.ports = {QString::number(pg.port())};
    hall.user = QStringLiteral("hallkiosk");
    hall.database = QStringLiteral("hallkiosk");
    hall.password = test::PrivatePostgres::password();
    hall.applicationName = QStringLiteral("hallkiosk-T01");
    return hall;
}

// A "database" that takes the TCP connection and never says a word: what a hung server or a
// half-dead middlebox looks like to a client.
class BlackHole : public QTcpServer {
public:
    BlackHole() { listen(QHostAddress::LocalHost, 0); }

protected:
    void incomingConnection(qintptr handle) override
    {
        auto &socket = m_sockets.emplace_back();
        socket.setSocketDescriptor(handle); // kept open, never read, never answered
    }

private:
    std::list<QTcpSocket> m_sockets;
};

} // namespace

class TestHallConnection : public QObject {
    Q_OBJECT

    test::PrivatePostgres m_pg;
    int m_name = 0;
    QString name() { return QStringLiteral("hall-test-%1").arg(++m_name); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_pg.start();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void connectsWithTheHallsTimeoutsAndName()
    {
        const QString n = name();
        {
            auto db = openHallConnection(to(m_pg), n);
            QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
            QSqlQuery q(db.value());
            QVERIFY(q.exec(QStringLiteral("SELECT current_setting('application_name'), current_user")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("hallkiosk-T01"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("hallkiosk"));
        }
        QSqlDatabase::removeDatabase(n);
        const QString options = hallConnectOptions(to(m_pg));
        for (const char *keyword : {"connect_timeout=3", "keepalives=1", "tcp_user_timeout=5000"})
            QVERIFY2(options.contains(QLatin1String(keyword)), qPrintable(options));
        QVERIFY(!options.contains(test::PrivatePostgres::password()));
    }

    void aWrongPasswordSaysSo()
    {
        HallConnection hall = to(m_pg);
        hall.password = QStringLiteral("not-the-password");
        const QString n = name();
        {
            auto db = openHallConnection(hall, n);
            QVERIFY(!db.ok());
            QVERIFY2(db.error().detail.contains(QLatin1String("password authentication failed")), qPrintable(db.error().detail));
            QVERIFY2(db.error().detail.contains(QLatin1String("hallkiosk@127.0.0.1/hallkiosk")), qPrintable(db.error().detail));
            QVERIFY(!db.error().detail.contains(QLatin1String("not-the-password")));
        }
        QSqlDatabase::removeDatabase(n);
    }

    void anUnreachableHostFailsAtOnce()
    {
        HallConnection hall = to(m_pg);
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        hall.ports = {QString::number(closed.serverPort())};
        closed.close(); // nothing listens there now: the connection is refused
        const QString n = name();
        QElapsedTimer t;
        t.start();
        {
            auto db = openHallConnection(hall, n);
            QVERIFY(!db.ok());
            QVERIFY2(db.error().detail.contains(QLatin1String("Connection refused")), qPrintable(db.error().detail));
        }
        QSqlDatabase::removeDatabase(n);
        qInfo() << "refused after" << t.elapsed() << "ms";
    }

    void aSilentServerIsGivenUpWithinTheConnectTimeout()
    {
        BlackHole hole;
        QVERIFY(hole.isListening());
        HallConnection hall = to(m_pg);
        hall.ports = {QString::number(hole.serverPort())};
        hall.connectTimeoutS = 2;
        const QString n = name();
        QElapsedTimer t;
        t.start();
        {
            // The accept happens on this thread's event loop only after open() returns, but the
            // kernel completes the handshake meanwhile: the client waits for an answer that never comes.
            auto db = openHallConnection(hall, n);
            QVERIFY(!db.ok());
            QVERIFY2(db.error().detail.contains(QLatin1String("timeout")), qPrintable(db.error().detail));
        }
        QSqlDatabase::removeDatabase(n);
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        qInfo() << "silent server given up after" << t.elapsed() << "ms";
    }

    void theNextHostOfTheListServesWhenTheFirstIsDown()
    {
        HallConnection hall = to(m_pg);
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString dead = QString::number(closed.serverPort());
        closed.close();
        hall.hosts = {QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.1")};
        hall.ports = {dead, QString::number(m_pg.port())};
        hall.options = {QStringLiteral("target_session_attrs=read-write")};
        const QString n = name();
        {
            auto db = openHallConnection(hall, n);
            QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
            QSqlQuery q(db.value());
            QVERIFY(q.exec(QStringLiteral("SELECT inet_server_port()")) && q.next());
            QCOMPARE(q.value(0).toInt(), int(m_pg.port()));
        }
        QSqlDatabase::removeDatabase(n);
    }

    void aServerThatGoesAwayIsAConnectionError()
    {
        const QString n = name();
        {
            auto db = openHallConnection(to(m_pg), n);
            QVERIFY(db.ok());
            QSqlQuery q(db.value());
            QVERIFY(q.exec(QStringLiteral("SELECT 1")));
            bool ok = false;
            // The server ends this client's session, as a restart or a failover would.
            m_pg.psql(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hallkiosk-T01'"),
                      &ok);
            QVERIFY(ok);
            QSqlQuery after(db.value());
            QVERIFY(!after.exec(QStringLiteral("SELECT 1")));
            QVERIFY2(isConnectionError(after.lastError(), db.value()), qPrintable(after.lastError().text()));
            // A statement the server refuses is not a lost connection.
            auto again = openHallConnection(to(m_pg), n + QStringLiteral("b"));
            QVERIFY(again.ok());
            QSqlQuery bad(again.value());
            QVERIFY(!bad.exec(QStringLiteral("SELECT * FROM no_such_table")));
            QVERIFY(!isConnectionError(bad.lastError(), again.value()));
        }
        QSqlDatabase::removeDatabase(n);
        QSqlDatabase::removeDatabase(n + QStringLiteral("b"));
    }

    void theWatchdogEndsAWaitThatPassesItsDeadline()
    {
        ConnectionWatchdog watchdog(std::chrono::milliseconds(800));
        const QString n = name();
        {
            auto db = openHallConnection(to(m_pg), n);
            QVERIFY(db.ok());
            QVERIFY(ConnectionWatchdog::socketOf(db.value()) >= 0);
            {
                // Within the deadline nothing happens.
                ConnectionWatchdog::Guard guard(watchdog, db.value());
                QSqlQuery q(db.value());
                QVERIFY(q.exec(QStringLiteral("SELECT pg_sleep(0.1)")));
            }
            QCOMPARE(watchdog.firings(), 0);
            QElapsedTimer t;
            t.start();
            {
                // A server that holds its answer for 30 s: the wait ends at the deadline instead.
                ConnectionWatchdog::Guard guard(watchdog, db.value());
                QSqlQuery q(db.value());
                QVERIFY(!q.exec(QStringLiteral("SELECT pg_sleep(30)")));
                QVERIFY2(isConnectionError(q.lastError(), db.value()), qPrintable(q.lastError().text()));
            }
            QCOMPARE(watchdog.firings(), 1);
            QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
            qInfo() << "a 30 s wait ended after" << t.elapsed() << "ms (deadline 800 ms)";
        }
        QSqlDatabase::removeDatabase(n);
        QCOMPARE(ConnectionWatchdog::socketOf(QSqlDatabase()), -1);
    }

    void theMonitorSeesTheDatabaseGoAndComeBack()
    {
        bool ok = false;
        m_pg.psql(QStringLiteral("CREATE TABLE IF NOT EXISTS terminals (id TEXT PRIMARY KEY, name TEXT NOT NULL, last_seen TEXT NOT NULL);"
                                 "GRANT ALL ON terminals TO hallkiosk"),
                  &ok);
        QVERIFY(ok);
        HallConnectivity monitor({to(m_pg), QStringLiteral("T01"), QStringLiteral("大厅1号自助机"), 200, 1000});
        QSignalSpy changes(&monitor, &HallConnectivity::changed);
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(monitor.online(), 10000);
        QTRY_COMPARE(m_pg.psql(QStringLiteral("SELECT name FROM terminals WHERE id = 'T01'")), QStringLiteral("大厅1号自助机"));
        m_pg.stop(true);
        QTRY_VERIFY_WITH_TIMEOUT(!monitor.online(), 15000);
        QVERIFY2(!monitor.detail().isEmpty(), "offline says why");
        QVERIFY2(m_pg.restart().isEmpty(), qPrintable(m_pg.log()));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.online(), 15000);
        QVERIFY(changes.size() >= 3); // online, offline, online
        QCOMPARE(changes.at(0).at(0).toBool(), true);
        QCOMPARE(changes.at(1).at(0).toBool(), false);
        QCOMPARE(changes.last().at(0).toBool(), true);
    }

    void theMonitorGivesUpOnASilentServerWithoutBlockingItsOwner()
    {
        BlackHole hole;
        HallConnection hall = to(m_pg);
        hall.ports = {QString::number(hole.serverPort())};
        hall.connectTimeoutS = 2;
        HallConnectivity monitor({hall, QStringLiteral("T01"), QStringLiteral("T"), 500, 1000});
        QSignalSpy changes(&monitor, &HallConnectivity::changed);
        QElapsedTimer t;
        t.start();
        monitor.start();
        QVERIFY2(t.elapsed() < 500, "start() does not wait for the server");
        // The event loop of this thread keeps turning meanwhile: QTRY spins it.
        QTRY_VERIFY_WITH_TIMEOUT(changes.size() >= 1, 10000);
        QCOMPARE(changes.at(0).at(0).toBool(), false);
        QVERIFY2(changes.at(0).at(1).toString().contains(QLatin1String("timeout")), qPrintable(changes.at(0).at(1).toString()));
    }
};

QTEST_GUILESS_MAIN(TestHallConnection)
#include "tst_hall_connection.moc"
