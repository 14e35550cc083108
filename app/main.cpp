// hallkiosk: the self-service terminal of a government service hall.
// The command line of DESIGN §8; everything else is built by the composition root (app/root).

#include "app/config/config_loader.h"
#include "app/process/log_ring.h"
#include "app/process/process_stats.h"
#include "app/process/unix_signal_watcher.h"
#include "app/root/demo_setup.h"
#include "app/root/logging.h"
#include "app/root/service_notifier.h"
#include "app/root/startup_files.h"
#include "app/root/store_setup.h"
#include "app/root/terminal.h"
#include "app/services/staff/pin_hasher.h"
#include "app/services/system_clock.h"
#include "hallkiosk_version.h"
#include "ui/kiosk/kiosk_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QTimeZone>
#include <QUrl>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <string>
#include <memory>
#include <optional>
#include <vector>

namespace {

constexpr int kUsageError = 2;

void printError(const QString &message)
{
    for (const QString &line : message.split(QLatin1Char('\n')))
        std::fprintf(stderr, "hallkiosk: %s\n", qPrintable(line));
}

QString defaultDemoDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::tempPath() : base).filePath(QStringLiteral("hallkiosk-demo"));
}

bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

// A flood of connections meets the HTTP server's caps (DESIGN §16), not the open-file limit a
// service gets by default (1024 soft), at which accepting fails.
void raiseOpenFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

// The command line to start again with, after a restart asked for from the maintenance menu.
static QStringList &restartArguments()
{
    static QStringList arguments;
    return arguments;
}

static void restartProgram()
{
    std::vector<QByteArray> bytes;
    for (const QString &argument : restartArguments())
        bytes.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &b : bytes)
        argv.push_back(b.data());
    argv.push_back(nullptr);
    ::execv("/proc/self/exe", argv.data());
    std::perror("hallkiosk: cannot start again");
}

