// The real kiosk window driven as a screen reader's user drives it (DESIGN §1, §14, issue 15): the
// built hallkiosk on a private X display (Xvfb), its widgets on a private AT-SPI2 bus, and
// tests/a11y/kiosk_walk.py (python3-pyatspi) pressing its buttons by their accessible names through
// 长辈版 and back, 办事指南 down to a matter's materials and 打印材料清单, a walk-in ticket whose number
// it reads, 排队查询 with that ticket's QR, 预约 by card to the platform's booking, and 取消预约. The
// script checks the names on every screen it sees; this test starts and stops everything — the booking rig of the end-to-end tests
// (hallkiosk-platform-sim, the reader, scanner and printer simulators on pseudo-terminals) — puts
// the card on the reader and the ticket's QR at the scanner when the script asks, and checks what
// was printed and booked: the list of the matter the script read, the ticket with the number it
// heard, the slips of its booking and its cancel, the booking cancelled at the platform.
//
// Everything is private to the run: a session bus on a socket in the test's folder, the first free
// X display (Xvfb -displayfd), the accessibility bus the launcher starts beside it, HOME and
// XDG_RUNTIME_DIR in the folder, the platform's and the terminal's ports ephemeral. A piece that
// does not start fails the test naming it.

#include "tests/e2e/booking_rig.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <csignal>

using namespace hk;
using namespace hk::test;

namespace {

// python3-pyatspi is Debian's: it is installed for Debian's interpreter, whatever python3 is first
// on the PATH (a pyenv shim, a virtualenv).
const QString kPython = QStringLiteral("/usr/bin/python3");
const QStringList kBusLaunchers{QStringLiteral("/usr/libexec/at-spi-bus-launcher"), QStringLiteral("/usr/lib/at-spi2-core/at-spi-bus-launcher")};
constexpr int kStartMs = 30000;

// A day's button on the booking screens (BookingFlowPresenter's shortDay): 12月7日 周一.
QString dayButton(const QDate &date)
{
    static const char *const kWeekdays[] = {"一", "二", "三", "四", "五", "六", "日"};
    return QStringLiteral("%1月%2日 周%3").arg(date.month()).arg(date.day()).arg(QString::fromUtf8(kWeekdays[date.dayOfWeek() - 1]));
}

} // namespace

class TestKioskAtspi : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    // In the order they start; cleanup() stops them the other way round.
    QProcess m_bus;
    QProcess m_display;
    QProcess m_atspi;
    std::unique_ptr<Rig> m_rig; // the platform, the devices and the terminal
    QProcess m_driver;
    QString m_driverOut;

    QString driverOutput()
    {
        m_driverOut += QString::fromUtf8(m_driver.readAllStandardOutput());
        m_driverOut += QString::fromUtf8(m_driver.readAllStandardError());
        return m_driverOut;
    }

    // Starts a daemon that prints one line when it is ready (dbus-daemon its address, Xvfb its
    // display number) and returns that line, or why there is none (`what` names the piece).
    QString startAndReadLine(QProcess &process, const QString &program, const QStringList &arguments, const QString &what, QString *error)
    {
        process.setProcessEnvironment(m_env);
        process.start(program, arguments);
        if (!process.waitForStarted(kStartMs)) {
            *error = QStringLiteral("%1 (%2) could not start: %3").arg(what, program, process.errorString());
            return {};
        }
        if (!QTest::qWaitFor([&] { return process.canReadLine() || process.state() != QProcess::Running; }, kStartMs) || !process.canReadLine()) {
            *error = QStringLiteral("%1 (%2) did not say it was ready within %3 s: %4")
                         .arg(what, program).arg(kStartMs / 1000).arg(QString::fromLocal8Bit(process.readAllStandardError()));
            return {};
        }
        return QString::fromLocal8Bit(process.readLine()).trimmed();
    }

    static void stop(QProcess &process)
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!process.waitForFinished(10000)) {
            process.kill();
            process.waitForFinished(5000);
        }
    }

