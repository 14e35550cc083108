// The built programs together, as a hall would run them: `hallkiosk --hash-pin` makes the staff
// file's hash; `hallkiosk-devsim hallbus` plays board 3, caller 103 and evaluator 203 on a
// pseudo-terminal; the `hallkiosk` binary masters that bus. Keys typed into the simulator's caller
// call, recall, pass, switch modes and pause, exactly as the console's buttons would; the board's
// texts come back on the simulator's output and the window's state on the console API.

#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/http_request.h"
#include "tests/support/sql_values.h"
#include "tests/support/window_three.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

class TestCallerBinaryE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hashPinPrintsOneLine()
    {
        QProcess p;
        p.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--hash-pin")});
        p.write("482916\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput();
        QCOMPARE(out.count('\n'), 1);
        QVERIFY(out.endsWith('\n'));
        const QString hash = QString::fromLatin1(out.trimmed());
        QVERIFY(hash.startsWith(QStringLiteral("pbkdf2-sha256$")));
        QVERIFY(PinHasher::verify(QStringLiteral("482916"), hash));
        QVERIFY(!PinHasher::verify(QStringLiteral("482916\n"), hash)); // the newline is not part of it

        QProcess empty;
        empty.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--hash-pin")});
        empty.closeWriteChannel();
        QVERIFY(empty.waitForFinished(20000));
        QCOMPARE(empty.exitCode(), 2);

        // DESIGN §16: at least 6 digits, digits only; refused with exit 2, nothing printed, the
        // PIN not echoed.
        for (const char *weak : {"24681\n", "2468\n", "12345a\n", "１２３４５６\n", " 123456\n", "1234 56\n"}) {
            QProcess refused;
            refused.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--hash-pin")});
            refused.write(weak);
            refused.closeWriteChannel();
            QVERIFY(refused.waitForFinished(20000));
            QVERIFY2(refused.exitCode() == 2, weak);
            QVERIFY2(refused.readAllStandardOutput().isEmpty(), weak);
            const QByteArray why = refused.readAllStandardError();
            QVERIFY2(why.contains("at least 6 digits"), why.constData());
            QVERIFY2(!why.contains(QByteArray(weak).trimmed()), why.constData());
        }
        m_hash = hash;
    }

    void callerOnAPtyDrivesTheWindow()
    {
        QTemporaryDir dir;
        const QString link = dir.filePath(QStringLiteral("hallbus"));
        QProcess devsim;
        devsim.start(QStringLiteral(HALLKIOSK_DEVSIM), {QStringLiteral("hallbus"), QStringLiteral("--link"), link, QStringLiteral("--window"),
                                                        QStringLiteral("3=3,103,203")});
        QVERIFY(devsim.waitForStarted());
        QTRY_VERIFY(QFile::exists(link));
        QByteArray boards;
        const auto boardSays = [&](const QByteArray &line) {
            boards += devsim.readAllStandardOutput();
            return boards.contains(line);
        };

        const QString staffFile = test::writeWindowThreeClerk(dir.path(), m_hash);
        QVERIFY(!staffFile.isEmpty());
        const QJsonObject json{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
            {QStringLiteral("database"), dir.filePath(QStringLiteral("hallkiosk.db"))},
            {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")}, {QStringLiteral("hallbus"), QStringLiteral("serial:") + link}}},
            {QStringLiteral("hallbus"), test::windowThreeBus()},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), QString()}}},
            {QStringLiteral("staff_file"), staffFile},
            {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
        };
        QFile config(dir.filePath(QStringLiteral("hallkiosk.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(json).toJson());
        config.close();
        QProcess terminal;
        terminal.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), config.fileName()});
        QVERIFY(terminal.waitForStarted());
        QString log;
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(terminal.readAllStandardError()), kHttp.match(log).hasMatch()), 20000);
        const quint16 port = quint16(kHttp.match(log).captured(1).toUInt());
        QTRY_VERIFY_WITH_TIMEOUT(boardSays("board 3 line 1: 3号窗口"), 10000); // the terminal set the board up

        // Three walk-ins for window 3's group, taken at the terminal meanwhile.
        auto db = Database::open(dir.filePath(QStringLiteral("hallkiosk.db"))).value();
        SqlQueueStore store(*db);
        const QDateTime now = QDateTime::currentDateTimeUtc().toTimeZone(test::hallZone());
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.issueWalkIn({QStringLiteral("BDC"), 'B', CivilDate(now.date().year(), now.date().month(), now.date().day()),
                                       now.addSecs(i), QStringLiteral("T01"), 0})
                        .ok());

        const QString token = test::request(port, "POST", QStringLiteral("/api/v1/session"),
                                   {{QStringLiteral("window"), 3}, {QStringLiteral("staff_id"), QStringLiteral("S03")}, {QStringLiteral("pin"), QStringLiteral("482916")}})
                                  .body.object()
                                  .value(QStringLiteral("token"))
                                  .toString();
        QVERIFY(!token.isEmpty());
        const auto window3 = [&] {
            for (const QJsonValue &w : test::request(port, "GET", QStringLiteral("/api/v1/windows"), {}, token).body.array()) {
                if (w.toObject().value(QStringLiteral("number")).toInt() == 3)
                    return w.toObject();
            }
            return QJsonObject();
        };
        const auto current = [&] { return window3().value(QStringLiteral("current")).toObject().value(QStringLiteral("ticket")).toString(); };
        const auto press = [&](const char *key) { devsim.write(QByteArray("press 103 ") + key + '\n'); };

        press("call_next");
        QTRY_VERIFY_WITH_TIMEOUT(boardSays("board 3 line 1: B001 请到3号窗口"), 10000);
        QCOMPARE(current(), QStringLiteral("B001"));
        press("recall");
        QTRY_COMPARE(window3().value(QStringLiteral("current")).toObject().value(QStringLiteral("recalls")).toInt(), 1);
        press("pass");
        QTRY_VERIFY(window3().value(QStringLiteral("current")).isNull());
        press("booking");
        QTRY_VERIFY_WITH_TIMEOUT(boardSays("board 3 line 2: 预约办理"), 10000);
        QCOMPARE(window3().value(QStringLiteral("mode")).toString(), QStringLiteral("booking"));
        press("call_next"); // nobody booked waits: 预约办理 falls back to normal (Q3)
        QTRY_COMPARE(current(), QStringLiteral("B002"));
        press("normal"); // while serving: after this ticket
        QTRY_COMPARE(window3().value(QStringLiteral("pending_mode")).toString(), QStringLiteral("normal"));
        press("finish");
        QTRY_COMPARE(window3().value(QStringLiteral("mode")).toString(), QStringLiteral("normal"));
        press("pause");
        QTRY_VERIFY_WITH_TIMEOUT(boardSays("board 3 line 2: 暂停服务"), 10000);
        press("call_next"); // refused while paused
        press("resume");
        QTRY_COMPARE(window3().value(QStringLiteral("mode")).toString(), QStringLiteral("normal"));
        QVERIFY(window3().value(QStringLiteral("current")).isNull());

        const auto count = [&db](const char *type) {
            return test::count(*db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = '%1'").arg(QLatin1String(type)));
        };
        QCOMPARE(count("ticket_called"), 2);
        QCOMPARE(count("ticket_recalled"), 1);
        QCOMPARE(count("ticket_passed"), 1);
        QCOMPARE(count("ticket_served"), 1);
        QCOMPARE(count("window_mode_changed"), 4); // booking, normal, paused, normal

        terminal.terminate();
        QVERIFY(terminal.waitForFinished(10000));
        QCOMPARE(terminal.exitCode(), 0);
        devsim.write("quit\n");
        QVERIFY(devsim.waitForFinished(5000));
    }

private:
    QString m_hash;
};

QTEST_GUILESS_MAIN(TestCallerBinaryE2e)
#include "tst_caller_binary_e2e.moc"
