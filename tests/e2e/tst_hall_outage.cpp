// End to end, the hall's database lost and found (DESIGN §11, docs/hall.md "What happens when
// something fails"): the real `hallkiosk` reaches a private PostgreSQL through a TcpProxy. First the
// cable is pulled (the proxy black-holes: packets taken, nothing answered, no reset), then the server
// is killed and started again. Each time: the kiosk keeps answering GET /api/v1/health, health says
// `hall.connected: false` within 10 s, taps print tickets in the terminal's offline series (A1-001 …)
// — the first one tapped in the very moment of the cut, before anything has noticed —
// and when the hall is back the terminal reconnects by itself and its offline tickets join the hall's
// queue in issue-time order, `offline_tickets` back to 0. Each outage lasts HALLKIOSK_HALL_OUTAGE_S
// seconds (default 20); the test prints how long the terminal took to see each turn, the slowest
// health answer, and the longest outage run.

#include "tests/support/hall_terminal.h"
#include "tests/support/private_postgres.h"
#include "tests/support/tcp_proxy_thread.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>

using namespace hk;

class TestHallOutage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_outageS = qEnvironmentVariableIsSet("HALLKIOSK_HALL_OUTAGE_S") ? std::max(12, qEnvironmentVariableIntValue("HALLKIOSK_HALL_OUTAGE_S")) : 20;
        const QString started = m_pg.start();
        QVERIFY2(started.isEmpty(), qPrintable(QStringLiteral("cannot start PostgreSQL: ") + started));
        m_proxy = std::make_unique<test::TcpProxyThread>(QStringLiteral("127.0.0.1"), m_pg.port());
        QVERIFY2(m_proxy->error().isEmpty(), qPrintable(m_proxy->error()));
        const QString uri = QStringLiteral("postgresql://hallkiosk@127.0.0.1:%1/hallkiosk").arg(m_proxy->port());
        m_terminal = std::make_unique<test::HallTerminal>(m_dir.filePath(QStringLiteral("t1")), QStringLiteral("T01"), 1, uri,
                                                          m_pg.passwordFile());
        QVERIFY2(m_terminal->start(), qPrintable(m_terminal->log()));
        QCOMPARE(m_terminal->hall().value(QStringLiteral("engine")).toString(), QStringLiteral("postgresql"));
        QTRY_COMPARE(m_terminal->connected(), 1);
        // Online, a tap is the hall's number.
        QVERIFY(m_terminal->walkIn());
        QTRY_VERIFY2_WITH_TIMEOUT(m_terminal->hasPrinted(QStringLiteral("A001")), qPrintable(m_terminal->printed()), 15000);
        QCOMPARE(hallTickets(), QStringList{QStringLiteral("A001")});
    }

    void cablePulled()
    {
        outage(QStringLiteral("cable pulled (black hole)"), [this] { m_proxy->blackHole(); }, [this] { m_proxy->resume(); });
    }

    void serverKilledAndRestarted()
    {
        outage(QStringLiteral("server killed (SIGQUIT) and restarted"), [this] { m_pg.stop(false); },
               [this] {
                   const QString restarted = m_pg.restart();
                   QVERIFY2(restarted.isEmpty(), qPrintable(restarted));
               });
    }

    void cleanupTestCase()
    {
        if (m_terminal)
            m_terminal->stop();
        qInfo().noquote() << QStringLiteral("longest database outage tested: %1 s; slowest health answer seen during the outages: %2 ms")
                                 .arg(m_longestOutageMs / 1000.0, 0, 'f', 1)
                                 .arg(m_slowestHealthMs);
        for (const QString &line : std::as_const(m_summary))
            qInfo().noquote() << line;
    }

