// The terminal under systemd's watchdog (DESIGN §15), without systemd: there is no systemd as PID 1
// here (so no `systemd-run --user`), so this harness plays the service manager's part on a real
// NOTIFY_SOCKET — a unix datagram socket, as systemd's — with the environment systemd gives a
// Type=notify service with WatchdogSec (NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID naming the main
// process, which under the kiosk unit is cage, the terminal's parent: here the test itself). Like
// systemd it takes READY=1, expects WATCHDOG=1 within each interval, and when a ping is overdue sends
// the watchdog signal (SIGABRT), then SIGKILL, and starts the service again (Restart=always).
// The real `hallkiosk` binary; its event loop made to hang by the test-only --test-hang-after-ms.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace {

// Half of systemd's 30 s would make a slow test; the terminal takes whatever interval it is given.
constexpr qint64 kWatchdogUsec = 3'000'000;

class ServiceManager {
public:
    explicit ServiceManager(const QString &socketPath)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(socketPath);
        qstrncpy(address.sun_path, path.constData(), sizeof(address.sun_path));
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
        m_path = socketPath;
        m_clock.start();
    }
    ~ServiceManager()
    {
        stop();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool bound() const { return m_bound; }

    void start(const QStringList &arguments)
    {
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NOTIFY_SOCKET"), m_path);
        env.insert(QStringLiteral("WATCHDOG_USEC"), QString::number(kWatchdogUsec));
        env.insert(QStringLiteral("WATCHDOG_PID"), QString::number(::getpid())); // "cage", the parent
        m_process->setProcessEnvironment(env);
        m_process->start(QStringLiteral(HALLKIOSK_BINARY), arguments);
        m_ready = false;
        m_fired = false;
        m_pingsAfterReady = 0;
        m_log.clear();
        ++m_starts;
    }

    // What systemd's event loop does between two looks: read the notifications, check the deadline.
    void pump()
    {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (n <= 0)
                break;
            const QList<QByteArray> lines = QByteArray(buffer, int(n)).split('\n');
            for (const QByteArray &line : lines) {
                if (line == "READY=1") {
                    m_ready = true;
                    m_lastPingMs = m_clock.elapsed();
                } else if (line == "WATCHDOG=1") {
                    m_lastPingMs = m_clock.elapsed();
                    if (m_ready)
                        ++m_pingsAfterReady;
                }
            }
        }
        if (m_process)
            m_log += QString::fromUtf8(m_process->readAllStandardError());
        if (m_ready && !m_fired && m_process && m_process->state() == QProcess::Running &&
            m_clock.elapsed() - m_lastPingMs > kWatchdogUsec / 1000) {
            m_fired = true; // "Watchdog timeout (limit 3s)!" — systemd's WatchdogSignal, then SIGKILL
            ::kill(pid_t(m_process->processId()), SIGABRT);
            if (!m_process->waitForFinished(5000))
                m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            ::kill(pid_t(m_process->processId()), SIGTERM);
            if (!m_process->waitForFinished(10000))
                m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

    bool ready() const { return m_ready; }
    bool fired() const { return m_fired; }
    int pingsAfterReady() const { return m_pingsAfterReady; }
    int starts() const { return m_starts; }
    const QString &log() const { return m_log; }
    QProcess &process() { return *m_process; }

private:
    int m_fd = -1;
    bool m_bound = false;
    QString m_path;
    QElapsedTimer m_clock;
    std::unique_ptr<QProcess> m_process;
    qint64 m_lastPingMs = 0;
    bool m_ready = false;
    bool m_fired = false;
    int m_pingsAfterReady = 0;
    int m_starts = 0;
    QString m_log;
};

QString writeConfig(const QTemporaryDir &dir)
{
    const QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), dir.filePath(QStringLiteral("state/hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")}}},
        {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
    };
    QDir(dir.path()).mkpath(QStringLiteral("state"));
    const QString path = dir.filePath(QStringLiteral("hallkiosk.json"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(json).toJson());
    return path;
}

} // namespace

