#pragma once

// The booking rig of the end-to-end test and the benchmark (DESIGN §14): hallkiosk against
// hallkiosk-platform-sim, the reader, the scanner and the printer simulators on pseudo-terminals,
// taps through `--test-control`, each step of the booking flow awaited in the terminal's log.

#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "tests/e2e/platform_processes.h"
#include "tests/support/all_day_catalog.h"
#include "tests/support/hall_time.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hk::test {

inline const QString kResident = QStringLiteral("11010519491231002X"); // the "resident" card of resources/sim/idcards.json
inline constexpr int kWaitMs = 60000;

inline QString writeJson(const QString &path, const QJsonObject &json)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(json).toJson());
    return path;
}

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

// The all-day catalog with every matter served on weekends too: the test books whatever the day.
inline QString writeCatalog(const QString &path)
{
    writeAllDayCatalog(path);
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    QJsonObject catalog = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    QJsonArray matters;
    for (const QJsonValue &m : catalog.value(QStringLiteral("matters")).toArray()) {
        QJsonObject o = m.toObject();
        o.insert(QStringLiteral("weekend"), true);
        matters.append(o);
    }
    catalog.insert(QStringLiteral("matters"), matters);
    return writeJson(path, catalog);
}

inline QString isoSlot(const QDateTime &local)
{
    return local.toString(Qt::ISODate);
}

struct Rig {
    QTemporaryDir dir;
    std::unique_ptr<PrinterSimulator> printer = std::move(PrinterSimulator::create()).value();
    std::unique_ptr<IdCardSimulator> reader = std::move(IdCardSimulator::create()).value();
    std::unique_ptr<ScannerSimulator> scanner = std::move(ScannerSimulator::create()).value();
    SimProcess sim{dir.filePath(QStringLiteral("platform"))};
    QProcess terminal;
    QString log;     // this run of the terminal's log
    QString allLogs; // every run's, for what must never be in any
    QString shots;
    QString catalog = writeCatalog(dir.filePath(QStringLiteral("catalog.json")));
    quint16 port = 0;

