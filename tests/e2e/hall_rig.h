#pragma once

// A hall as real processes, for the end-to-end tests of DESIGN §11: a private PostgreSQL, the
// reference platform (`hallkiosk-platform-sim`) with the hall's terminals provisioned, and the built
// `hallkiosk` once per terminal with `--config`, each in a data folder of its own with a simulated
// printer (`sim:`, its tickets in `sim/tickets/`) and scanner (`sim:?suffix=cr`), their control
// FIFOs in `sim/`, walk-in taps through `--test-control`, and the one clock of the hall: every
// program runs 10:00 of the hall's next working day (`--test-clock-offset-ms`, the platform's
// `--clock-offset-ms`).
//
// Before any terminal starts, the rig migrates the hall's schema and adds a ledger of its own to it
// (`test_events_written`, filled by a trigger on the outbox in the writer's transaction), so a test
// knows every event the hall wrote even after the sender has delivered and deleted it.
//
// Header-only; users link hallkiosk::db, hallkiosk::platform, hallkiosk::platform_sim,
// hallkiosk::services, hallkiosk::config, hallkiosk_test_support and Qt6::Network, and define
// HALLKIOSK_BINARY and HALLKIOSK_PLATFORM_SIM_BINARY.

#include "app/config/catalog_parser.h"
#include "app/services/staff/pin_hasher.h"
#include "app/services/system_clock.h"
#include "db/database.h"
#include "platform/http_platform_client.h"
#include "platform/sim/demo_data.h"
#include "tests/support/callback_answer.h"
#include "tests/support/hall_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/private_hall.h"
#include "tests/support/private_postgres.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <sys/prctl.h>
#include <unistd.h>
#include <vector>

namespace hk::test {

inline const QString kHallCenter = QStringLiteral("SQ-001");
inline const QString kCountyCatalog = QStringLiteral(HALLKIOSK_SOURCE_DIR "/platform/sim/county-catalog.json");

// One line into a FIFO that a running program reads; false at once when nobody reads it (the
// program is down), never blocking the test.
inline bool writeFifo(const QString &path, const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    const ssize_t written = ::write(fd, bytes.constData(), size_t(bytes.size()));
    ::close(fd);
    return written == bytes.size();
}

inline QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

inline bool writeJson(const QString &path, const QJsonDocument &json)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(json.toJson()) > 0;
}

// A ticket as the simulated printer put it on paper: its number and the ticket id in its QR code.
struct PrintedTicket {
    QString id;
    QString number;
    QString file;
    // The last file of a run that was killed: the kill may have struck while the simulator saved it
    // (an empty file), after the ticket was committed and put out.
    bool lastOfKilledRun = false;
};

// Reads one ticket the printer simulator saved (`ticket-NNNN.txt`); empty fields when the text is
// not a ticket.
inline PrintedTicket readPrintedTicket(const QString &path)
{
    static const QRegularExpression kNumber(QStringLiteral("\\*([A-Z][0-9]?-?[0-9]{3,})\\s+\\[x4\\]\\*"));
    static const QRegularExpression kQr(QStringLiteral("\\[QR HK1:[^:\\]]+:([0-9a-f-]{36})\\]"));
    const QString text = readText(path);
    return {kQr.match(text).captured(1), kNumber.match(text).captured(1), path, false};
}

// One terminal of the hall: the built binary with `--config`, restartable on the same data folder.
// Its log (standard output and error) goes to a file per run in `logs/`, so a test that blocks for
// a moment never blocks the terminal's logging.
class RigTerminal {
public:
    RigTerminal(int index, QString dir, qint64 clockOffsetMs)
        : m_index(index)
        , m_dir(std::move(dir))
        , m_clockOffsetMs(clockOffsetMs)
    {
        QDir().mkpath(QDir(m_dir).filePath(QStringLiteral("logs")));
    }
    RigTerminal(const RigTerminal &) = delete;
    RigTerminal &operator=(const RigTerminal &) = delete;
    ~RigTerminal() { kill(); }