int main(int argc, char **argv)
{
    raiseOpenFileLimit();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The self-service ticket terminal of a government service hall.\n\n"
        "  hallkiosk --config FILE   run the terminal as configured (DESIGN §8)\n"
        "  hallkiosk --demo          simulated devices and sample data; no set-up needed\n"
        "  hallkiosk --hash-pin      read a PIN on standard input, print its hash for the staff file\n\n"
        "Exit status: 0 normal stop, 1 start-up failure, 2 usage or configuration error."));
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Run with the configuration FILE."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption demoOption(QStringLiteral("demo"), QStringLiteral("Run the demo: simulated devices and sample data."));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("With --demo: keep its database and simulated tickets in DIR."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption demoTimeOption(QStringLiteral("demo-time"),
                                            QStringLiteral("With --demo: run the demo's clock from this moment in the hall's time, "
                                                           "YYYY-MM-DDTHH:MM (e.g. an evening, to see the hall closed). Without it the "
                                                           "demo runs on the real time, or from the next opening when the hall is closed."),
                                            QStringLiteral("TIME"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Save a picture of the home screen to FILE once it is shown."),
                                              QStringLiteral("FILE"));
    const QCommandLineOption hashPinOption(QStringLiteral("hash-pin"),
                                           QStringLiteral("Read one line (a PIN) on standard input and print its salted PBKDF2 hash."));
    const QCommandLineOption screenshotDirOption(QStringLiteral("screenshot-dir"),
                                                 QStringLiteral("Save a picture of every screen the terminal shows to DIR, numbered in "
                                                                "order (test rigs; screens carry masked names only)."),
                                                 QStringLiteral("DIR"));
    const QCommandLineOption demoHallOption(QStringLiteral("demo-hall"),
                                            QStringLiteral("With --demo: be one terminal of a hall, FILE holding the config's "
                                                           "`hall` object (database, password_file, index); scripts/demo --hall N."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption testControlOption(QStringLiteral("test-control"),
                                               QStringLiteral("Test rigs only: take `walkin GROUP` lines on the FIFO at PATH, each "
                                                              "as a tap on that group's button, and `tap BUTTON`, a tap on the "
                                                              "kiosk button of that object name."),
                                               QStringLiteral("PATH"));
    const QCommandLineOption testClockOption(QStringLiteral("test-clock-offset-ms"),
                                             QStringLiteral("Test rigs only: run the terminal's clock MS milliseconds from the "
                                                            "machine's (the reference platform takes the same --clock-offset-ms)."),
                                             QStringLiteral("MS"));
    const QCommandLineOption testRateOption(QStringLiteral("test-clock-rate"),
                                            QStringLiteral("Test rigs only (soak tests): run the terminal's clock N times faster than the "
                                                           "machine's, from --test-clock-start at --test-clock-anchor-ms. Refused with a "
                                                           "platform that is not on this machine (a real platform)."),
                                            QStringLiteral("N"));
    const QCommandLineOption testStartOption(QStringLiteral("test-clock-start"),
                                             QStringLiteral("Test rigs only, with --test-clock-rate: the instant the clock reads at the "
                                                            "anchor, ISO 8601 with its zone (default: the anchor)."),
                                             QStringLiteral("ISO"));
    const QCommandLineOption testAnchorOption(QStringLiteral("test-clock-anchor-ms"),
                                              QStringLiteral("Test rigs only, with --test-clock-rate: the machine's instant (ms since 1970) "
                                                             "at which the clock reads its start (default: now); the reference platform "
                                                             "given the same three values shares the clock."),
                                              QStringLiteral("MS"));
    const QCommandLineOption checkConfigOption(QStringLiteral("check-config"),
                                               QStringLiteral("With --config: check the configuration (with the state directory's "
                                                              "local.json laid over it), the catalog, printer and secret files it names, "
                                                              "print what was found and exit (0 sound, 2 not)."));
    const QCommandLineOption migrateOption(QStringLiteral("migrate"),
                                           QStringLiteral("With --config: bring the terminal's SQLite database to this version's "
                                                          "schema, print its schema version and exit (the package's upgrade runs it)."));
    const QCommandLineOption testHangOption(QStringLiteral("test-hang-after-ms"),
                                            QStringLiteral("Test rigs only (the watchdog test): MS milliseconds after the terminal is "
                                                           "ready its event loop hangs for good, as a deadlocked program's would. "
                                                           "Refused with --demo."),
                                            QStringLiteral("MS"));
    const QCommandLineOption versionOption(QStringLiteral("version"), QStringLiteral("Print the version and exit."));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("help"), QStringLiteral("h")},
                                        QStringLiteral("Print this help and exit."));
    parser.addOptions({configOption, demoOption, dataDirOption, demoTimeOption, screenshotOption, screenshotDirOption, hashPinOption, demoHallOption, testControlOption, testClockOption,
                       testRateOption, testStartOption, testAnchorOption, checkConfigOption, migrateOption, testHangOption,
                       versionOption, helpOption});

    if (!parser.parse(arguments)) {
        printError(parser.errorText() + QStringLiteral(" (see --help)"));
        return kUsageError;
    }
    if (parser.isSet(helpOption)) {
        std::printf("%s", qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("hallkiosk"))));
        return 0;
    }
    if (parser.isSet(versionOption)) {
        std::printf("hallkiosk %s\n", HALLKIOSK_VERSION);
        return 0;
    }
    if (parser.isSet(hashPinOption)) {
        // One line in, the newline dropped, exactly one line out (DESIGN §7).
        std::string line;
        if (!std::getline(std::cin, line) || line.empty() || (line == "\r")) {
            printError(QStringLiteral("--hash-pin: give the PIN as one line on standard input"));
            return kUsageError;
        }
        if (line.back() == '\r')
            line.pop_back();
        // DESIGN §16: at least 6 digits, digits only; nothing of the PIN is echoed.
        if (line.size() < 6 || !std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            printError(QStringLiteral("--hash-pin: a PIN is at least 6 digits and only digits (0-9); nothing was hashed"));
            return kUsageError;
        }
        std::printf("%s\n", qPrintable(hk::PinHasher::hash(QString::fromStdString(line))));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unexpected argument \"%1\" (see --help)").arg(parser.positionalArguments().first()));
        return kUsageError;
    }
    const bool demo = parser.isSet(demoOption);
    if (demo == parser.isSet(configOption)) {
        printError(QStringLiteral("give exactly one of --config FILE or --demo (see --help)"));
        return kUsageError;
    }
    if (parser.isSet(dataDirOption) && !demo) {
        printError(QStringLiteral("--data-dir goes with --demo; a configured terminal names its database in the config"));
        return kUsageError;
    }
    if (parser.isSet(demoHallOption) && !demo) {
        printError(QStringLiteral("--demo-hall goes with --demo; a configured terminal names its hall in the config"));
        return kUsageError;
    }
    if ((parser.isSet(checkConfigOption) || parser.isSet(migrateOption)) && demo) {
        printError(QStringLiteral("--check-config and --migrate go with --config"));
        return kUsageError;
    }
    if (parser.isSet(testHangOption) && demo) {
        printError(QStringLiteral("--test-hang-after-ms is for test rigs only: it goes with --config, never with --demo"));
        return kUsageError;
    }
    if (parser.isSet(demoTimeOption) && !demo) {
        printError(QStringLiteral("--demo-time goes with --demo; a configured terminal runs on the real time"));
        return kUsageError;
    }

    // Configuration first: a bad file is reported before anything needs a display.
    hk::Config config;
    if (demo) {
        QJsonObject hall;
        if (parser.isSet(demoHallOption)) {
            QFile file(parser.value(demoHallOption));
            const QJsonDocument doc = file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()) : QJsonDocument();
            if (!doc.isObject()) {
                printError(QStringLiteral("--demo-hall: %1 is not a readable JSON object").arg(parser.value(demoHallOption)));
                return kUsageError;
            }
            hall = doc.object();
        }
        auto demoConfig = hk::DemoSetup::config(parser.isSet(dataDirOption) ? parser.value(dataDirOption) : defaultDemoDir(), hall);
        if (!demoConfig) {
            printError(demoConfig.error().message);
            return demoConfig.error().exitCode;
        }
        config = std::move(demoConfig).value();
    } else {
        const QString path = parser.value(configOption);
        // With the technician's local override file of the state directory laid over it (DESIGN §12).
        auto loaded = hk::ConfigLoader::loadFile(path, hk::ConfigLoader::LocalOverrides::Apply);
        if (!loaded) {
            for (const hk::ConfigError &error : loaded.error())
                printError(QStringLiteral("config %1: %2").arg(path, error.toString()));
            return kUsageError;
        }
        config = std::move(loaded).value();
    }
    if (parser.isSet(migrateOption)) {
        QCoreApplication core(argc, argv); // Qt's SQL drivers are plugins
        auto migrated = hk::StoreSetup::migrateLocal(config);
        if (!migrated) {
            printError(migrated.error().message);
            return migrated.error().exitCode;
        }
        std::printf("%s: schema version %d\n", qPrintable(config.database), migrated.value());
        return 0;
    }
    auto catalog = hk::StartupFiles::catalog(config);
    if (!catalog) {
        printError(catalog.error().message);
        return catalog.error().exitCode;
    }
    if (auto devices = hk::StartupFiles::checkDevices(config); !devices) {
        printError(devices.error().message);
        return devices.error().exitCode;
    }
    if (auto secrets = hk::StartupFiles::checkSecrets(config); !secrets) {
        printError(secrets.error().message);
        return secrets.error().exitCode;
    }
    if (auto tls = hk::StartupFiles::checkTls(config); !tls) {
        printError(tls.error().message);
        return tls.error().exitCode;
    }

    if (parser.isSet(checkConfigOption)) {
        std::printf("%s: ok (terminal %s, center %s, database %s%s%s)\n", qPrintable(parser.value(configOption)),
                    qPrintable(config.terminal.id), qPrintable(config.terminal.center), qPrintable(config.database),
                    config.sitePath.isEmpty() ? "" : qPrintable(QStringLiteral(", site settings from ") + config.sitePath),
                    config.local.usedPath.isEmpty() ? "" : qPrintable(QStringLiteral(", local overrides from ") + config.local.usedPath));
        return 0;
    }
    std::optional<int> hangAfterMs;
    if (parser.isSet(testHangOption)) {
        bool ok = false;
        hangAfterMs = parser.value(testHangOption).toInt(&ok);
        if (!ok || *hangAfterMs < 0) {
            printError(QStringLiteral("--test-hang-after-ms: \"%1\" is not a number of milliseconds").arg(parser.value(testHangOption)));
            return kUsageError;
        }
    }

    if (!haveDisplay()) {
        printError(QStringLiteral("no display: set DISPLAY (X11) or WAYLAND_DISPLAY, or run headless with "
                                  "QT_QPA_PLATFORM=offscreen or under xvfb-run"));
        return 1;
    }

    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} "
                                      "%{if-debug}D%{endif}%{if-info}I%{endif}%{if-warning}W%{endif}%{if-critical}E%{endif}%{if-fatal}F%{endif} "
                                      "%{category}: %{message}"));
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) // frames in hex only when asked for
        QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.debug=false"));
    // The last lines for the diagnostics bundle (DESIGN §12); what reaches journald is unchanged.
    hk::LogRing logRing;
    logRing.install();
    for (const QString &warning : config.local.warnings)
        qCWarning(hk::lcRoot).noquote() << "local override file:" << warning;
    if (!config.sitePath.isEmpty())
        qCInfo(hk::lcRoot).noquote() << "site settings from" << config.sitePath;
    if (!config.local.usedPath.isEmpty())
        qCInfo(hk::lcRoot).noquote() << "local overrides from" << config.local.usedPath;
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hallkiosk"));
    QApplication::setApplicationVersion(QStringLiteral(HALLKIOSK_VERSION));
    // An explicit family: under LANG=C Qt's fallback picks Japanese glyph forms (toolchain notes §3).
    if (!QFontDatabase::families().contains(QStringLiteral("Noto Sans CJK SC")))
        qCWarning(hk::lcRoot) << "font \"Noto Sans CJK SC\" is not installed (Debian: fonts-noto-cjk); Chinese may render wrongly";
    QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));

    hk::TerminalOptions options{demo, demo, std::nullopt, nullptr, parser.value(testControlOption), 0};
    options.logRing = &logRing;
    if (parser.isSet(testClockOption)) {
        bool ok = false;
        options.testClockOffsetMs = parser.value(testClockOption).toLongLong(&ok);
        if (!ok) {
            printError(QStringLiteral("--test-clock-offset-ms: \"%1\" is not a whole number of milliseconds").arg(parser.value(testClockOption)));
            return kUsageError;
        }
    }
    // Test rigs only: a clock running faster (soak tests). Never against a real platform, whose
    // signed requests and events would carry made-up times: only with one on this machine, or none.
    std::optional<hk::RatedClock> ratedClock;
    if (parser.isSet(testStartOption) || parser.isSet(testAnchorOption)) {
        if (!parser.isSet(testRateOption)) {
            printError(QStringLiteral("--test-clock-start and --test-clock-anchor-ms go with --test-clock-rate"));
            return kUsageError;
        }
    }
    if (parser.isSet(testRateOption)) {
        if (demo || parser.isSet(testClockOption)) {
            printError(QStringLiteral("--test-clock-rate goes with --config, without --test-clock-offset-ms"));
            return kUsageError;
        }
        const QString host = config.platform.url ? QUrl(*config.platform.url).host() : QStringLiteral("localhost");
        if (host != QLatin1String("localhost") && !QHostAddress(host).isLoopback()) {
            printError(QStringLiteral("--test-clock-rate is for test rigs only: refused with the platform %1, which is not on this "
                                      "machine").arg(*config.platform.url));
            return kUsageError;
        }
        auto parsed = hk::parseRatedClock(parser.value(testRateOption), parser.value(testStartOption), parser.value(testAnchorOption));
        if (!parsed.clock) {
            printError(QStringLiteral("--test-clock-rate: %1").arg(parsed.error));
            return kUsageError;
        }
        ratedClock = parsed.clock;
        options.clock = &*ratedClock;
        qCWarning(hk::lcRoot).noquote() << QStringLiteral("test clock: %1 times the machine's, now %2")
                                               .arg(ratedClock->rate())
                                               .arg(ratedClock->now().toString(Qt::ISODateWithMs));
    }
    if (parser.isSet(demoTimeOption)) {
        // In the hall's own zone, whatever the machine's (DESIGN §3).
        QDateTime at = QDateTime::fromString(parser.value(demoTimeOption), Qt::ISODate);
        if (!at.isValid()) {
            printError(QStringLiteral("--demo-time: \"%1\" is not YYYY-MM-DDTHH:MM").arg(parser.value(demoTimeOption)));
            return kUsageError;
        }
        at.setTimeZone(QTimeZone(QByteArray::fromStdString(catalog->center.timezone)));
        options.demoStartsAt = at;
    }
    const QString terminalId = config.terminal.id;
    hk::Terminal terminal(std::move(config), std::move(catalog).value(), options);
    // READY=1 and the watchdog's pings to systemd (DESIGN §15); nothing without a service manager.
    hk::ServiceNotifier serviceNotifier;
    QObject::connect(&terminal, &hk::Terminal::ready, &serviceNotifier, [&serviceNotifier, terminalId, hangAfterMs] {
        serviceNotifier.notifyReady(QStringLiteral("terminal %1 ready").arg(terminalId));
        if (hangAfterMs) {
            QTimer::singleShot(*hangAfterMs, [] {
                qCWarning(hk::lcRoot) << "test fault: the event loop hangs now (--test-hang-after-ms)";
                for (;;)
                    ::sleep(1);
            });
        }
    });
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &serviceNotifier, &hk::ServiceNotifier::notifyStopping);
    const QString screenshot = parser.value(screenshotOption);
    QObject::connect(&terminal, &hk::Terminal::ready, &terminal, [&terminal, screenshot, demo] {
        const auto age = hk::ProcessStats::secondsSinceStart();
        const auto rss = hk::ProcessStats::residentMiB();
        const auto peak = hk::ProcessStats::peakResidentMiB();
        qCInfo(hk::lcRoot).noquote() << QStringLiteral("ready: home screen shown %1 ms after start, resident %2 MiB (peak %3), processor %4 ms")
                                            .arg(age ? qRound(*age * 1000) : -1)
                                            .arg(rss ? QString::number(*rss, 'f', 1) : QStringLiteral("?"))
                                            .arg(peak ? QString::number(*peak, 'f', 1) : QStringLiteral("?"))
                                            .arg(qRound(hk::ProcessStats::processorSeconds() * 1000));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // geometry as shown
        if (demo) {
            // Where to tap from a shell (xdotool) when the demo runs on a display nobody sees.
            for (const QPushButton *button : terminal.window().findChildren<QPushButton *>()) {
                if (!button->objectName().startsWith(QLatin1String("groupButton_")) || !button->isVisible())
                    continue;
                const QPoint centre = button->mapToGlobal(button->rect().center());
                qCInfo(hk::lcRoot).noquote() << QStringLiteral("demo: button %1 (%2) at %3,%4")
                                                    .arg(button->accessibleName(), button->objectName().mid(12))
                                                    .arg(centre.x())
                                                    .arg(centre.y());
            }
        }
        if (!screenshot.isEmpty()) {
            if (terminal.window().grab().save(screenshot))
                qCInfo(hk::lcRoot).noquote() << "screenshot of the home screen saved to" << screenshot;
            else
                qCWarning(hk::lcRoot).noquote() << "cannot save a screenshot to" << screenshot;
        }
    });
    // Before the start: a stop asked while the terminal starts (its HTTP port already announced, the
    // audit chain walked) is taken once the event loop runs, rather than killing the process.
    hk::UnixSignalWatcher stopSignals({SIGINT, SIGTERM, SIGHUP});
    QObject::connect(&stopSignals, &hk::UnixSignalWatcher::received, &app, [](int number) {
        qCInfo(hk::lcRoot) << "signal" << number << "- stopping";
        QApplication::quit();
    });
    auto started = terminal.start();
    if (started && parser.isSet(screenshotDirOption)) {
        const QString dir = parser.value(screenshotDirOption);
        QDir().mkpath(dir);
        auto shown = std::make_shared<int>(0);
        QObject::connect(&terminal.window(), &hk::KioskWindow::screenShown, &terminal, [&terminal, dir, shown](hk::KioskWindow::Screen) {
            // The presenter fills a screen before it shows it: laid out now, it is what the citizen sees.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            const QString file = QDir(dir).filePath(QStringLiteral("screen-%1.png").arg(++*shown, 4, 10, QLatin1Char('0')));
            // Written aside and renamed, so whoever watches the folder never reads half a picture.
            const QString part = file + QStringLiteral(".part");
            if (!terminal.window().grab().save(part, "PNG") || !QFile::rename(part, file))
                qCWarning(hk::lcRoot).noquote() << "cannot save a screenshot to" << file;
        });
    }
    if (!started) {
        printError(started.error().message);
        return started.error().exitCode;
    }

    const int status = QApplication::exec();
    if (status == hk::Terminal::kRestartStatus && qEnvironmentVariableIsEmpty("INVOCATION_ID")) {
        // The maintenance menu's 重启 with no service manager to bring it back (the demo, a bench):
        // once main() has torn everything down, the program replaces itself with a fresh start.
        qCInfo(hk::lcRoot) << "stopped - starting again";
        restartArguments() = QCoreApplication::arguments();
        std::atexit(restartProgram);
        return 0;
    }
    qCInfo(hk::lcRoot) << "stopped";
    return status;
}