    explicit Rig(const QString &cards = QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json"),
                 const QString &shotsDir = QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/booking-binary"))
        : shots(shotsDir)
    {
        (void)reader->loadCards(cards);
        scanner->setSuffix(ScannerLineDecoder::Suffix::CrLf);
        if (!shots.isEmpty())
            QDir(shots).removeRecursively();
        QDir().mkpath(dir.filePath(QStringLiteral("state")));
        ::mkfifo(QFile::encodeName(control()).constData(), 0600);
    }
    ~Rig()
    {
        stopTerminal(SIGKILL);
        if (!shots.isEmpty()) { // the terminal's log beside its screens: what a failed run saw
            QFile f(QDir(shots).filePath(QStringLiteral("terminal.log")));
            if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
                f.write(allLogs.toUtf8());
        }
    }

    QString control() const { return dir.filePath(QStringLiteral("control")); }
    QString dataDir() const { return dir.filePath(QStringLiteral("state")); }

    bool startSim(qint64 offsetMs = 0, const QStringList &extra = {})
    {
        return sim.start(QStringList{QStringLiteral("--catalog"), catalog, QStringLiteral("--clock-offset-ms"), QString::number(offsetMs)} + extra,
                         port) &&
               (port = sim.port()) != 0;
    }

    // The terminal's config: the devices on the simulators' pseudo-terminals, this rig's platform.
    QJsonObject terminalConfig() const
    {
        return QJsonObject{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
            {QStringLiteral("database"), QDir(dataDir()).filePath(QStringLiteral("hallkiosk.db"))},
            {QStringLiteral("devices"), QJsonObject{
                {QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(printer->devicePath())},
                {QStringLiteral("idcard"), QStringLiteral("serial:%1?baud=115200").arg(reader->devicePath())},
                {QStringLiteral("scanner"), QStringLiteral("serial:%1?baud=9600&suffix=crlf").arg(scanner->devicePath())}}},
            {QStringLiteral("platform"), QJsonObject{{QStringLiteral("url"), sim.url()},
                                                     {QStringLiteral("secret_file"), sim.secretFile()},
                                                     {QStringLiteral("public_key_file"), dir.filePath(QStringLiteral("platform/platform-public.pem"))},
                                                     {QStringLiteral("match_key_file"), dir.filePath(QStringLiteral("platform/match.key"))},
                                                     {QStringLiteral("pull_interval_s"), 5},
                                                     {QStringLiteral("timeout_ms"), 3000}}},
            {QStringLiteral("catalog_file"), catalog},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false},
                                                  {QStringLiteral("hall_address"), QStringLiteral("青山县人民路100号")},
                                                  {QStringLiteral("booking_phone"), QStringLiteral("021-12345678")}}},
        };
    }

    bool startTerminal(qint64 offsetMs = 0)
    {
        const QJsonObject config = terminalConfig();
        log.clear();
        terminal.setProcessChannelMode(QProcess::SeparateChannels);
        QStringList args{QStringLiteral("--config"), writeJson(dir.filePath(QStringLiteral("hallkiosk.json")), config),
                         QStringLiteral("--test-control"), control(), QStringLiteral("--test-clock-offset-ms"), QString::number(offsetMs)};
        if (!shots.isEmpty())
            args << QStringLiteral("--screenshot-dir") << shots;
        terminal.start(QStringLiteral(HALLKIOSK_BINARY), args);
        if (!terminal.waitForStarted())
            return false;
        return QTest::qWaitFor([this] { return logged(QStringLiteral("printer ok")) && logged(QStringLiteral("test control on")); }, kWaitMs) &&
               QTest::qWaitFor([this] { return logged(QStringLiteral("platform: http")); }, kWaitMs);
    }
    void stopTerminal(int signalNumber)
    {
        if (terminal.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(terminal.processId()), signalNumber);
        terminal.waitForFinished(20000);
        logged({});
    }

    bool logged(const QString &text)
    {
        const QString more = QString::fromUtf8(terminal.readAllStandardError());
        log += more;
        allLogs += more;
        return !text.isEmpty() && log.contains(text);
    }
    int count(const QString &text)
    {
        logged({});
        return int(log.count(text));
    }
    // Taps the button and waits for the terminal's answer (its log's "control: tap X -> …"): true
    // only if the button was on show and took the tap, as a citizen's finger would.
    bool tap(const QString &button)
    {
        const QString asked = QStringLiteral("control: tap %1 -> ").arg(button);
        const int before = count(asked);
        if (!writeFifo(control(), QStringLiteral("tap ") + button))
            return false;
        if (!QTest::qWaitFor([&] { return count(asked) > before; }, kWaitMs))
            return false;
        return log.mid(log.lastIndexOf(asked) + asked.size()).startsWith(QLatin1String("ok"));
    }
    // An option of a paged list: 下一页 until it is on show, as a citizen looks for it.
    bool tapOption(const QString &id, int pages = 6)
    {
        for (int page = 0; page < pages; ++page) {
            if (tap(QStringLiteral("option_") + id))
                return true;
            if (!tap(QStringLiteral("nextPage")))
                return false;
        }
        return false;
    }
    bool reached(const char *step, int times = 1)
    {
        const QString line = QStringLiteral("booking flow: %1").arg(QString::fromUtf8(step));
        return QTest::qWaitFor([&] { return count(line) >= times; }, kWaitMs);
    }
    void putCard(const QString &name = QStringLiteral("resident"))
    {
        reader->command(QStringLiteral("card ") + name);
    }
    // The card lifted off, and kept off until the terminal has polled an empty reader more than
    // twice: it forgets a card only after two "no card" answers in a row, so a card put back at
    // once is the same card still lying there, not a new read (drivers/devices/sam_idcard_reader).
    bool removeCard()
    {
        reader->command(QStringLiteral("remove"));
        const int finds = reader->commandsReceived(SamCommand::findCard());
        return QTest::qWaitFor([&] { return reader->commandsReceived(SamCommand::findCard()) >= finds + 3; }, kWaitMs);
    }
    int bookings(const char *status = "booked")
    {
        return sim.stats().value(QStringLiteral("bookings")).toObject().value(QLatin1String(status)).toInt();
    }

    // From home to the confirm screen for the slot at `slot` (center-local).
    bool chooseUpToConfirm(const QDateTime &slot, int times, const QString &cardName = QStringLiteral("resident"))
    {
        tap(QStringLiteral("homeButton")); // from wherever the last flow ended (on home: none on show)
        if (!(tap(QStringLiteral("bookButton"))))
            return false;
        if (!(reached("book-card", times)))
            return false;
        putCard(cardName);
        if (!(reached("group", times)))
            return false;
        if (!removeCard())
            return false;
        if (!(tap(QStringLiteral("option_SB"))))
            return false;
        if (!(reached("matter", times)))
            return false;
        if (!(tap(QStringLiteral("option_SB-001"))))
            return false;
        if (!(reached("materials", times)))
            return false;
        if (!(tap(QStringLiteral("option_next"))))
            return false;
        if (!(reached("day", times)))
            return false;
        if (!(tapOption(slot.date().toString(Qt::ISODate))))
            return false;
        if (!(reached("slot", times)))
            return false;
        if (!(tapOption(isoSlot(slot))))
            return false;
        if (!(reached("phone", times)))
            return false;
        for (QChar c : QStringLiteral("13800138000")) {
            if (!tap(QStringLiteral("key%1").arg(c)))
                return false;
        }
        if (!(tap(QStringLiteral("keypadConfirm"))))
            return false;
        return reached("confirm", times);
    }
    static QString tokenOf(const SimulatedTicket &ticket)
    {
        static const QRegularExpression kToken(QStringLiteral("YY1\\.[A-Za-z0-9_.-]+"));
        return kToken.match(QString::fromLatin1(ticket.bytes)).captured(0);
    }
};

// Tomorrow 10:00 in the hall: more than 3 h ahead whatever the hour, with 11:00 and 12:00 the same day.
inline QDateTime tomorrowAtTen()
{
    const QDate tomorrow = QDateTime::currentDateTimeUtc().toTimeZone(hallZone()).date().addDays(1);
    return QDateTime(tomorrow, QTime(10, 0), hallZone());
}

} // namespace hk::test