    int index() const { return m_index; }
    QString id() const { return QStringLiteral("T%1").arg(m_index, 2, 10, QLatin1Char('0')); }
    QString dir() const { return m_dir; }
    QString configPath() const { return QDir(m_dir).filePath(QStringLiteral("hallkiosk.json")); }
    QString databasePath() const { return QDir(m_dir).filePath(QStringLiteral("hallkiosk.db")); }
    QString simDir() const { return QDir(m_dir).filePath(QStringLiteral("sim")); }
    QString controlFifo() const { return QDir(m_dir).filePath(QStringLiteral("control")); }
    QString scannerFifo() const { return QDir(simDir()).filePath(QStringLiteral("scanner.ctl")); }
    QString ticketsDir() const { return QDir(simDir()).filePath(QStringLiteral("tickets")); }
    QString logPath() const { return QDir(m_dir).filePath(QStringLiteral("logs/run-%1.log").arg(m_runs)); }
    int runs() const { return m_runs; }
    quint16 port() const { return running() ? m_port : 0; }

    // Starts the binary, `failpoint` (db/failpoint.h, `name:N`) in HALLKIOSK_FAILPOINT if given,
    // without waiting for it; waitUp() then waits for its HTTP interface.
    void launch(const QString &failpoint = {})
    {
        kill();
        noteUnexpectedEnd();
        // The printer simulator numbers its files from 1 in each run: keep the last run's apart.
        if (QDir(ticketsDir()).exists())
            QDir().rename(ticketsDir(), QDir(simDir()).filePath(QStringLiteral("printed-run%1").arg(m_runs)));
        ++m_runs;
        m_port = 0;
        m_printedThisRun = 0;
        m_killedByTest = false;
        m_failpoint = failpoint;
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("HALLKIOSK_FAILPOINT"));
        if (!failpoint.isEmpty())
            env.insert(QStringLiteral("HALLKIOSK_FAILPOINT"), failpoint);
        m_process->setProcessEnvironment(env);
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(logPath());
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); }); // never outlives the test
        m_process->start(QStringLiteral(HALLKIOSK_BINARY),
                         {QStringLiteral("--config"), configPath(), QStringLiteral("--test-control"), controlFifo(),
                          QStringLiteral("--test-clock-offset-ms"), QString::number(m_clockOffsetMs)});
    }

    // Empty once the terminal answers HTTP; otherwise why not (with the end of its log).
    QString waitUp(int timeoutMs = 60000)
    {
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        QRegularExpressionMatch match;
        (void)QTest::qWaitFor([&] {
            match = kHttp.match(readText(logPath()));
            return match.hasMatch() || !running();
        }, timeoutMs);
        if (!match.hasMatch())
            return QStringLiteral("%1 (run %2) did not start: %3").arg(id()).arg(m_runs).arg(logTail());
        m_port = quint16(match.captured(1).toUInt());
        return {};
    }

    QString start(const QString &failpoint = {})
    {
        launch(failpoint);
        return waitUp();
    }

    void kill()
    {
        if (!running())
            return;
        m_killedByTest = true;
        ::kill(pid_t(m_process->processId()), SIGKILL);
        m_process->waitForFinished(10000);
    }

    bool running() const { return m_process && m_process->state() != QProcess::NotRunning; }
    // Ended by a SIGKILL the test did not send, started with a failpoint: killed there.
    bool killedItself() const
    {
        return m_process && !running() && !m_killedByTest && !m_failpoint.isEmpty() &&
               m_process->exitStatus() == QProcess::CrashExit && m_process->exitCode() == SIGKILL;
    }
    QString failpoint() const { return m_failpoint; }
    // Runs that ended neither by the test's SIGKILL nor at their failpoint (a crash, an exit), with
    // the end of their logs.
    QStringList unexpectedEnds()
    {
        noteUnexpectedEnd();
        return m_unexpectedEnds;
    }

    // A tap on a group's button (the binary's --test-control).
    bool tap(const QString &group) const { return writeFifo(controlFifo(), QStringLiteral("walkin ") + group); }
    // A booking code held under the scanner.
    bool scan(const QString &code) const { return writeFifo(scannerFifo(), QStringLiteral("send ") + code); }

    // Tickets printed in this run so far (the simulator saves ticket-0001.txt, ticket-0002.txt …).
    int printedThisRun()
    {
        while (QFile::exists(QDir(ticketsDir()).filePath(QStringLiteral("ticket-%1.txt").arg(m_printedThisRun + 1, 4, 10, QLatin1Char('0')))))
            ++m_printedThisRun;
        return m_printedThisRun;
    }

    // Every ticket this terminal printed, in every run.
    std::vector<PrintedTicket> printed() const
    {
        std::vector<PrintedTicket> all;
        const QDir sim(simDir());
        for (const QString &folder : sim.entryList({QStringLiteral("printed-run*"), QStringLiteral("tickets")}, QDir::Dirs)) {
            const QDir tickets(sim.filePath(folder));
            const QStringList files = tickets.entryList({QStringLiteral("ticket-*.txt")}, QDir::Files, QDir::Name);
            for (const QString &file : files) {
                all.push_back(readPrintedTicket(tickets.filePath(file)));
                all.back().lastOfKilledRun = folder != QLatin1String("tickets") && file == files.last();
            }
        }
        return all;
    }

    QJsonObject health() const { return port() ? getJson(m_port, QStringLiteral("/api/v1/health")) : QJsonObject(); }

    QString logTail(int chars = 3000) const { return readText(logPath()).right(chars); }

    // What the terminal's own SQLite file holds: `sql` run read-only beside the running terminal.
    QList<QVariantList> local(const QString &sql) const
    {
        QList<QVariantList> rows;
        const QString name = QStringLiteral("hall-rig-local-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(databasePath());
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql)) {
                    while (q.next()) {
                        QVariantList row;
                        for (int i = 0; i < q.record().count(); ++i)
                            row << q.value(i);
                        rows << row;
                    }
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return rows;
    }

