// The test proxy's modes, proved against a private PostgreSQL: what goes through it in forward
// mode, what a black hole does to an open connection and to a new one (nothing comes back, and
// the client stays blocked), refusing, and coming back. The hall's outage tests rely on these.

#include "app/config/hall_database_uri.h"
#include "db/hall/pg_connection.h"
#include "tests/support/private_postgres.h"
#include "tests/support/tcp_proxy.h"

#include <QMutex>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace hk;

namespace {

// One database session on a thread of its own: it connects at once, then runs each statement
// given to exec() and keeps the first column of the first row (or the error). The test's thread
// stays free to turn the event loop the proxy works in, and can see that a statement has not
// come back.
class SqlSession {
public:
    enum class State { Opening, Open, Failed };

    SqlSession(HallConnection hall, test::TcpProxy &proxy)
        : m_hall(std::move(hall))
        , m_proxy(proxy)
        , m_thread(QThread::create([this] { run(); }))
    {
        m_thread->start();
    }

    ~SqlSession()
    {
        m_stop = true;
        m_go.release();
        // A session still held by a black hole (a test that failed half-way) is cut loose.
        if (!m_thread->wait(QDeadlineTimer(5000))) {
            m_proxy.closeAll();
            m_thread->wait();
        }
    }

    void exec(const QString &sql)
    {
        {
            QMutexLocker lock(&m_mutex);
            m_pending << sql;
        }
        m_go.release();
    }

    State state() const { return m_state; }
    int answered() const { return m_answered; }
    QString openError() const
    {
        QMutexLocker lock(&m_mutex);
        return m_openError;
    }
    QString result(int i) const
    {
        QMutexLocker lock(&m_mutex);
        return m_results.value(i);
    }

private:
    void run()
    {
        static std::atomic<int> sessions{0};
        const QString name = QStringLiteral("proxy-session-%1").arg(++sessions);
        {
            auto db = openHallConnection(m_hall, name);
            if (!db) {
                QMutexLocker lock(&m_mutex);
                m_openError = db.error().detail;
                m_state = State::Failed;
            } else {
                m_state = State::Open;
                for (;;) {
                    m_go.acquire();
                    if (m_stop)
                        break;
                    QString sql;
                    {
                        QMutexLocker lock(&m_mutex);
                        sql = m_pending.takeFirst();
                    }
                    QSqlQuery query(db.value());
                    const QString result = query.exec(sql) && query.next() ? query.value(0).toString()
                                                                           : QStringLiteral("error: ") + query.lastError().text();
                    {
                        QMutexLocker lock(&m_mutex);
                        m_results << result;
                    }
                    ++m_answered;
                }
                db.value().close();
            }
        }
        QSqlDatabase::removeDatabase(name);
    }

    HallConnection m_hall;
    test::TcpProxy &m_proxy;
    std::unique_ptr<QThread> m_thread;
    QSemaphore m_go;
    std::atomic<bool> m_stop{false};
    std::atomic<State> m_state{State::Opening};
    std::atomic<int> m_answered{0};
    mutable QMutex m_mutex;
    QStringList m_pending;
    QStringList m_results;
    QString m_openError;
};

} // namespace

class TestTcpProxy : public QObject {
    Q_OBJECT

    test::PrivatePostgres m_pg;
    std::unique_ptr<test::TcpProxy> m_proxy;

