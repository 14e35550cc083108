// Faults on real parts: the disk filling up under the database while tickets are issued (a tmpfs
// of its own), the clock jumping an hour forward and back while the terminal runs, the database's
// folder read-only at start-up (a read-only mount: root ignores file modes), and a corrupt WAL file
// beside the database at start-up (the real hallkiosk program). We run as root (COMMON rules); a
// mount that is refused fails the test with the reason.

#include "app/root/terminal.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "app/services/staff/pin_hasher.h"
#include "app/services/day_service.h"
#include "db/database.h"
#include "drivers/sim/printer_simulator.h"
#include "tests/support/fake_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/in_process_terminal.h"
#include "ui/kiosk/kiosk_window.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mount.h>

using namespace hk;

namespace {

// A tmpfs of `size` at `path`, unmounted when done with.
class Tmpfs {
public:
    Tmpfs(QString path, const QByteArray &size) : m_path(std::move(path))
    {
        QDir().mkpath(m_path);
        if (::mount("tmpfs", QFile::encodeName(m_path).constData(), "tmpfs", 0, QByteArray("size=" + size + ",mode=0755").constData()) != 0)
            m_error = QStringLiteral("mount -t tmpfs on %1 refused: %2 (the fault tests run as root)").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
    }
    ~Tmpfs()
    {
        if (m_error.isEmpty())
            ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
    }
    QString error() const { return m_error; }
    QString remount(bool readOnly)
    {
        const unsigned long flags = MS_REMOUNT | (readOnly ? MS_RDONLY : 0);
        if (::mount("tmpfs", QFile::encodeName(m_path).constData(), "tmpfs", flags, nullptr) != 0)
            return QStringLiteral("remount of %1 refused: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return {};
    }

private:
    QString m_path;
    QString m_error;
};

// Fills the file system holding `path` until a write fails for want of space.
bool fill(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    const QByteArray chunk(4096, 'x');
    while (f.write(chunk) == chunk.size()) {
    }
    f.close();
    return true;
}

QString writeJson(const QString &path, const QJsonObject &json)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(json).toJson());
    return path;
}

QJsonObject terminalConfig(const QString &database, const QString &printer)
{
    return {
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), database},
        {QStringLiteral("devices"), printer.isEmpty() ? QJsonObject{} : QJsonObject{{QStringLiteral("printer"), printer}}},
        {QStringLiteral("voice"), QJsonObject{{QStringLiteral("enabled"), false}}},
        {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 3600}}},
    };
}

// 10:00 on Tuesday 2026-11-24 in the hall (UTC+8), plus `minutes`.
QDateTime hallTime(int hour, int minute) { return QDateTime(QDate(2026, 11, 24), QTime(hour, minute), Qt::OffsetFromUTC, 8 * 3600).toUTC(); }

QStringList numbersIn(const QString &database)
{
    QStringList numbers;
    auto db = Database::open(database);
    if (!db)
        return {QStringLiteral("cannot open: ") + db.error().detail};
    QSqlQuery q(db.value()->connection());
    q.exec(QStringLiteral("SELECT number FROM tickets ORDER BY service_date, series, seq"));
    while (q.next())
        numbers << q.value(0).toString();
    return numbers;
}

struct Run {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString log;
};

Run runBinary(const QString &config, int stopAfterMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), config});
    Run run;
    if (!p.waitForStarted())
        return run;
    QString log;
    // Up (its HTTP listening) or gone; a terminal that is up is stopped as a service manager would.
    (void)QTest::qWaitFor([&] {
        log += QString::fromUtf8(p.readAllStandardError());
        return log.contains(QLatin1String("ready: home screen shown")) || p.state() == QProcess::NotRunning;
    }, stopAfterMs);
    if (p.state() != QProcess::NotRunning)
        p.terminate();
    p.waitForFinished(20000);
    run.log = log + QString::fromUtf8(p.readAllStandardError());
    run.exitCode = p.exitCode();
    run.status = p.exitStatus();
    return run;
}

} // namespace

class TestFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC"))); }

    // (a) The disk full while issuing: the ticket refused with the message the citizen reads,
    // no number taken half-way, nothing half-written; space back, the next ticket follows on.
    void diskFullRefusesTheTicketAndRecovers()
    {
        QTemporaryDir dir;
        Tmpfs disk(dir.filePath(QStringLiteral("disk")), "3m");
        QVERIFY2(disk.error().isEmpty(), qPrintable(disk.error()));
        const QString database = dir.filePath(QStringLiteral("disk/hallkiosk.db"));
        auto printer = std::move(PrinterSimulator::create()).value();
        test::FakeClock clock(hallTime(10, 0));
        auto started = test::startTerminal(terminalConfig(database, QStringLiteral("serial:%1?baud=115200").arg(printer->devicePath())),
                                           dir.path(), clock);
        QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error()));
        std::unique_ptr<Terminal> terminal = std::move(started).value();
        KioskWindow &window = terminal->window();
        const auto issue = [&] {
            QTRY_COMPARE_WITH_TIMEOUT(window.currentScreen() == KioskWindow::Screen::Home, true, 10000);
            auto *button = window.findChild<QPushButton *>(QStringLiteral("groupButton_SB"));
            QTRY_VERIFY(button->isEnabled());
            QTest::mouseClick(button, Qt::LeftButton);
        };
        const auto home = [&] {
            if (window.currentScreen() != KioskWindow::Screen::Home)
                window.showScreen(KioskWindow::Screen::Home);
        };
        issue();
        QTRY_COMPARE(printer->tickets().size(), 1);
        home();

        const QString filler = dir.filePath(QStringLiteral("disk/filler"));
        QVERIFY(fill(filler));
        // SQLite reuses the space its WAL already holds: tickets may still go through for a while,
        // until a write needs a page the disk no longer has. Each one either prints or is refused.
        QLabel *notice = window.findChild<QLabel *>(QStringLiteral("noticeTitle"));
        QVERIFY(notice);
        bool refused = false;
        for (int i = 0; i < 400 && !refused; ++i) {
            const int before = int(printer->tickets().size());
            issue();
            QVERIFY(QTest::qWaitFor([&] {
                return int(printer->tickets().size()) > before ||
                       (window.currentScreen() == KioskWindow::Screen::Notice && notice->text() == QStringLiteral("系统故障，暂时无法取号"));
            }, 10000));
            refused = int(printer->tickets().size()) == before;
            if (!refused)
                QTest::qWait(50);
            home();
        }
        QVERIFY2(refused, "the disk never filled up under the terminal");
        const int printedBeforeFull = int(printer->tickets().size());
        QCOMPARE(notice->text(), QStringLiteral("系统故障，暂时无法取号"));
        // A second try while still full: refused again, the terminal still there.
        issue();
        QTRY_VERIFY(window.currentScreen() == KioskWindow::Screen::Notice);
        QCOMPARE(int(printer->tickets().size()), printedBeforeFull);
        home();

        // Space back: the next ticket is the next number, none skipped, none twice.
        QVERIFY(QFile::remove(filler));
        issue();
        QTRY_COMPARE(int(printer->tickets().size()), printedBeforeFull + 1);
        const QString expected = QStringLiteral("A%1").arg(printedBeforeFull + 1, 3, 10, QLatin1Char('0'));
        QVERIFY2(printer->tickets().last().text.contains(expected), qPrintable(printer->tickets().last().text));
        terminal.reset();

        // Nothing half-written: the file is sound, its numbers 1..n exactly the printed ones.
        QStringList numbers = numbersIn(database);
        QCOMPARE(numbers.size(), printedBeforeFull + 1);
        for (int i = 0; i < numbers.size(); ++i)
            QCOMPARE(numbers.at(i), QStringLiteral("A%1").arg(i + 1, 3, 10, QLatin1Char('0')));
        auto db = Database::open(database);
        QVERIFY(db.ok());
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        QVERIFY(q.exec(QStringLiteral("SELECT last_seq FROM number_series WHERE series = 'A'")) && q.next());
        QCOMPARE(q.value(0).toInt(), printedBeforeFull + 1);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_issued'")) && q.next());
        QCOMPARE(q.value(0).toInt(), printedBeforeFull + 1); // no platform here: every issue's event kept, none extra
    }

    // (b) The clock an hour forward and back while the terminal runs: numbers go on without a
    // repeat or a gap, the day is closed once, nothing crashes.
    void clockJumpsAnHourForwardAndBack()
    {
        QTemporaryDir dir;
        const QString database = dir.filePath(QStringLiteral("hallkiosk.db"));
        auto printer = std::move(PrinterSimulator::create()).value();
        test::FakeClock clock(hallTime(16, 20));
        auto started = test::startTerminal(terminalConfig(database, QStringLiteral("serial:%1?baud=115200").arg(printer->devicePath())),
                                           dir.path(), clock);
        QVERIFY2(started.ok(), qPrintable(started ? QString() : started.error()));
        std::unique_ptr<Terminal> terminal = std::move(started).value();
        KioskWindow &window = terminal->window();
        QSignalSpy closes(&terminal->day(), &DayService::dayClosed);
        const auto issue = [&](int expected) {
            if (window.currentScreen() != KioskWindow::Screen::Home)
                window.showScreen(KioskWindow::Screen::Home);
            auto *button = window.findChild<QPushButton *>(QStringLiteral("groupButton_SB"));
            QTRY_VERIFY(button->isEnabled());
            // A tap while the last ticket still prints (its status not back yet) is refused as
            // busy, as the kiosk refuses a citizen's second tap: wait until it is free.
            QTRY_VERIFY_WITH_TIMEOUT(!terminal->issueService().isBusy(), 60000);
            QTest::mouseClick(button, Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(int(printer->tickets().size()), expected, 60000);
        };
        issue(1);
        clock.advanceSecs(3600); // 17:20: issuing over, the day not closed yet (18:00)
        terminal->day().tick();
        clock.advanceSecs(-3600); // back to 16:20
        terminal->day().tick();
        issue(2);
        clock.advanceSecs(30 * 60); // 16:50
        issue(3);
        clock.advanceSecs(3600 + 20 * 60); // 18:10: the day closes
        terminal->day().tick();
        QCOMPARE(closes.size(), 1);
        clock.advanceSecs(-3600); // 17:10, before the close again
        terminal->day().tick();
        clock.advanceSecs(3600); // 18:10 again
        terminal->day().tick();
        QCOMPARE(closes.size(), 1);
        // Back into the issuing hours of the day already closed: a ticket then is the next number
        // (never one given twice), and — as a late check-in after a close (B7) — the next day's
        // close ends it; the closed day is not closed again.
        clock.set(hallTime(16, 30));
        terminal->day().tick();
        issue(4);
        QVERIFY2(printer->tickets().last().text.contains(QStringLiteral("A004")), qPrintable(printer->tickets().last().text));
        clock.set(hallTime(18, 30));
        terminal->day().tick();
        QCOMPARE(closes.size(), 1);
        clock.set(hallTime(10, 0).addDays(1)); // Wednesday
        terminal->day().tick();
        issue(5);
        clock.set(hallTime(18, 30).addDays(1));
        terminal->day().tick();
        QCOMPARE(closes.size(), 2);
        QCOMPARE(closes.at(0).at(0).value<CivilDate>().toString(), std::string("2026-11-24"));
        QCOMPARE(closes.at(1).at(0).value<CivilDate>().toString(), std::string("2026-11-25"));
        terminal.reset();
        const QStringList numbers = numbersIn(database);
        QCOMPARE(numbers, (QStringList{QStringLiteral("A001"), QStringLiteral("A002"), QStringLiteral("A003"), QStringLiteral("A004"),
                                       QStringLiteral("A001")}));
        auto db = Database::open(database);
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    // (b') The same on the real program: hallkiosk under libfaketime (its LD_PRELOAD library; the
    // machine's steady clock left alone, as a time sync leaves it), the offset in a file the test
    // rewrites while the program runs. Tickets at 09:30, the clock an hour forward, more tickets and
    // calls, an hour back, more again: every number once, none lost, no wait below zero, health
    // answering, the day not closed, and the log saying what the clock did.
    void clockJumpsOnTheRealProgram()
    {
        const QString library = QStringLiteral("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");
        QVERIFY2(QFile::exists(library), "libfaketime is missing: apt-get install faketime (scripts/setup-debian.sh)");
        QTemporaryDir dir;
        const QString database = dir.filePath(QStringLiteral("hallkiosk.db"));
        auto printer = std::move(PrinterSimulator::create()).value();
        QJsonObject json = terminalConfig(database, QStringLiteral("serial:%1?baud=115200").arg(printer->devicePath()));
        const QString pin = QStringLiteral("482913");
        QFile staff(dir.filePath(QStringLiteral("staff.json")));
        QVERIFY(staff.open(QIODevice::WriteOnly));
        staff.write(QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("S01")}, {QStringLiteral("name"), QStringLiteral("值班长")},
                                                         {QStringLiteral("windows"), QJsonArray{1, 2}}, {QStringLiteral("pin_hash"), PinHasher::hash(pin)},
                                                         {QStringLiteral("role"), QStringLiteral("supervisor")}}})
                        .toJson());
        staff.close();
        json.insert(QStringLiteral("staff_file"), staff.fileName());
        // The offset from the machine's clock to 09:30 on Tuesday in the hall, in whole seconds.
        const qint64 offsetS = QDateTime::currentDateTimeUtc().secsTo(hallTime(9, 30));
        const QString stamp = dir.filePath(QStringLiteral("faketime"));
        const auto setOffset = [&stamp](qint64 seconds) {
            QFile f(stamp + QStringLiteral(".new"));
            if (!f.open(QIODevice::WriteOnly))
                return false;
            f.write(QByteArray(seconds >= 0 ? "+" : "") + QByteArray::number(seconds) + "\n");
            f.close();
            return ::rename(QFile::encodeName(f.fileName()).constData(), QFile::encodeName(stamp).constData()) == 0;
        };
        QVERIFY(setOffset(offsetS));
        const QString control = dir.filePath(QStringLiteral("control"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("LD_PRELOAD"), library);
        env.insert(QStringLiteral("FAKETIME_TIMESTAMP_FILE"), stamp);
        env.insert(QStringLiteral("FAKETIME_NO_CACHE"), QStringLiteral("1"));
        env.insert(QStringLiteral("FAKETIME_DONT_FAKE_MONOTONIC"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), writeJson(dir.filePath(QStringLiteral("hallkiosk.json")), json),
                                                   QStringLiteral("--test-control"), control});
        QVERIFY(p.waitForStarted());
        QString log;
        const auto readLog = [&] { return log += QString::fromUtf8(p.readAllStandardError()); };
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        QVERIFY2(QTest::qWaitFor([&] { return (kHttp.match(readLog()).hasMatch() && log.contains(QLatin1String("test control on"))) ||
                                              p.state() == QProcess::NotRunning; }, 60000) && p.state() == QProcess::Running,
                 qPrintable(log.right(3000)));
        const quint16 port = quint16(kHttp.match(log).captured(1).toUInt());
        const auto issue = [&](int expected) {
            const QByteArray line = "walkin SB\n";
            const int fd = ::open(QFile::encodeName(control).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0)
                return false;
            const bool written = ::write(fd, line.constData(), size_t(line.size())) == line.size();
            ::close(fd);
            return written && QTest::qWaitFor([&] { return int(printer->tickets().size()) >= expected; }, 30000);
        };
        const auto healthy = [port] { return test::request(port, "GET", QStringLiteral("/api/v1/health")).status == 200; };
        auto signedIn = test::signInRequest(port, {{QStringLiteral("window"), 1}, {QStringLiteral("staff_id"), QStringLiteral("S01")},
                                                  {QStringLiteral("pin"), pin}});
        QVERIFY2(signedIn.status == 200, qPrintable(readLog().right(2000)));
        const QString token = signedIn.body.object().value(QStringLiteral("token")).toString();
        const auto callNext = [&] {
            const auto r = test::request(port, "POST", QStringLiteral("/api/v1/windows/1/call-next"), {}, token);
            const bool ok = r.status == 200 && !r.body.object().value(QStringLiteral("current")).toObject().isEmpty();
            return ok && test::request(port, "POST", QStringLiteral("/api/v1/windows/1/finish"), {}, token).status == 200;
        };
        for (int i = 1; i <= 3; ++i)
            QVERIFY2(issue(i), qPrintable(readLog().right(2000)));
        QVERIFY(callNext());
        QVERIFY(setOffset(offsetS + 3600)); // 10:30
        QVERIFY2(QTest::qWaitFor([&] { return readLog().contains(QLatin1String("clock jumped forward by 3")); }, 60000), qPrintable(log.right(2000)));
        QVERIFY(healthy());
        for (int i = 4; i <= 6; ++i)
            QVERIFY2(issue(i), qPrintable(readLog().right(2000)));
        QVERIFY(callNext());
        QVERIFY(callNext());
        QVERIFY(setOffset(offsetS + 60)); // 09:31 and a little: back an hour
        QVERIFY2(QTest::qWaitFor([&] { return readLog().contains(QLatin1String("clock jumped back by 3")); }, 60000), qPrintable(log.right(2000)));
        QVERIFY(healthy());
        for (int i = 7; i <= 9; ++i)
            QVERIFY2(issue(i), qPrintable(readLog().right(2000)));
        for (int i = 0; i < 4; ++i)
            QVERIFY2(callNext(), qPrintable(readLog().right(2000)));
        QVERIFY(healthy());
        // The waits as the supervisor's report counts them: none below zero.
        QNetworkAccessManager network;
        QNetworkRequest csvRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/reports/day?date=2026-11-24&format=csv").arg(port)));
        csvRequest.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        std::unique_ptr<QNetworkReply> csv(network.get(csvRequest));
        QVERIFY(QTest::qWaitFor([&] { return csv->isFinished(); }, 10000));
        const QList<QByteArray> rows = csv->readAll().split('\n');
        QVERIFY2(rows.size() >= 10 && rows.first().contains("wait_s"), qPrintable(QString::fromUtf8(rows.join('\n'))));
        const int waitColumn = int(rows.first().trimmed().split(',').indexOf("wait_s"));
        int waits = 0;
        for (const QByteArray &row : rows.mid(1)) {
            const QList<QByteArray> cells = row.trimmed().split(',');
            if (cells.size() <= waitColumn || cells.at(waitColumn).isEmpty())
                continue;
            ++waits;
            QVERIFY2(cells.at(waitColumn).toLongLong() >= 0, row.constData());
        }
        QCOMPARE(waits, 7);
        readLog();
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(30000));
        readLog();
        QVERIFY2(log.contains(QLatin1String("clock jumped forward")) && log.contains(QLatin1String("clock jumped back")), qPrintable(log.right(3000)));
        QVERIFY2(!log.contains(QLatin1String("day closed:")), qPrintable(log.right(3000)));
        // Every ticket once, numbered on without a repeat or a gap, each printed; none lost.
        QCOMPARE(numbersIn(database), (QStringList{QStringLiteral("A001"), QStringLiteral("A002"), QStringLiteral("A003"), QStringLiteral("A004"),
                                                   QStringLiteral("A005"), QStringLiteral("A006"), QStringLiteral("A007"), QStringLiteral("A008"),
                                                   QStringLiteral("A009")}));
        QCOMPARE(int(printer->tickets().size()), 9);
        auto db = Database::open(database);
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM service_days WHERE closed_at IS NOT NULL")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0); // the backward jump closed nothing
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'served'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 7);
    }

    // (c) The database's folder read-only at start-up: a clear message naming it, exit 1, no crash
    // — with no database yet, and with one made before.
    void readOnlyDatabaseFolderStopsTheStart()
    {
        QTemporaryDir dir;
        Tmpfs disk(dir.filePath(QStringLiteral("ro")), "8m");
        QVERIFY2(disk.error().isEmpty(), qPrintable(disk.error()));
        const QString database = dir.filePath(QStringLiteral("ro/hallkiosk.db"));
        const QString config = writeJson(dir.filePath(QStringLiteral("hallkiosk.json")), terminalConfig(database, {}));
        {
            QVERIFY2(disk.remount(true).isEmpty(), qPrintable(disk.remount(true)));
            const Run run = runBinary(config, 30000);
            QCOMPARE(run.status, QProcess::NormalExit);
            QVERIFY2(run.exitCode == 1, qPrintable(run.log));
            QVERIFY2(run.log.contains(database) || run.log.contains(dir.filePath(QStringLiteral("ro"))), qPrintable(run.log));
            QVERIFY2(run.log.contains(QStringLiteral("read-only"), Qt::CaseInsensitive), qPrintable(run.log));
        }
        QVERIFY(disk.remount(false).isEmpty());
        {
            auto db = Database::open(database); // made while writable
            QVERIFY(db.ok());
        }
        QVERIFY(disk.remount(true).isEmpty());
        const Run run = runBinary(config, 30000);
        QCOMPARE(run.status, QProcess::NormalExit);
        QVERIFY2(run.exitCode == 1, qPrintable(run.log));
        QVERIFY2(run.log.contains(QStringLiteral("read-only"), Qt::CaseInsensitive), qPrintable(run.log));
        QVERIFY(disk.remount(false).isEmpty());
    }

    // (d) A WAL file with a bad checksum beside the database at start-up: SQLite discards it, the
    // terminal opens, and what was committed (checkpointed) before is all there.
    void corruptWalAtStartUp()
    {
        QTemporaryDir dir;
        const QString database = dir.filePath(QStringLiteral("hallkiosk.db"));
        const QString config = writeJson(dir.filePath(QStringLiteral("hallkiosk.json")), terminalConfig(database, {}));
        // A first run makes the file; then three tickets committed and checkpointed, and a fourth
        // left in the WAL only, as a power cut leaves it.
        QCOMPARE(runBinary(config, 30000).exitCode, 0);
        QByteArray wal;
        {
            QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
            sql.setDatabaseName(database);
            QVERIFY(sql.open());
            QSqlQuery q(sql);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
            for (int i = 1; i <= 4; ++i) {
                QVERIFY2(q.exec(QStringLiteral("INSERT INTO tickets (id, service_date, series, seq, number, kind, group_code, state, issued_at, terminal) "
                                               "VALUES ('t%1', '2026-11-24', 'A', %1, 'A00%1', 'walkin', 'SB', 'served', '2026-11-24T10:00:00+08:00', 'T01')")
                                    .arg(i)),
                         qPrintable(q.lastError().text()));
                if (i == 3)
                    QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            }
            QFile walFile(database + QStringLiteral("-wal"));
            QVERIFY(walFile.open(QIODevice::ReadOnly));
            wal = walFile.readAll();
            q.finish();
            sql.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
        // The connection closed checkpoints and removes the WAL: put back the one it held, with
        // its first frame's checksum broken (header 32 bytes, frame header 24: checksums at 16..23).
        QVERIFY(wal.size() > 32 + 24 + 4096);
        wal[32 + 16] = char(wal[32 + 16] ^ 0xFF);
        wal[32 + 20] = char(wal[32 + 20] ^ 0xFF);
        {
            // The database as it was before the fourth ticket was checkpointed into it.
            auto db = Database::open(database);
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(QStringLiteral("DELETE FROM tickets WHERE id = 't4'")));
        }
        QFile::remove(database + QStringLiteral("-shm"));
        QFile walOut(database + QStringLiteral("-wal"));
        QVERIFY(walOut.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(walOut.write(wal), wal.size());
        walOut.close();

        const Run run = runBinary(config, 30000);
        QCOMPARE(run.status, QProcess::NormalExit);
        QVERIFY2(run.exitCode == 0, qPrintable(run.log));
        const QStringList numbers = numbersIn(database);
        QVERIFY2(numbers.mid(0, 3) == (QStringList{QStringLiteral("A001"), QStringLiteral("A002"), QStringLiteral("A003")}), qPrintable(numbers.join(u',')));
        QVERIFY2(!numbers.contains(QStringLiteral("A004")), "the frame with a bad checksum was discarded");
        auto db = Database::open(database);
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    }

    // The test clock's flag is for test rigs only: with a platform that is not on this machine
    // (a real one would get made-up times), the program refuses to start, status 2.
    void testClockRateRefusedWithARealPlatform()
    {
        QTemporaryDir dir;
        QJsonObject json = terminalConfig(dir.filePath(QStringLiteral("hallkiosk.db")), {});
        QFile secret(dir.filePath(QStringLiteral("secret")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("0123456789abcdef0123456789abcdef\n");
        secret.close();
        secret.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // a secret (DESIGN §16)
        json.insert(QStringLiteral("platform"), QJsonObject{{QStringLiteral("url"), QStringLiteral("https://platform.example/")},
                                                            {QStringLiteral("secret_file"), secret.fileName()}});
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), writeJson(dir.filePath(QStringLiteral("hallkiosk.json")), json),
                                                   QStringLiteral("--test-clock-rate"), QStringLiteral("100")});
        QVERIFY(p.waitForFinished(30000));
        const QString log = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 2, qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("test rigs only")) && log.contains(QStringLiteral("https://platform.example/")), qPrintable(log));
    }
};

QTEST_MAIN(TestFaults)
#include "tst_faults.moc"