private:
    void noteUnexpectedEnd()
    {
        if (!m_process || running() || m_killedByTest || killedItself() || m_endNoted == m_runs)
            return;
        m_endNoted = m_runs;
        m_unexpectedEnds << QStringLiteral("%1 run %2 ended by itself (%3 %4): %5")
                                .arg(id())
                                .arg(m_runs)
                                .arg(m_process->exitStatus() == QProcess::CrashExit ? QStringLiteral("signal") : QStringLiteral("exit status"))
                                .arg(m_process->exitCode())
                                .arg(logTail(1500));
    }

    int m_index;
    QString m_dir;
    qint64 m_clockOffsetMs;
    std::unique_ptr<QProcess> m_process;
    int m_runs = 0;
    quint16 m_port = 0;
    int m_printedThisRun = 0;
    bool m_killedByTest = false;
    QString m_failpoint;
    int m_endNoted = 0;
    QStringList m_unexpectedEnds;
};

// The reference platform as the hall's terminals use it, with its admin routes.
class HallPlatform {
public:
    explicit HallPlatform(QString dir) : m_dir(std::move(dir)) {}
    HallPlatform(const HallPlatform &) = delete;
    HallPlatform &operator=(const HallPlatform &) = delete;
    ~HallPlatform() { stop(SIGKILL); }

    // Empty once it listens (on `port`, or any free one); otherwise why not.
    QString start(const QStringList &terminals, qint64 clockOffsetMs, quint16 port = 0)
    {
        stop(SIGTERM);
        ++m_runs;
        const QString log = QDir(m_dir).filePath(QStringLiteral("platform-run%1.log").arg(m_runs));
        m_process = std::make_unique<QProcess>();
        m_process->setStandardOutputFile(log);
        m_process->setStandardErrorFile(QDir(m_dir).filePath(QStringLiteral("platform-run%1.err").arg(m_runs)));
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        QStringList arguments{QStringLiteral("--data-dir"), m_dir, QStringLiteral("--port"), QString::number(port),
                              QStringLiteral("--clock-offset-ms"), QString::number(clockOffsetMs)};
        for (const QString &t : terminals)
            arguments << QStringLiteral("--terminal") << t;
        m_process->start(QStringLiteral(HALLKIOSK_PLATFORM_SIM_BINARY), arguments);
        static const QRegularExpression kListening(QStringLiteral("listening on (http://127\\.0\\.0\\.1:(\\d+)/)"));
        QRegularExpressionMatch match;
        (void)QTest::qWaitFor([&] {
            match = kListening.match(readText(log));
            return match.hasMatch() || m_process->state() == QProcess::NotRunning;
        }, 60000);
        if (!match.hasMatch())
            return QStringLiteral("hallkiosk-platform-sim did not start: %1 %2")
                .arg(readText(log), readText(QDir(m_dir).filePath(QStringLiteral("platform-run%1.err").arg(m_runs))).right(2000));
        m_url = match.captured(1);
        m_port = quint16(match.captured(2).toUInt());
        return {};
    }

