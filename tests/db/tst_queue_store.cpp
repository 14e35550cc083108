// db: the SQLite file, migrations, and ticket numbering on real files — including a writer killed
// with SIGKILL at random moments.

#include "db/database.h"
#include "db/migrations.h"
#include "db/sql_outbox_store.h"
#include "db/sql_queue_store.h"
#include "tests/support/qtest_strings.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sys/stat.h>

using namespace hk;

namespace {

const QDateTime kMorning(QDate(2026, 11, 24), QTime(9, 5), QTimeZone(QByteArrayLiteral("Asia/Shanghai")));

WalkInRequest walkIn(const QString &group, char prefix, CivilDate date = CivilDate(2026, 11, 24))
{
    return WalkInRequest{group, prefix, date, kMorning, QStringLiteral("T01")};
}

int fileMode(const QString &path)
{
    struct stat st{};
    ::stat(QFile::encodeName(path).constData(), &st);
    return int(st.st_mode & 0777);
}

QStringList column(Database &db, const QString &sql)
{
    QStringList values;
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return {QStringLiteral("SQL ERROR")};
    while (q.next())
        values << q.value(0).toString();
    return values;
}

} // namespace

class TestQueueStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void newFileIsPrivateAndInWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/hallkiosk.db"));
        auto db = Database::open(path);
        QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
        QCOMPARE(fileMode(path), 0600);
        QCOMPARE(column(*db.value(), QStringLiteral("PRAGMA journal_mode")), QStringList{QStringLiteral("wal")});
        QCOMPARE(column(*db.value(), QStringLiteral("PRAGMA synchronous")), QStringList{QStringLiteral("2")}); // FULL
        QCOMPARE(column(*db.value(), QStringLiteral("PRAGMA foreign_keys")), QStringList{QStringLiteral("1")});
        QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
        QVERIFY(db.value()->checkIntegrity().ok());
        SqlQueueStore store(*db.value());
        QVERIFY(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).ok());
        QCOMPARE(fileMode(path + QStringLiteral("-wal")), 0600);
    }

    void looseModeIsTightened()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        { auto db = Database::open(path); QVERIFY(db.ok()); }
        ::chmod(QFile::encodeName(path).constData(), 0644);
        auto db = Database::open(path);
        QVERIFY(db.ok());
        QCOMPARE(fileMode(path), 0600);
    }

    void reopeningAppliesNothingTwice()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        { auto db = Database::open(path); QVERIFY(db.ok()); }
        auto db = Database::open(path);
        QVERIFY(db.ok());
        QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
        }
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().detail.contains(QStringLiteral("newer")), qPrintable(db.error().detail));
    }

    void garbageFileIsRefusedWithAMessage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hallkiosk.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().detail.contains(path), qPrintable(db.error().detail));
    }

    void unwritableFolderIsRefused()
    {
        if (::geteuid() == 0)
            QSKIP("root can write anywhere");
        auto db = Database::open(QStringLiteral("/proc/hallkiosk/x.db"));
        QVERIFY(!db.ok());
    }

    void numbersAreConsecutivePerSeriesAndDay()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.db")));
        QVERIFY(db.ok());
        SqlQueueStore store(*db.value());
        QStringList numbers;
        for (int i = 0; i < 3; ++i) {
            numbers << store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().number;
            numbers << store.issueWalkIn(walkIn(QStringLiteral("BDC"), 'B')).value().number;
        }
        QCOMPARE(numbers.join(QLatin1Char(',')), QStringLiteral("A001,B001,A002,B002,A003,B003"));
        // The next day starts again at 001.
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A', CivilDate(2026, 11, 25))).value().number,
                 QStringLiteral("A001"));
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().number, QStringLiteral("A004"));
    }

    void restartContinuesTheSeries()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.db"));
        {
            auto db = Database::open(path);
            SqlQueueStore store(*db.value());
            for (int i = 0; i < 5; ++i)
                QVERIFY(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).ok());
        }
        auto db = Database::open(path);
        SqlQueueStore store(*db.value());
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().number, QStringLiteral("A006"));
    }

    void numbersPastNineHundredNinetyNine()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.db")));
        SqlQueueStore store(*db.value());
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO number_series VALUES ('2026-11-24', 'A', 999)")));
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().number, QStringLiteral("A1000"));
    }

    void peopleAheadCountsWaitingTicketsOfTheGroup()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.db")));
        SqlQueueStore store(*db.value());
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().peopleAhead, 0);
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().peopleAhead, 1);
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("BDC"), 'B')).value().peopleAhead, 0);
        QCOMPARE(store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value().peopleAhead, 2);
        QCOMPARE(store.waitingCount(QStringLiteral("SB"), CivilDate(2026, 11, 24)).value(), 3);
        QCOMPARE(store.waitingCount(QStringLiteral("SB"), CivilDate(2026, 11, 25)).value(), 0);
    }

    void everyTicketHasItsEventInTheSameCommit()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.db")));
        SqlQueueStore store(*db.value());
        const IssuedTicket t = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value();
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT type, at, data FROM outbox")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ticket_issued"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("2026-11-24T09:05:00+08:00"));
        const QJsonObject data = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
        QCOMPARE(data.value(QStringLiteral("ticket")).toString(), t.id);
        QCOMPARE(data.value(QStringLiteral("number")).toString(), QStringLiteral("A001"));
        QCOMPARE(data.value(QStringLiteral("kind")).toString(), QStringLiteral("walkin"));
        QCOMPARE(data.value(QStringLiteral("group")).toString(), QStringLiteral("SB"));
        QVERIFY(!q.next());
        const OutboxCounts counts = SqlOutboxStore(*db.value()).counts().value();
        QCOMPARE(counts.pending, 1);
        QCOMPARE(*counts.oldestPendingAt, kMorning);
    }

    void printStateIsKeptBesideTheQueueState()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.db")));
        SqlQueueStore store(*db.value());
        const IssuedTicket t = store.issueWalkIn(walkIn(QStringLiteral("SB"), 'A')).value();
        QCOMPARE(column(*db.value(), QStringLiteral("SELECT print_state || '/' || state FROM tickets")),
                 QStringList{QStringLiteral("pending/waiting")});
        QVERIFY(store.setPrintState(t.id, PrintState::PrintFailed).ok());
        QCOMPARE(column(*db.value(), QStringLiteral("SELECT print_state || '/' || state FROM tickets")),
                 QStringList{QStringLiteral("print_failed/waiting")});
        auto missing = store.setPrintState(QStringLiteral("no-such-ticket"), PrintState::Printed);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind, StoreError::Kind::NotFound);
    }

    void sigkillNeverLeavesAGapOrADuplicate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crash.db"));
        QSet<QString> reported; // numbers the child said were committed
        auto *rng = QRandomGenerator::global();
        constexpr int kKills = 40;
        int killedMidRun = 0;
        for (int round = 0; round < kKills; ++round) {
            QProcess child;
            child.start(QStringLiteral(HALLKIOSK_CRASH_CHILD), {path});
            QVERIFY(child.waitForStarted());
            QTRY_VERIFY(child.canReadLine()); // it has committed at least one ticket
            QTest::qWait(int(rng->bounded(1, 40)));
            if (child.state() == QProcess::Running)
                ++killedMidRun;
            child.kill(); // SIGKILL: no destructor, no rollback, no flush
            QVERIFY(child.waitForFinished(5000));
            for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
                if (!line.isEmpty())
                    reported.insert(QString::fromLatin1(line));
            }
        }
        QVERIFY(killedMidRun == kKills);
        auto db = Database::open(path);
        QVERIFY2(db.ok(), qPrintable(db ? QString() : db.error().detail));
        QVERIFY(db.value()->checkIntegrity().ok());
        for (const QString &series : {QStringLiteral("A"), QStringLiteral("B")}) {
            const QStringList seqs = column(*db.value(), QStringLiteral("SELECT seq FROM tickets WHERE series = '%1' ORDER BY seq").arg(series));
            QVERIFY(seqs.size() > 10);
            for (int i = 0; i < seqs.size(); ++i)
                QCOMPARE(seqs.at(i).toInt(), i + 1); // 1..N: no gap, no duplicate
            const QStringList last = column(*db.value(), QStringLiteral("SELECT last_seq FROM number_series WHERE series = '%1'").arg(series));
            QCOMPARE(last, QStringList{QString::number(seqs.size())});
        }
        const QStringList numbers = column(*db.value(), QStringLiteral("SELECT number FROM tickets"));
        const QSet<QString> stored(numbers.begin(), numbers.end());
        QCOMPARE(stored.size(), numbers.size());
        for (const QString &number : reported)
            QVERIFY2(stored.contains(number), qPrintable(number + QStringLiteral(" was committed but is gone")));
        // Each ticket has exactly one ticket_issued event.
        QCOMPARE(column(*db.value(), QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_issued'")),
                 column(*db.value(), QStringLiteral("SELECT COUNT(*) FROM tickets")));
        qInfo() << "killed" << kKills << "writers;" << stored.size() << "tickets survive," << reported.size() << "reported committed";
    }
};

QTEST_GUILESS_MAIN(TestQueueStore)
#include "tst_queue_store.moc"