    // The hall's connection through the proxy, as a hall.database URI would give it, with time for
    // a held connection to wait out the test's pause (the hall's own is 3 s).
    HallConnection viaProxy(const QString &extra = {}) const
    {
        auto uri = HallDatabaseUri::parse(QStringLiteral("postgresql://hallkiosk@%1:%2/hallkiosk?sslmode=disable&gssencmode=disable%3")
                                              .arg(test::TcpProxy::host())
                                              .arg(m_proxy->port())
                                              .arg(extra));
        HallConnection hall;
        if (!uri)
            qFatal("the test's own URI is refused: %s", qPrintable(uri.error()));
        hall.hosts = uri->hosts;
        hall.ports = uri->ports;
        hall.user = uri->user;
        hall.database = uri->database;
        hall.options = uri->options;
        hall.password = test::PrivatePostgres::password();
        hall.applicationName = QStringLiteral("hallkiosk-proxy-test");
        hall.connectTimeoutS = 30;
        return hall;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_pg.start();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void init()
    {
        m_proxy = std::make_unique<test::TcpProxy>(QStringLiteral("127.0.0.1"), m_pg.port());
        const QString error = m_proxy->listen();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_proxy.reset(); }

    void forwardsBothWays()
    {
        // Also the config's URI end to end: a parameter with a space and a quote survives Qt's
        // driver and libpq's conninfo quoting.
        SqlSession session(viaProxy(QStringLiteral("&application_name=hall%20kiosk%27s")), *m_proxy);
        QTRY_VERIFY(session.state() != SqlSession::State::Opening);
        QVERIFY2(session.state() == SqlSession::State::Open, qPrintable(session.openError()));
        session.exec(QStringLiteral("SELECT current_setting('application_name')"));
        QTRY_COMPARE(session.answered(), 1);
        QCOMPARE(session.result(0), QStringLiteral("hall kiosk's"));
        session.exec(QStringLiteral("SELECT repeat('x', 200000)")); // more than one read's worth
        QTRY_COMPARE(session.answered(), 2);
        QCOMPARE(session.result(1).size(), 200000);
        QCOMPARE(m_proxy->accepted(), 1);
        QCOMPARE(m_proxy->open(), 1);
    }

    void blackHoleHoldsEverythingUntilResumed()
    {
        SqlSession before(viaProxy(), *m_proxy);
        QTRY_VERIFY(before.state() != SqlSession::State::Opening);
        QVERIFY2(before.state() == SqlSession::State::Open, qPrintable(before.openError()));
        before.exec(QStringLiteral("SELECT 1"));
        QTRY_COMPARE(before.answered(), 1);

        m_proxy->blackHole();
        before.exec(QStringLiteral("SELECT 2"));
        SqlSession during(viaProxy(), *m_proxy);
        QTest::qWait(2000);
        // Neither the open connection's query nor the new connection has come back.
        QCOMPARE(before.answered(), 1);
        QVERIFY(before.state() == SqlSession::State::Open);
        QVERIFY(during.state() == SqlSession::State::Opening);
        QCOMPARE(m_proxy->accepted(), 2); // the new connection was taken in: no refusal to tell the client
        QCOMPARE(m_proxy->open(), 2);

        m_proxy->resume();
        QTRY_COMPARE(before.answered(), 2); // the held bytes, delivered late
        QCOMPARE(before.result(1), QStringLiteral("2"));
        QTRY_VERIFY(during.state() != SqlSession::State::Opening);
        QVERIFY2(during.state() == SqlSession::State::Open, qPrintable(during.openError()));
        during.exec(QStringLiteral("SELECT 3"));
        QTRY_COMPARE(during.answered(), 1);
        QCOMPARE(during.result(0), QStringLiteral("3"));

        SqlSession after(viaProxy(), *m_proxy);
        QTRY_VERIFY(after.state() != SqlSession::State::Opening);
        QVERIFY2(after.state() == SqlSession::State::Open, qPrintable(after.openError()));
        after.exec(QStringLiteral("SELECT 4"));
        QTRY_COMPARE(after.answered(), 1);
        QCOMPARE(after.result(0), QStringLiteral("4"));
        QCOMPARE(m_proxy->accepted(), 3);
    }

    void refuseClosesNewConnectionsOnly()
    {
        SqlSession before(viaProxy(), *m_proxy);
        QTRY_VERIFY(before.state() != SqlSession::State::Opening);
        QVERIFY2(before.state() == SqlSession::State::Open, qPrintable(before.openError()));

        m_proxy->refuse();
        SqlSession refused(viaProxy(), *m_proxy);
        QTRY_VERIFY(refused.state() != SqlSession::State::Opening);
        QVERIFY(refused.state() == SqlSession::State::Failed);
        QCOMPARE(m_proxy->refused(), 1);
        before.exec(QStringLiteral("SELECT 5")); // what was open keeps working
        QTRY_COMPARE(before.answered(), 1);
        QCOMPARE(before.result(0), QStringLiteral("5"));

        m_proxy->resume();
        SqlSession after(viaProxy(), *m_proxy);
        QTRY_VERIFY(after.state() != SqlSession::State::Opening);
        QVERIFY2(after.state() == SqlSession::State::Open, qPrintable(after.openError()));
        QCOMPARE(m_proxy->accepted(), 3);
        QCOMPARE(m_proxy->refused(), 1);
    }

    void closeAllResetsOpenConnections()
    {
        SqlSession session(viaProxy(), *m_proxy);
        QTRY_VERIFY(session.state() != SqlSession::State::Opening);
        QVERIFY2(session.state() == SqlSession::State::Open, qPrintable(session.openError()));
        m_proxy->closeAll();
        QCOMPARE(m_proxy->open(), 0);
        session.exec(QStringLiteral("SELECT 6"));
        QTRY_COMPARE(session.answered(), 1);
        QVERIFY2(session.result(0).startsWith(QLatin1String("error: ")), qPrintable(session.result(0)));
    }

    void cleanupTestCase() { m_pg.stop(); }
};

QTEST_GUILESS_MAIN(TestTcpProxy)
#include "tst_tcp_proxy.moc"