    void stop(int signalNumber)
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process->processId()), signalNumber);
        m_process->waitForFinished(10000);
    }

    QString url() const { return m_url; }
    quint16 port() const { return m_port; }
    QString secretFile(const QString &terminal) const { return QDir(m_dir).filePath(QStringLiteral("terminals/%1.secret").arg(terminal)); }
    QString publicKeyFile() const { return QDir(m_dir).filePath(QStringLiteral("platform-public.pem")); }
    QString matchKeyFile() const { return QDir(m_dir).filePath(QStringLiteral("match.key")); }

    // Every event it took, in arrival order (`GET /sim/v1/events`, page by page); `ok` false when
    // a page did not come.
    QJsonArray events(bool *ok = nullptr) const
    {
        QJsonArray all;
        double after = 0;
        for (;;) {
            const Reply page = fetch(QUrl(m_url + QStringLiteral("sim/v1/events?after=%1&limit=10000").arg(qint64(after))));
            if (page.status != 200) {
                if (ok)
                    *ok = false;
                return all;
            }
            const QJsonArray events = page.body.object().value(QStringLiteral("events")).toArray();
            for (const QJsonValue &e : events) {
                all.append(e);
                after = e.toObject().value(QStringLiteral("seq")).toDouble();
            }
            if (events.size() < 10000)
                break;
        }
        if (ok)
            *ok = true;
        return all;
    }
    QJsonObject stats() const { return fetch(QUrl(m_url + QStringLiteral("sim/v1/stats"))).body.object(); }
    bool setFaults(const QJsonObject &faults) const
    {
        return fetch(QUrl(m_url + QStringLiteral("sim/v1/faults")), "POST", QJsonDocument(faults).toJson()).status == 200;
    }

private:
    QString m_dir;
    std::unique_ptr<QProcess> m_process;
    int m_runs = 0;
    QString m_url;
    quint16 m_port = 0;
};

// A booking made on the platform through its booking route, and its QR code.
struct HallBooking {
    QString id;
    QString code;
    QDateTime slotStart;
};

// The whole hall. start() builds it; a test fails with start()'s answer when it is not empty.
class HallRig {
public:
    static constexpr const char *kStaffId = "S01";
    static constexpr const char *kStaffPin = "135790";

    HallRig()
    {
        ::signal(SIGPIPE, SIG_IGN); // a FIFO whose reader was just killed
        // HALLKIOSK_HALL_KEEP=1: the data folders, logs and printed tickets stay for a look after the run.
        if (qEnvironmentVariableIntValue("HALLKIOSK_HALL_KEEP")) {
            m_dir.setAutoRemove(false);
            qInfo().noquote() << "the hall's folders stay in" << m_dir.path();
        }
    }
    HallRig(const HallRig &) = delete;
    HallRig &operator=(const HallRig &) = delete;

    // PostgreSQL with the hall's schema and the ledger, the platform with `bookings` bookings for
    // 10:00 and 11:00 made through its route, and `terminals` terminals up. Empty, or why not.
    QString start(int terminals = 3, int bookings = 0)
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        auto catalog = CatalogParser::loadFile(kCountyCatalog);
        if (!catalog)
            return QStringLiteral("cannot read %1").arg(kCountyCatalog);
        m_catalog = catalog->catalog;
        m_clockOffsetMs = workingMorningOffsetMs(m_catalog);

        if (QString why = m_pg.start(); !why.isEmpty())
            return QStringLiteral("cannot start PostgreSQL: %1").arg(why);
        if (QString why = prepareHallDatabase(); !why.isEmpty())
            return why;

        QStringList ids;
        for (int i = 1; i <= terminals; ++i)
            ids << QStringLiteral("T%1").arg(i, 2, 10, QLatin1Char('0'));
        m_platform = std::make_unique<HallPlatform>(m_dir.filePath(QStringLiteral("platform")));
        QDir().mkpath(m_dir.filePath(QStringLiteral("platform")));
        if (bookings > 0) {
            // The platform takes a booking up to 3 h before its slot: these are made the day before,
            // on its clock, then it runs on the hall's.
            if (QString why = m_platform->start(ids, m_clockOffsetMs - 24 * 3600 * 1000LL); !why.isEmpty())
                return why;
            if (QString why = makeBookings(bookings); !why.isEmpty())
                return why;
        }
        if (QString why = m_platform->start(ids, m_clockOffsetMs, m_platform->port()); !why.isEmpty())
            return why;

