#pragma once

// Terminals of a hall as the real programs (DESIGN §11): `hallkiosk --config` with a `hall` on a
// test's private PostgreSQL, the built-in printer simulator (`sim:`, its tickets as text files in
// `sim/tickets` beside the terminal's database), the HTTP interface on an ephemeral loopback port,
// `--test-control` to tap a group's button and `--test-clock-offset-ms` to run inside the hall's
// working morning whatever the hour of the run. Header-only; users link hallkiosk::services and
// hallkiosk::config (the PIN hash, the demo catalog) and define HALLKIOSK_BINARY.

#include "app/services/staff/pin_hasher.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/http_request.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace hk::test {

// The clerk every hall terminal of these tests knows: S01, PIN 1, at windows 1 and 3 (groups SB
// and BDC in the demo catalog).
inline constexpr const char *kHallClerk = "S01";
inline constexpr const char *kHallClerkPin = "1";

// The offset that puts the terminals' clocks at 10:00 of the hall's next working day (shared by
// every terminal of a test, and by a test that writes tickets of that day itself).
inline qint64 hallMorningOffsetMs()
{
    static const qint64 offset = workingMorningOffsetMs(demoCatalog());
    return offset;
}

// One hall terminal: its folder (database, staff file, config, FIFO, simulated printer), its
// config as JSON a test may change before each start, and the running program.
class HallTerminal {
public:
    // `folder` is created; `uri` and `passwordFile` name the hall's database (empty: no password file).
    HallTerminal(const QString &folder, const QString &id, int index, const QString &uri, const QString &passwordFile)
        : m_folder(folder), m_id(id)
    {
        QDir().mkpath(folder);
        QJsonObject hall{{QStringLiteral("database"), uri}, {QStringLiteral("index"), index}};
        if (!passwordFile.isEmpty())
            hall.insert(QStringLiteral("password_file"), passwordFile);
        m_config = QJsonObject{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
            {QStringLiteral("database"), path(QStringLiteral("hallkiosk.db"))},
            {QStringLiteral("hall"), hall},
            {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")}}},
            {QStringLiteral("staff_file"), writeStaffFile()},
            {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), QString()}}},
        };
    }
    ~HallTerminal() { stop(SIGKILL); }
    HallTerminal(const HallTerminal &) = delete;
    HallTerminal &operator=(const HallTerminal &) = delete;

    QString path(const QString &name) const { return QDir(m_folder).filePath(name); }
    const QString &id() const { return m_id; }
    QJsonObject &config() { return m_config; }
    void setHallKey(const QString &key, const QJsonValue &value)
    {
        QJsonObject hall = m_config.value(QStringLiteral("hall")).toObject();
        hall.insert(key, value);
        m_config.insert(QStringLiteral("hall"), hall);
    }

    // Writes the config and starts the program: true once it serves HTTP and takes taps on its
    // FIFO; false (the log says why) when it exited or did not come up within a minute.
    bool start()
    {
        launch();
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        const bool up = QTest::qWaitFor([&] {
            readLog();
            return m_log.contains(QLatin1String("test control on")) || m_process->state() == QProcess::NotRunning;
        }, 60000);
        const auto http = kHttp.match(m_log);
        if (!up || !http.hasMatch() || m_process->state() == QProcess::NotRunning)
            return false;
        m_port = quint16(http.captured(1).toUInt());
        return true;
    }

    struct Exit {
        int code = -1; // -1: it did not exit in time (it was killed)
        QString err;
    };
    // Runs the program expecting it to stop by itself (a start-up refusal): its status and stderr.
    Exit runToExit(int timeoutMs = 60000)
    {
        launch();
        Exit exit;
        if (m_process->waitForFinished(timeoutMs) && m_process->exitStatus() == QProcess::NormalExit)
            exit.code = m_process->exitCode();
        else
            stop(SIGKILL);
        readLog();
        exit.err = m_log;
        return exit;
    }

    void stop(int signalNumber = SIGTERM)
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process->processId()), signalNumber);
        m_process->waitForFinished(15000);
        readLog();
    }
    bool running() const { return m_process && m_process->state() == QProcess::Running; }
    quint16 port() const { return m_port; }
    const QString &log()
    {
        readLog();
        return m_log;
    }

    // GET /api/v1/health; `ms` takes how long the answer took. Empty when none came within 10 s.
    QJsonObject health(qint64 *ms = nullptr) const
    {
        QElapsedTimer t;
        t.start();
        const Reply reply = request(m_port, "GET", QStringLiteral("/api/v1/health"));
        if (ms)
            *ms = t.elapsed();
        return reply.status == 200 ? reply.body.object() : QJsonObject();
    }
    QJsonObject hall() const { return health().value(QStringLiteral("hall")).toObject(); }
    // hall.connected as health says it: 1, 0, or -1 when health did not answer.
    int connected(qint64 *ms = nullptr) const
    {
        const QJsonObject h = health(ms);
        if (h.isEmpty())
            return -1;
        return h.value(QStringLiteral("hall")).toObject().value(QStringLiteral("connected")).toBool() ? 1 : 0;
    }

    // A citizen's tap on `group`'s button, through the --test-control FIFO.
    bool walkIn(const QString &group = QStringLiteral("SB")) const
    {
        const int fd = ::open(QFile::encodeName(path(QStringLiteral("control"))).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            return false;
        const QByteArray line = "walkin " + group.toUtf8() + '\n';
        const bool written = ::write(fd, line.constData(), size_t(line.size())) == line.size();
        ::close(fd);
        return written;
    }
    // The text of every ticket the simulated printer has printed (its files are renumbered from 1
    // at each start, so a restart overwrites the first ones).
    QString printed() const
    {
        QString all;
        QDirIterator it(path(QStringLiteral("sim/tickets")), {QStringLiteral("*.txt")}, QDir::Files);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                all += QString::fromUtf8(f.readAll()) + QLatin1Char('\n');
        }
        return all;
    }
    bool hasPrinted(const QString &number) const
    {
        return QRegularExpression(QStringLiteral("(^|[^A-Z0-9-])%1($|[^0-9-])").arg(QRegularExpression::escape(number)),
                                  QRegularExpression::MultilineOption)
            .match(printed())
            .hasMatch();
    }

    // The clerk signed in at `window` on this terminal's console: the bearer token, or empty.
    QString signIn(int window) const
    {
        const Reply r = signInRequest(m_port, {{QStringLiteral("window"), window},
                                               {QStringLiteral("staff_id"), QLatin1String(kHallClerk)},
                                               {QStringLiteral("pin"), QLatin1String(kHallClerkPin)}});
        return r.body.object().value(QStringLiteral("token")).toString();
    }
    // POST /api/v1/windows/N/call-next: the HTTP status and the window state (or error) answered.
    Reply callNext(int window, const QString &token) const
    {
        return request(m_port, "POST", QStringLiteral("/api/v1/windows/%1/call-next").arg(window), {}, token);
    }