private:
    // The hall's tickets of the day in queue order, as PostgreSQL has them.
    QStringList hallTickets() const
    {
        bool ok = false;
        const QString out = m_pg.psql(QStringLiteral("SELECT number FROM tickets ORDER BY queue_key, seq"), &ok);
        return ok ? out.split(QLatin1Char('\n'), Qt::SkipEmptyParts) : QStringList{QStringLiteral("psql: ") + out};
    }

    // The terminal's next offline number (hall.index 1).
    QString offlineNumber() { return QStringLiteral("A1-%1").arg(++m_offlineIssued, 3, 10, QLatin1Char('0')); }

    // Health asked once: its `hall`, the slowest answer kept; empty when it did not answer.
    QJsonObject probeHall()
    {
        qint64 ms = 0;
        const QJsonObject health = m_terminal->health(&ms);
        m_slowestHealthMs = std::max(m_slowestHealthMs, ms);
        if (health.isEmpty())
            ++m_unanswered;
        return health.value(QStringLiteral("hall")).toObject();
    }

    void outage(const QString &what, const std::function<void()> &cut, const std::function<void()> &mend)
    {
        const QStringList before = hallTickets();
        const int offlineBefore = m_offlineIssued;
        m_unanswered = 0;
        QElapsedTimer down;
        cut();
        down.start();
        // A citizen taps in that very moment, before anything has noticed: the hall's issue finds
        // the connection lost before its commit, and the ticket comes from the offline series.
        QStringList issued{offlineNumber()};
        QVERIFY(m_terminal->walkIn());

        // Offline within 10 s (DESIGN §11), health answering all along.
        qint64 seenOfflineMs = -1;
        const bool offline = QTest::qWaitFor([&] {
            if (probeHall().value(QStringLiteral("connected")) == QJsonValue(false))
                seenOfflineMs = down.elapsed();
            return seenOfflineMs >= 0;
        }, 10000);
        QVERIFY2(offline, qPrintable(QStringLiteral("%1: health still says connected after 10 s").arg(what)));
        QCOMPARE(m_unanswered, 0);
        QVERIFY(!m_terminal->hall().value(QStringLiteral("detail")).toString().isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(m_terminal->hasPrinted(issued.first()),
                                  qPrintable(QStringLiteral("%1: %2 not printed; the terminal's log ends:\n%3").arg(what, issued.first(), m_terminal->log().right(700))), 10000);

        // The outage goes on; a citizen taps every few seconds and each gets an offline number.
        qint64 nextTapMs = down.elapsed();
        const qint64 outageMs = qint64(m_outageS) * 1000;
        const bool lasted = QTest::qWaitFor([&] {
            probeHall();
            if (down.elapsed() >= nextTapMs && issued.size() < 3) {
                const QString number = offlineNumber();
                if (!m_terminal->walkIn())
                    return true; // checked below
                if (!QTest::qWaitFor([&] { return m_terminal->hasPrinted(number); }, 10000))
                    return true;
                issued << number;
                nextTapMs = down.elapsed() + 3000;
            }
            return down.elapsed() >= outageMs;
        }, outageMs + 60000);
        QVERIFY(lasted);
        QVERIFY2(issued.size() == 3, qPrintable(QStringLiteral("%1: printed offline %2 of 3; printed: %3")
                                                    .arg(what)
                                                    .arg(issued.size())
                                                    .arg(m_terminal->printed())));
        QCOMPARE(m_unanswered, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_terminal->hall().value(QStringLiteral("offline_tickets")).toInt(), 3, 10000);
        if (m_pg.isRunning())
            QCOMPARE(hallTickets(), before); // nothing of them reached the hall while it was out of reach

        mend();
        const qint64 outageRunMs = down.elapsed();
        QElapsedTimer up;
        up.start();
        qint64 seenOnlineMs = -1;
        const bool back = QTest::qWaitFor([&] {
            if (probeHall().value(QStringLiteral("connected")) == QJsonValue(true))
                seenOnlineMs = up.elapsed();
            return seenOnlineMs >= 0;
        }, 30000);
        QVERIFY2(back, qPrintable(QStringLiteral("%1: not back 30 s after the hall was; log:\n%2").arg(what, m_terminal->log().right(3000))));
        QCOMPARE(m_unanswered, 0);

        // The offline tickets joined the hall's queue, after what was there, in issue-time order.
        QTRY_COMPARE_WITH_TIMEOUT(m_terminal->hall().value(QStringLiteral("offline_tickets")).toInt(), 0, 10000);
        QCOMPARE(hallTickets(), before + issued);
        QCOMPARE(m_offlineIssued - offlineBefore, 3);
        // And the next tap is the hall's again.
        static const QRegularExpression kHallNumber(QStringLiteral("^A\\d+$"));
        const QString next = QStringLiteral("A%1").arg(before.filter(kHallNumber).size() + 1, 3, 10, QLatin1Char('0'));
        QVERIFY(m_terminal->walkIn());
        QTRY_VERIFY2_WITH_TIMEOUT(m_terminal->hasPrinted(next), qPrintable(next + QStringLiteral(" not printed: ") + m_terminal->printed()), 15000);
        QCOMPARE(hallTickets().last(), next);

        m_longestOutageMs = std::max(m_longestOutageMs, outageRunMs);
        const QString line = QStringLiteral("%1: down %2 s; health said offline after %3 ms, online %4 ms after the hall was back; "
                                            "%5 offline tickets merged")
                                 .arg(what)
                                 .arg(outageRunMs / 1000.0, 0, 'f', 1)
                                 .arg(seenOfflineMs)
                                 .arg(seenOnlineMs)
                                 .arg(issued.size());
        qInfo().noquote() << line;
        m_summary << line;
    }

    QTemporaryDir m_dir;
    test::PrivatePostgres m_pg;
    std::unique_ptr<test::TcpProxyThread> m_proxy;
    std::unique_ptr<test::HallTerminal> m_terminal;
    int m_outageS = 20;
    int m_offlineIssued = 0;
    int m_unanswered = 0;
    qint64 m_slowestHealthMs = 0;
    qint64 m_longestOutageMs = 0;
    QStringList m_summary;
};

QTEST_MAIN(TestHallOutage)
#include "tst_hall_outage.moc"