        if (QString why = writeStaffFile(); !why.isEmpty())
            return why;
        for (int i = 1; i <= terminals; ++i) {
            m_terminals.push_back(std::make_unique<RigTerminal>(i, m_dir.filePath(QStringLiteral("t%1").arg(i)), m_clockOffsetMs));
            if (!writeJson(m_terminals.back()->configPath(), QJsonDocument(configOf(*m_terminals.back()))))
                return QStringLiteral("cannot write %1").arg(m_terminals.back()->configPath());
        }
        for (auto &t : m_terminals)
            t->launch();
        for (auto &t : m_terminals) {
            if (QString why = t->waitUp(); !why.isEmpty())
                return why;
        }
        return {};
    }

    PrivatePostgres &database() { return m_pg; }
    HallPlatform &platform() { return *m_platform; }
    RigTerminal &terminal(int index) { return *m_terminals.at(size_t(index - 1)); }
    int terminalCount() const { return int(m_terminals.size()); }
    const std::vector<HallBooking> &bookings() const { return m_bookings; }
    const Catalog &catalog() const { return m_catalog; }
    qint64 clockOffsetMs() const { return m_clockOffsetMs; }
    QString dir() const { return m_dir.path(); }

    // Every terminal run that ended by itself, not killed by the test or at its failpoint.
    QStringList unexpectedEnds()
    {
        QStringList all;
        for (auto &t : m_terminals)
            all << t->unexpectedEnds();
        return all;
    }

    // Rows of a query on the hall's database, as JSON objects (psql, as the server's superuser).
    QJsonArray rows(const QString &select, bool *ok = nullptr) const
    {
        bool fine = false;
        const QString out = m_pg.psql(QStringLiteral("SELECT coalesce(json_agg(r), '[]') FROM (%1) r").arg(select), &fine);
        const QJsonDocument json = QJsonDocument::fromJson(out.toUtf8());
        if (ok)
            *ok = fine && json.isArray();
        return json.array();
    }
    // One number from the hall's database; -1 when the query failed.
    qint64 number(const QString &select) const
    {
        bool ok = false;
        const QString out = m_pg.psql(select, &ok);
        return ok ? out.toLongLong() : -1;
    }