private:
    void launch()
    {
        stop(SIGKILL);
        m_log.clear();
        m_port = 0;
        QFile file(path(QStringLiteral("hallkiosk.json")));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(m_config).toJson());
        file.close();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(QStringLiteral(HALLKIOSK_BINARY),
                         {QStringLiteral("--config"), file.fileName(), QStringLiteral("--test-control"), path(QStringLiteral("control")),
                          QStringLiteral("--test-clock-offset-ms"), QString::number(hallMorningOffsetMs())});
        m_process->waitForStarted(10000);
    }
    void readLog()
    {
        if (m_process)
            m_log += QString::fromUtf8(m_process->readAllStandardError());
    }
    QString writeStaffFile() const
    {
        const QString file = path(QStringLiteral("staff.json"));
        QFile staff(file);
        staff.open(QIODevice::WriteOnly | QIODevice::Truncate);
        staff.write(QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("id"), QLatin1String(kHallClerk)},
                                                         {QStringLiteral("name"), QStringLiteral("王芳")},
                                                         {QStringLiteral("windows"), QJsonArray{1, 3}},
                                                         {QStringLiteral("pin_hash"), PinHasher::hash(QLatin1String(kHallClerkPin), 1000)}}})
                        .toJson());
        return file;
    }

    QString m_folder;
    QString m_id;
    QJsonObject m_config;
    std::unique_ptr<QProcess> m_process;
    QString m_log;
    quint16 m_port = 0;
};

} // namespace hk::test
