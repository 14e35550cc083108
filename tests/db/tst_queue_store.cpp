// db: the SQLite file, migrations, and ticket numbering on real files. A writer killed with SIGKILL
// at random moments is tests/services/tst_queue_crash.

#include "db/database.h"
#include "db/migrations.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/qtest_strings.h"
#include "tests/support/sql_values.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace hk;

namespace {

using test::column;

const QDateTime kMorning = test::hall(9, 5);

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
};

QTEST_GUILESS_MAIN(TestQueueStore)
#include "tst_queue_store.moc"
