// Crash safety of the queue (issue 3): a child doing random queue operations is SIGKILLed at 300
// random moments. After every restart the database passes PRAGMA integrity_check and keeps every
// event the child saw committed; at the end no number is skipped or duplicated, every ticket has
// exactly one ticket_issued, and replaying the outbox gives exactly the state in the tables —
// every fact a committed change reports is there once, and nothing else is.

#include "db/database.h"
#include "tests/support/sql_values.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;
using test::scalar;

class TestQueueCrash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killedAtRandomMomentsLosesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crash.db"));
        auto *rng = QRandomGenerator::global();
        const qint64 start = QDateTime(QDate(2026, 11, 23), QTime(1, 0), Qt::UTC).toSecsSinceEpoch(); // 09:00 in Shanghai
        constexpr int kKills = 300;
        qint64 lastReported = 0;
        int days = 1;
        for (int round = 0; round < kKills; ++round) {
            // Ten simulated minutes per round; every 60 rounds the hall opens on a new day.
            const qint64 roundStart = start + qint64(round / 60) * 86400 + qint64(round % 60) * 600;
            days = round / 60 + 1;
            QProcess child;
            child.start(QStringLiteral(HALLKIOSK_QUEUE_CHILD),
                        {path, QString::number(rng->generate()), QString::number(roundStart)});
            QVERIFY(child.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine(), 10000); // at least one change committed
            QTest::qWait(int(rng->bounded(1, 30)));
            QVERIFY(child.state() == QProcess::Running);
            child.kill();
            QVERIFY(child.waitForFinished(5000));
            for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
                if (line.startsWith("S "))
                    lastReported = std::max(lastReported, line.mid(2).toLongLong());
            }
            auto db = Database::open(path);
            QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
            QVERIFY(db.value()->checkIntegrity().ok());
            // Everything the child saw committed is still there.
            QVERIFY(scalar(*db.value(), QStringLiteral("SELECT MAX(seq) FROM outbox")).toLongLong() >= lastReported);
        }
        auto db = Database::open(path);
        QVERIFY(db.ok());
        Database &d = *db.value();

        // Numbers: 1..N per day and series, never a gap or a duplicate.
        QSqlQuery q(d.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT service_date, series, COUNT(*), MIN(seq), MAX(seq), COUNT(DISTINCT seq) FROM tickets "
                                      "GROUP BY service_date, series")));
        int seriesCount = 0;
        while (q.next()) {
            ++seriesCount;
            const QString where = q.value(0).toString() + QLatin1Char('/') + q.value(1).toString();
            QCOMPARE(q.value(3).toInt(), 1);
            QVERIFY2(q.value(4).toInt() == q.value(2).toInt(), qPrintable(where));
            QVERIFY2(q.value(5).toInt() == q.value(2).toInt(), qPrintable(where));
        }
        QVERIFY(seriesCount >= 7);
        QCOMPARE(scalar(d, QStringLiteral("SELECT COUNT(*) FROM tickets t JOIN number_series n ON n.service_date = t.service_date "
                                       "AND n.series = t.series WHERE t.seq > n.last_seq")),
                 QStringLiteral("0"));
        // … and every number a series handed out is a ticket: none lost after a kill.
        QCOMPARE(scalar(d, QStringLiteral("SELECT COUNT(*) FROM number_series n WHERE n.last_seq <> (SELECT COUNT(*) FROM tickets t "
                                          "WHERE t.service_date = n.service_date AND t.series = n.series)")),
                 QStringLiteral("0"));

        // Replay the outbox: per ticket, per window, per booking.
        QMap<QString, QString> ticketState, ticketGroup, bookingState;
        QMap<int, QString> windowMode;
        QMap<QString, int> issued;
        QMap<QString, int> types;
        QVERIFY(q.exec(QStringLiteral("SELECT type, data FROM outbox ORDER BY seq")));
        while (q.next()) {
            const QString type = q.value(0).toString();
            const QJsonObject data = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
            const QString ticket = data.value(QStringLiteral("ticket")).toString();
            ++types[type];
            if (type == QLatin1String("ticket_issued")) {
                ++issued[ticket];
                ticketState[ticket] = QStringLiteral("waiting");
                ticketGroup[ticket] = data.value(QStringLiteral("group")).toString();
            } else if (type == QLatin1String("ticket_called") || type == QLatin1String("ticket_recalled")) {
                ticketState[ticket] = QStringLiteral("called");
            } else if (type == QLatin1String("ticket_started")) {
                ticketState[ticket] = QStringLiteral("serving");
            } else if (type == QLatin1String("ticket_served")) {
                ticketState[ticket] = QStringLiteral("served");
            } else if (type == QLatin1String("ticket_passed")) {
                ticketState[ticket] = QStringLiteral("passed");
            } else if (type == QLatin1String("ticket_requeued")) {
                ticketState[ticket] = QStringLiteral("waiting");
            } else if (type == QLatin1String("ticket_transferred")) {
                ticketState[ticket] = QStringLiteral("waiting");
                ticketGroup[ticket] = data.value(QStringLiteral("to_group")).toString();
            } else if (type == QLatin1String("ticket_expired")) {
                ticketState[ticket] = QStringLiteral("expired");
            } else if (type == QLatin1String("window_mode_changed")) {
                windowMode[data.value(QStringLiteral("window")).toInt()] = data.value(QStringLiteral("mode")).toString();
            } else if (type == QLatin1String("booking_checked_in")) {
                bookingState[data.value(QStringLiteral("booking_id")).toString()] = QStringLiteral("checked_in");
            } else if (type == QLatin1String("booking_no_show")) {
                bookingState[data.value(QStringLiteral("booking_id")).toString()] = QStringLiteral("no_show");
            } else if (type == QLatin1String("booking_forfeited")) {
                bookingState[data.value(QStringLiteral("booking_id")).toString()] = QStringLiteral("forfeited");
            } else {
                QFAIL(qPrintable(QStringLiteral("unexpected event type ") + type));
            }
        }
        QVERIFY(q.exec(QStringLiteral("SELECT id, state, group_code FROM tickets")));
        int tickets = 0;
        while (q.next()) {
            ++tickets;
            const QString id = q.value(0).toString();
            QCOMPARE(issued.value(id), 1);
            QCOMPARE(ticketState.value(id), q.value(1).toString());
            QCOMPARE(ticketGroup.value(id), q.value(2).toString());
        }
        QCOMPARE(tickets, issued.size()); // no event for a ticket that does not exist
        QVERIFY(q.exec(QStringLiteral("SELECT number, mode FROM windows")));
        while (q.next())
            QCOMPARE(windowMode.value(q.value(0).toInt(), QStringLiteral("normal")), q.value(1).toString());
        QVERIFY(q.exec(QStringLiteral("SELECT id, status FROM bookings")));
        while (q.next())
            QCOMPARE(bookingState.value(q.value(0).toString(), QStringLiteral("booked")), q.value(1).toString());
        QCOMPARE(scalar(d, QStringLiteral("SELECT COUNT(*) - COUNT(DISTINCT id) FROM outbox")), QStringLiteral("0"));
        // The days before the last were closed at a later start-up.
        QCOMPARE(scalar(d, QStringLiteral("SELECT COUNT(*) FROM service_days WHERE closed_at IS NOT NULL")).toInt(), days - 1);

        QStringList summary;
        for (auto it = types.begin(); it != types.end(); ++it)
            summary << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
        qInfo().noquote() << kKills << "kills," << tickets << "tickets over" << days << "days; events:" << summary.join(QStringLiteral(", "));
        QVERIFY(types.value(QStringLiteral("ticket_called")) > 100);
        QVERIFY(types.value(QStringLiteral("ticket_expired")) > 0);
        QVERIFY(types.value(QStringLiteral("ticket_requeued")) > 0);
    }
};

QTEST_GUILESS_MAIN(TestQueueCrash)
#include "tst_queue_crash.moc"