class TestWatchdog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A terminal whose loop runs keeps its watchdog fed for several intervals and is never killed.
    void aRunningLoopKeepsTheWatchdogFed()
    {
        QTemporaryDir dir;
        ServiceManager manager(dir.filePath(QStringLiteral("notify.sock")));
        QVERIFY2(manager.bound(), "cannot bind a unix datagram socket for NOTIFY_SOCKET");
        manager.start({QStringLiteral("--config"), writeConfig(dir)});
        QTRY_VERIFY2_WITH_TIMEOUT((manager.pump(), manager.ready()), qPrintable(manager.log()), 60000);
        QVERIFY2(manager.log().contains(QStringLiteral("systemd watchdog: every 3000 ms")), qPrintable(manager.log()));
        // Six pings at half the interval: three intervals' worth, the deadline checked all along.
        QTRY_VERIFY2_WITH_TIMEOUT((manager.pump(), manager.pingsAfterReady() >= 6 || manager.fired()), qPrintable(manager.log()), 60000);
        QVERIFY2(!manager.fired(), qPrintable(manager.log()));
        QCOMPARE(manager.process().state(), QProcess::Running);
        manager.stop();
        QCOMPARE(manager.process().exitCode(), 0);
    }

    // The loop hangs: the pings stop, the manager's watchdog kills the terminal, and the terminal
    // started again (Restart=always) is ready and fed as before, on the same database.
    void aHungLoopIsKilledAndRestarted()
    {
        QTemporaryDir dir;
        const QString config = writeConfig(dir);
        ServiceManager manager(dir.filePath(QStringLiteral("notify.sock")));
        QVERIFY2(manager.bound(), "cannot bind a unix datagram socket for NOTIFY_SOCKET");
        manager.start({QStringLiteral("--config"), config, QStringLiteral("--test-hang-after-ms"), QStringLiteral("4000")});
        QTRY_VERIFY2_WITH_TIMEOUT((manager.pump(), manager.ready()), qPrintable(manager.log()), 60000);
        QTRY_VERIFY2_WITH_TIMEOUT((manager.pump(), manager.log().contains(QStringLiteral("the event loop hangs now"))),
                                  qPrintable(manager.log()), 60000);
        const int pingsBeforeHang = manager.pingsAfterReady();
        QVERIFY2(pingsBeforeHang >= 2, qPrintable(QStringLiteral("%1 pings before the hang").arg(pingsBeforeHang)));
        QTRY_VERIFY2_WITH_TIMEOUT((manager.pump(), manager.fired()), qPrintable(manager.log()), 60000);
        // At most the ping already on its way when the loop hung; none after.
        QVERIFY2(manager.pingsAfterReady() <= pingsBeforeHang + 1,
                 qPrintable(QStringLiteral("%1 pings, %2 before the hang").arg(manager.pingsAfterReady()).arg(pingsBeforeHang)));
        QCOMPARE(manager.process().state(), QProcess::NotRunning);
        QCOMPARE(manager.process().exitStatus(), QProcess::CrashExit); // killed, by SIGABRT (or SIGKILL)

        manager.start({QStringLiteral("--config"), config}); // Restart=always
        QCOMPARE(manager.starts(), 2);
        QTRY_VERIFY2_WITH_TIMEOUT((manager.pump(), manager.ready()), qPrintable(manager.log()), 60000);
        QTRY_VERIFY2_WITH_TIMEOUT((manager.pump(), manager.pingsAfterReady() >= 3 || manager.fired()), qPrintable(manager.log()), 60000);
        QVERIFY2(!manager.fired(), qPrintable(manager.log()));
        manager.stop();
        QCOMPARE(manager.process().exitCode(), 0);
    }

    // The fault switch is for test rigs only: never with --demo, never a bad value.
    void theFaultSwitchIsRefusedWithTheDemo()
    {
        QProcess p;
        p.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--demo"), QStringLiteral("--test-hang-after-ms"), QStringLiteral("10")});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().contains("test rigs only"), "no reason given");
    }

    // Without NOTIFY_SOCKET (a terminal started by hand) nothing is sent and nothing is said of it.
    void withoutAManagerNothingIsSent()
    {
        QTemporaryDir dir;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("NOTIFY_SOCKET"));
        env.insert(QStringLiteral("WATCHDOG_USEC"), QString::number(kWatchdogUsec));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), writeConfig(dir)});
        QString log;
        QTRY_VERIFY2_WITH_TIMEOUT((log += QString::fromUtf8(p.readAllStandardError()), log.contains(QStringLiteral("ready: home screen shown"))),
                                  qPrintable(log), 60000);
        QVERIFY2(!log.contains(QStringLiteral("systemd watchdog")), qPrintable(log));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWatchdog)
#include "tst_watchdog.moc"