private Q_SLOTS:
    void cleanup()
    {
        stop(m_driver);
        driverOutput();
        m_rig.reset(); // the terminal stopped, its log beside its screens in the artifacts
        stop(m_atspi);
        stop(m_bus);
        stop(m_display);
        QFile file(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/a11y-driver.log"));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(m_driverOut.toUtf8());
    }

    void aScreenReaderUserReadsPrintsQueuesBooksAndCancels()
    {
        QVERIFY(m_dir.isValid());
        QString error;

        // The driver's tools first: without them nothing below could be checked.
        QProcess probe;
        probe.start(kPython, {QStringLiteral("-c"), QStringLiteral("import pyatspi")});
        QVERIFY2(probe.waitForFinished(kStartMs) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0,
                 qPrintable(QStringLiteral("python3-pyatspi is not usable from %1 (apt-get install python3-pyatspi): %2 %3")
                                .arg(kPython, probe.errorString(), QString::fromLocal8Bit(probe.readAllStandardError()))));
        QString launcher;
        for (const QString &path : kBusLaunchers)
            if (QFile::exists(path))
                launcher = path;
        QVERIFY2(!launcher.isEmpty(), qPrintable(QStringLiteral("the AT-SPI bus launcher is not installed (apt-get install at-spi2-core): none of ")
                                                 + kBusLaunchers.join(QStringLiteral(", "))));

        // Private HOME and runtime folder: the launcher puts its bus socket there, dconf its files.
        const QString home = m_dir.filePath(QStringLiteral("home"));
        const QString runtime = m_dir.filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(home) && QDir().mkpath(runtime));
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_env.insert(QStringLiteral("HOME"), home);
        m_env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        for (const char *inherited : {"AT_SPI_BUS_ADDRESS", "NO_AT_BRIDGE", "WAYLAND_DISPLAY", "XAUTHORITY", "SESSION_MANAGER"})
            m_env.remove(QLatin1String(inherited));

        const QString busAddress = startAndReadLine(m_bus, QStringLiteral("dbus-daemon"),
                                                    {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address"),
                                                     QStringLiteral("--address=unix:path=%1").arg(m_dir.filePath(QStringLiteral("session-bus")))},
                                                    QStringLiteral("the session bus"), &error);
        QVERIFY2(busAddress.startsWith(QLatin1String("unix:")), qPrintable(error));
        m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);

        // -displayfd: the server takes the first free display number and says which.
        const QString display = startAndReadLine(m_display, QStringLiteral("Xvfb"),
                                                 {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-nolisten"), QStringLiteral("tcp"),
                                                  QStringLiteral("-screen"), QStringLiteral("0"), QStringLiteral("1080x1920x24")},
                                                 QStringLiteral("the X server"), &error);
        QVERIFY2(!display.isEmpty() && display.toInt() >= 0, qPrintable(error));
        m_env.insert(QStringLiteral("DISPLAY"), QLatin1Char(':') + display);

        // The accessibility bus: the launcher owns org.a11y.Bus on the session bus and starts its
        // own dbus-daemon, whose socket appears under $XDG_RUNTIME_DIR/at-spi/; the registry is
        // started on that bus when the first client asks for it.
        m_atspi.setProcessEnvironment(m_env);
        m_atspi.setProcessChannelMode(QProcess::MergedChannels);
        m_atspi.start(launcher, {QStringLiteral("--launch-immediately")});
        QVERIFY2(m_atspi.waitForStarted(kStartMs), qPrintable(QStringLiteral("the AT-SPI bus launcher could not start: ") + m_atspi.errorString()));
        const QDir atspiDir(runtime + QStringLiteral("/at-spi"));
        const bool busUp = QTest::qWaitFor([&] {
            return m_atspi.state() != QProcess::Running || !atspiDir.entryList({QStringLiteral("bus*")}, QDir::System | QDir::Files).isEmpty();
        }, kStartMs);
        QVERIFY2(busUp && m_atspi.state() == QProcess::Running,
                 qPrintable(QStringLiteral("the AT-SPI bus (%1 --launch-immediately) did not start: %2")
                                .arg(launcher, QString::fromLocal8Bit(m_atspi.readAll()))));

        // The terminal, the platform and the devices of the booking rig; the terminal on the X
        // display with its accessibility bridge on whether or not a screen reader runs.
        m_rig = std::make_unique<Rig>(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json"),
                                      QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/a11y-screens"));
        Rig &rig = *m_rig;
        QVERIFY2(rig.startSim(), "hallkiosk-platform-sim did not start");
        QProcessEnvironment terminalEnv = m_env;
        terminalEnv.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        terminalEnv.insert(QStringLiteral("QT_ACCESSIBILITY"), QStringLiteral("1"));
        terminalEnv.insert(QStringLiteral("QT_LINUX_ACCESSIBILITY_ALWAYS_ON"), QStringLiteral("1"));
        rig.terminal.setProcessEnvironment(terminalEnv);
        QVERIFY2(rig.startTerminal(), qPrintable(QStringLiteral("hallkiosk did not start on the X display:\n") + rig.log));
        QTRY_VERIFY_WITH_TIMEOUT(rig.logged(QStringLiteral("ready: home screen shown")), kWaitMs);

        // The screen reader's walk. The devices answer while it runs: the event loop turns. When
        // it asks for the card, the card goes on the reader and, once read, off again.
        const QDateTime slot = tomorrowAtTen();
        m_driver.setProcessEnvironment(m_env);
        m_driver.start(kPython, {QStringLiteral(HALLKIOSK_SOURCE_DIR "/tests/a11y/kiosk_walk.py"), QStringLiteral("--catalog"), rig.catalog,
                                 QStringLiteral("--guide-group"), QStringLiteral("BDC"), QStringLiteral("--guide-matter"), QStringLiteral("BDC-001"),
                                 QStringLiteral("--walkin-group"), QStringLiteral("HJ"),
                                 QStringLiteral("--book-group"), QStringLiteral("SB"), QStringLiteral("--book-matter"), QStringLiteral("SB-001"),
                                 QStringLiteral("--book-day"), dayButton(slot.date()), QStringLiteral("--book-slot"), slot.toString(QStringLiteral("HH:mm")),
                                 // 11 keys 6.5 s apart outlast the keypad's 60 s (kiosk.idle_timeout_s): each press must count as a touch.
                                 QStringLiteral("--key-gap"), QStringLiteral("6.5")});
        QVERIFY2(m_driver.waitForStarted(kStartMs), qPrintable(QStringLiteral("the driver could not start: ") + m_driver.errorString()));
        // The script's asks, each answered in turn: the card on the reader until the flow has read
        // it (booking's groups, cancel's look-up) and lifted; the walk-in ticket's QR at the scanner.
        int answered = 0;
        const auto answer = [&](const QString &need) -> QByteArray {
            if (need == QLatin1String("card")) {
                const int read = rig.count(QStringLiteral("booking flow: group")) + rig.count(QStringLiteral("booking flow: refreshing"));
                rig.putCard();
                const bool taken = QTest::qWaitFor([&] {
                    return rig.count(QStringLiteral("booking flow: group")) + rig.count(QStringLiteral("booking flow: refreshing")) > read;
                }, kWaitMs);
                return taken && rig.removeCard() ? "card done\n" : "card not read\n";
            }
            if (need == QLatin1String("scan") && rig.printer->tickets().size() >= 2) {
                static const QRegularExpression kTicketQr(QStringLiteral("HK1:SQ-001:[0-9a-f-]{36}"));
                const QString code = kTicketQr.match(QString::fromLatin1(rig.printer->tickets().at(1).bytes)).captured(0);
                return !code.isEmpty() && rig.scanner->send(code.toUtf8()) ? "scan done\n" : "scan failed\n";
            }
            return "unknown need\n";
        };
        static const QRegularExpression kNeed(QStringLiteral("^need: (\\w+)$"), QRegularExpression::MultilineOption);
        const bool walked = QTest::qWaitFor([&] {
            QList<QString> needs;
            for (auto it = kNeed.globalMatch(driverOutput()); it.hasNext();)
                needs.append(it.next().captured(1));
            if (needs.size() > answered)
                m_driver.write(answer(needs.at(answered++)));
            return m_driver.state() == QProcess::NotRunning;
        }, 300000);
        const QString walk = driverOutput();
        QVERIFY2(walked, qPrintable(QStringLiteral("the walk did not end within 300 s:\n") + walk));
        QVERIFY2(m_driver.exitStatus() == QProcess::NormalExit && m_driver.exitCode() == 0,
                 qPrintable(walk + QStringLiteral("\n--- hallkiosk:\n") + rig.log.right(4000)));
        QVERIFY2(walk.contains(QLatin1String("\ndone")), qPrintable(walk));

        // What the script read is what the catalog says and what the printer got.
        const QStringList materials{QStringLiteral("买卖双方身份证原件"), QStringLiteral("不动产权证书"), QStringLiteral("买卖合同"), QStringLiteral("完税凭证")};
        for (int i = 0; i < materials.size(); ++i)
            QVERIFY2(walk.contains(QStringLiteral("material: %1. %2").arg(i + 1).arg(materials.at(i))), qPrintable(walk));
        const QRegularExpressionMatch heard = QRegularExpression(QStringLiteral("ticket-number: (C\\d{3})")).match(walk);
        QVERIFY2(heard.hasMatch(), qPrintable(walk));

        QVERIFY2(walk.contains(QStringLiteral("looked-up: ")) && walk.section(QStringLiteral("looked-up: "), 1).section(QLatin1Char('\n'), 0, 0).contains(heard.captured(1)),
                 qPrintable(walk));
        QCOMPARE(answered, 3); // the card twice, the scan once

        const QList<SimulatedTicket> printed = rig.printer->tickets();
        QCOMPARE(printed.size(), 4);
        const QString list = printed.at(0).text;
        for (const QString &line : {QStringLiteral("办事材料清单"), QStringLiteral("事项：不动产转移登记")})
            QVERIFY2(list.contains(line), qPrintable(line + QStringLiteral(" not in:\n") + list));
        for (int i = 0; i < materials.size(); ++i)
            QVERIFY2(list.contains(QStringLiteral("%1. %2").arg(i + 1).arg(materials.at(i))), qPrintable(list));
        QVERIFY(rig.logged(QStringLiteral("printed materials BDC-001")));
        const QString ticket = printed.at(1).text;
        QVERIFY2(ticket.contains(heard.captured(1)) && ticket.contains(QStringLiteral("户籍与出入境")),
                 qPrintable(heard.captured(1) + QStringLiteral(" not on the ticket:\n") + ticket));

        // The booking: its slip with the matter, the day, the slot and the QR token.
        const QString slip = printed.at(2).text;
        const QDate day = slot.date();
        for (const QString &part : {QStringLiteral("预约凭证"), QStringLiteral("事项：城乡居民养老保险参保登记"),
                                    QStringLiteral("日期：%1年%2月%3日").arg(day.year()).arg(day.month()).arg(day.day()),
                                    QStringLiteral("时段：%1").arg(slot.toString(QStringLiteral("HH:mm"))), QStringLiteral("手机：138****8000")})
            QVERIFY2(slip.contains(part), qPrintable(part + QStringLiteral(" not on the slip:\n") + slip));
        QVERIFY2(!Rig::tokenOf(printed.at(2)).isEmpty(), qPrintable(slip));
        // And cancelled: its slip, and the platform's booking cancelled.
        QVERIFY2(printed.at(3).text.contains(QStringLiteral("预约已取消")), qPrintable(printed.at(3).text));
        QCOMPARE(rig.bookings("cancelled"), 1);
        QCOMPARE(rig.bookings(), 0);

        rig.stopTerminal(SIGTERM);
        QCOMPARE(rig.terminal.exitStatus(), QProcess::NormalExit);
        QCOMPARE(rig.terminal.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestKioskAtspi)
#include "tst_kiosk_atspi.moc"