private:
    QString prepareHallDatabase()
    {
        // The schema, as the first terminal would make it.
        auto hall = Database::openHall(hallConnectionOf(m_pg, QStringLiteral("rig")), kHallCenter);
        if (!hall)
            return QStringLiteral("cannot migrate the hall's database: %1").arg(hall.error().detail);
        hall.value().reset();
        bool ok = false;
        const QString out = m_pg.psql(QStringLiteral(R"sql(
CREATE TABLE test_events_written (
    id         TEXT NOT NULL,
    type       TEXT NOT NULL,
    data       TEXT NOT NULL,
    written_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
GRANT INSERT ON test_events_written TO hallkiosk;
CREATE FUNCTION test_note_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO test_events_written (id, type, data) VALUES (NEW.id, NEW.type, NEW.data);
    RETURN NULL;
END $$;
CREATE TRIGGER test_note_event AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION test_note_event();
)sql"), &ok);
        return ok ? QString() : QStringLiteral("cannot add the events ledger: %1").arg(out);
    }

    QString makeBookings(int count)
    {
        PlatformEndpoint endpoint;
        endpoint.baseUrl = QUrl(m_platform->url());
        endpoint.terminalId = QStringLiteral("T01");
        endpoint.centerId = kHallCenter;
        endpoint.secret = readText(m_platform->secretFile(QStringLiteral("T01"))).trimmed().toUtf8();
        const SystemClock dayBefore(m_clockOffsetMs - 24 * 3600 * 1000LL);
        auto client = HttpPlatformClient::create(endpoint, dayBefore);
        if (!client)
            return QStringLiteral("platform client: %1").arg(client.error());
        const CatalogService service(m_catalog);
        const CivilDate day = service.centerTime().dateOf(SystemClock(m_clockOffsetMs).now());
        std::vector<const Matter *> matters;
        for (const Matter &m : m_catalog.matters) {
            if (m.bookable)
                matters.push_back(&m);
        }
        quint32 applicant = 700000;
        // The slots a citizen may check in to at 10:00 (DESIGN §3: up to 120 min early, 30 min late).
        for (const MinuteOfDay slot : {MinuteOfDay(10 * 60), MinuteOfDay(11 * 60)}) {
            const QDateTime start = service.centerTime().instantOf(day, slot);
            QSet<QString> fullGroups;
            for (int round = 0; int(m_bookings.size()) < count && fullGroups.size() < int(matters.size()); ++round) {
                bool placedAny = false;
                for (const Matter *matter : matters) {
                    if (int(m_bookings.size()) >= count)
                        break;
                    if (fullGroups.contains(QString::fromStdString(matter->group)))
                        continue;
                    const quint32 n = applicant++;
                    BookingOrder order{QString::fromStdString(matter->code), start,
                                       Applicant{DemoData::syntheticIdNumber(n), QStringLiteral("测试%1").arg(n),
                                                 QStringLiteral("1380%1").arg(n % 10000000, 7, 10, QLatin1Char('0'))},
                                       {}};
                    const auto placed = answerOf<Result<PlacedBooking, PlatformError>>(
                        [&](auto done) { client.value()->createBooking(order, done); }, 15000);
                    if (!placed)
                        return QStringLiteral("the platform did not answer a booking");
                    if (!placed->ok()) {
                        if (placed->error().code != QLatin1String("slot_full"))
                            return QStringLiteral("booking refused: %1").arg(describe(placed->error()));
                        fullGroups.insert(QString::fromStdString(matter->group));
                        continue;
                    }
                    placedAny = true;
                    m_bookings.push_back({placed->value().booking.id, placed->value().qrToken, start});
                }
                if (!placedAny)
                    break;
            }
        }
        return {};
    }

    QString writeStaffFile()
    {
        QJsonArray windows;
        for (const HallWindow &w : m_catalog.windows)
            windows.append(w.number);
        const QJsonArray staff{QJsonObject{{QStringLiteral("id"), QLatin1String(kStaffId)},
                                           {QStringLiteral("name"), QStringLiteral("值班长")},
                                           {QStringLiteral("windows"), windows},
                                           {QStringLiteral("pin_hash"), PinHasher::hash(QLatin1String(kStaffPin))},
                                           {QStringLiteral("role"), QStringLiteral("supervisor")}}};
        return writeJson(staffFile(), QJsonDocument(staff)) ? QString() : QStringLiteral("cannot write %1").arg(staffFile());
    }
    QString staffFile() const { return m_dir.filePath(QStringLiteral("staff.json")); }

    QJsonObject configOf(const RigTerminal &t) const
    {
        QJsonObject devices{{QStringLiteral("printer"), QStringLiteral("sim:")}, {QStringLiteral("scanner"), QStringLiteral("sim:?suffix=cr")}};
        QJsonObject json{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), t.id()},
                                                     {QStringLiteral("center"), kHallCenter},
                                                     {QStringLiteral("name"), QStringLiteral("大厅%1号自助机").arg(t.index())}}},
            {QStringLiteral("database"), t.databasePath()},
            {QStringLiteral("hall"), QJsonObject{{QStringLiteral("database"), m_pg.uri()},
                                                 {QStringLiteral("password_file"), m_pg.passwordFile()},
                                                 {QStringLiteral("index"), t.index()}}},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("enabled"), false}}},
            {QStringLiteral("platform"), QJsonObject{{QStringLiteral("url"), m_platform->url()},
                                                     {QStringLiteral("secret_file"), m_platform->secretFile(t.id())},
                                                     {QStringLiteral("public_key_file"), m_platform->publicKeyFile()},
                                                     {QStringLiteral("match_key_file"), m_platform->matchKeyFile()},
                                                     {QStringLiteral("pull_interval_s"), 5},
                                                     {QStringLiteral("timeout_ms"), 5000}}},
            {QStringLiteral("staff_file"), staffFile()},
            {QStringLiteral("catalog_file"), kCountyCatalog},
        };
        if (t.index() == 1) { // the terminal that drives the hall's window bus (DESIGN §11)
            devices.insert(QStringLiteral("hallbus"), QStringLiteral("sim:"));
            QJsonObject busWindows;
            for (const HallWindow &w : m_catalog.windows)
                busWindows.insert(QString::number(w.number), QJsonObject{{QStringLiteral("board"), w.number},
                                                                         {QStringLiteral("caller"), 100 + w.number},
                                                                         {QStringLiteral("evaluator"), 200 + w.number}});
            json.insert(QStringLiteral("hallbus"), QJsonObject{{QStringLiteral("windows"), busWindows}});
        }
        json.insert(QStringLiteral("devices"), devices);
        return json;
    }

    QTemporaryDir m_dir;
    PrivatePostgres m_pg;
    Catalog m_catalog;
    qint64 m_clockOffsetMs = 0;
    std::unique_ptr<HallPlatform> m_platform;
    std::vector<HallBooking> m_bookings;
    std::vector<std::unique_ptr<RigTerminal>> m_terminals;
};

} // namespace hk::test
