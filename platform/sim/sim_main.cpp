// hallkiosk-platform-sim: the reference unified booking platform (DESIGN §6) as a program — for the
// demo, the tests, and technicians rehearsing an outage. See platform/sim/README.md.

#include "app/process/unix_signal_watcher.h"
#include "app/services/system_clock.h"
#include "platform/sim/demo_data.h"
#include "platform/sim/logging.h"
#include "platform/sim/platform_keys.h"
#include "platform/sim/platform_server.h"
#include "platform/sim/reference_platform.h"
#include "platform/sim/sim_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSslKey>

#include <csignal>
#include <cstdio>
#include <sys/prctl.h>

namespace {

constexpr int kUsage = 2;

int usage(const QString &message)
{
    std::fprintf(stderr, "hallkiosk-platform-sim: %s (see --help)\n", qPrintable(message));
    return kUsage;
}

int failure(const QString &message)
{
    std::fprintf(stderr, "hallkiosk-platform-sim: %s\n", qPrintable(message));
    return 1;
}

std::optional<double> rate(const QString &text)
{
    bool ok = false;
    const double r = text.toDouble(&ok);
    return ok && r >= 0 && r <= 1 ? std::optional<double>(r) : std::nullopt;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hallkiosk-platform-sim"));
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.debug=false"));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{category}: %{message}"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The reference unified booking platform (统一预约平台) of DESIGN §6: catalog, bookings under the booking rules,\n"
        "Ed25519-signed QR codes, exactly-once event intake, and faults on demand. Not a production platform.\n\n"
        "Exit status: 0 stopped, 1 start-up failure, 2 usage error."));
    parser.addHelpOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Keep the store and the keys in DIR (required)."), QStringLiteral("DIR"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Bind to ADDRESS (default 127.0.0.1)."), QStringLiteral("ADDRESS"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Listen on PORT (default 8900; 0: any free port)."), QStringLiteral("PORT"), QStringLiteral("8900"));
    const QCommandLineOption basePath(QStringLiteral("base-path"), QStringLiteral("Serve the API under PATH (e.g. /gw)."), QStringLiteral("PATH"));
    const QCommandLineOption terminal(QStringLiteral("terminal"), QStringLiteral("Provision terminal ID: its secret goes to DIR/terminals/ID.secret (repeatable)."), QStringLiteral("ID"));
    const QCommandLineOption catalog(QStringLiteral("catalog"), QStringLiteral("Serve the catalog in FILE (the JSON of the catalog endpoint) instead of the built-in county catalog."), QStringLiteral("FILE"));
    const QCommandLineOption demoData(QStringLiteral("demo-data"), QStringLiteral("Fill the coming days with bookings (each day once)."));
    const QCommandLineOption demoStart(QStringLiteral("demo-start"), QStringLiteral("With --demo-data: the first day, YYYY-MM-DD (default: today on the platform's clock)."), QStringLiteral("DATE"));
    const QCommandLineOption days(QStringLiteral("days"), QStringLiteral("With --demo-data: how many days (default 7)."), QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption perDay(QStringLiteral("bookings-per-day"), QStringLiteral("With --demo-data: bookings a day (default 200)."), QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption bulk(QStringLiteral("bulk-bookings"), QStringLiteral("Benchmarks: store N bookings over --days directly, without the rules."), QStringLiteral("N"));
    const QCommandLineOption failRate(QStringLiteral("fail-rate"), QStringLiteral("Answer this share of API requests with 500, doing nothing (0..1)."), QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption delayMs(QStringLiteral("delay-ms"), QStringLiteral("Answer every API request this late, after doing its work (past the terminal's timeout: a hang)."), QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption dropRate(QStringLiteral("drop-rate"), QStringLiteral("Close the connection half-way through this share of answers, after doing the work (0..1)."), QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption garbageRate(QStringLiteral("garbage-rate"), QStringLiteral("Answer this share with 200 and a body that is not JSON, after doing the work (0..1)."), QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption clockOffset(QStringLiteral("clock-offset-ms"), QStringLiteral("Run the platform's clock this far from the machine's (the demo's clock; clock-skew rehearsals)."), QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption clockRate(QStringLiteral("clock-rate"), QStringLiteral("Test rigs only (soak tests): run the platform's clock N times faster, from --clock-start at --clock-anchor-ms (hallkiosk --test-clock-rate with the same values shares it)."), QStringLiteral("N"));
    const QCommandLineOption clockStart(QStringLiteral("clock-start"), QStringLiteral("With --clock-rate: the instant the clock reads at the anchor, ISO 8601 with its zone (default: the anchor)."), QStringLiteral("ISO"));
    const QCommandLineOption clockAnchor(QStringLiteral("clock-anchor-ms"), QStringLiteral("With --clock-rate: the machine's instant (ms since 1970) at which the clock reads its start (default: now)."), QStringLiteral("MS"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"), QStringLiteral("Serve HTTPS with this PEM certificate (with --tls-key)."), QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QStringLiteral("The PEM private key of --tls-cert."), QStringLiteral("FILE"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the demo data and the fault dice (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption exitWithParent(QStringLiteral("exit-with-parent"), QStringLiteral("Stop when the process that started this one ends (the demo)."));
    const QCommandLineOption provisionOnly(QStringLiteral("provision-only"), QStringLiteral("Write the keys and the --terminal secrets into DIR, print their paths, and exit."));
    parser.addOptions({dataDir, listen, port, basePath, terminal, catalog, demoData, demoStart, days, perDay, bulk, failRate, delayMs,
                       dropRate, garbageRate, clockOffset, clockRate, clockStart, clockAnchor, tlsCert, tlsKey, seed, exitWithParent, provisionOnly});
    if (!parser.parse(app.arguments()))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    if (!parser.isSet(dataDir))
        return usage(QStringLiteral("--data-dir DIR is required"));
    if (parser.isSet(exitWithParent))
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);

    bool ok = false;
    const int portNumber = parser.value(port).toInt(&ok);
    if (!ok || portNumber < 0 || portNumber > 65535)
        return usage(QStringLiteral("--port must be 0..65535"));
    const QHostAddress address(parser.value(listen));
    if (address.isNull())
        return usage(QStringLiteral("--listen: \"%1\" is not an IP address").arg(parser.value(listen)));
    hk::FaultPlan faults;
    const auto fr = rate(parser.value(failRate)), dr = rate(parser.value(dropRate)), gr = rate(parser.value(garbageRate));
    if (!fr || !dr || !gr)
        return usage(QStringLiteral("--fail-rate, --drop-rate and --garbage-rate are shares from 0 to 1"));
    faults.failRate = *fr;
    faults.dropRate = *dr;
    faults.garbageRate = *gr;
    faults.delayMs = parser.value(delayMs).toInt(&ok);
    if (!ok || faults.delayMs < 0)
        return usage(QStringLiteral("--delay-ms must be a number of milliseconds"));
    const qint64 offsetMs = parser.value(clockOffset).toLongLong(&ok);
    if (!ok)
        return usage(QStringLiteral("--clock-offset-ms must be a number of milliseconds"));
    const quint32 seedValue = parser.value(seed).toUInt(&ok);
    if (!ok)
        return usage(QStringLiteral("--seed must be a number"));
    const int dayCount = parser.value(days).toInt(&ok);
    if (!ok || dayCount < 1 || dayCount > 366)
        return usage(QStringLiteral("--days must be 1..366"));
    const int bookingsPerDay = parser.value(perDay).toInt(&ok);
    if (!ok || bookingsPerDay < 0)
        return usage(QStringLiteral("--bookings-per-day must be a number"));
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return usage(QStringLiteral("--tls-cert and --tls-key go together"));

    const QString dir = parser.value(dataDir);
    auto keys = hk::PlatformKeys::openOrCreate(dir);
    if (!keys)
        return failure(keys.error());
    for (const QString &id : parser.values(terminal)) {
        auto provisioned = keys.value().provisionTerminal(id);
        if (!provisioned)
            return usage(QStringLiteral("--terminal: %1").arg(provisioned.error()));
    }
    if (parser.isSet(provisionOnly)) {
        std::printf("public key: %s\nmatch key: %s\n", qPrintable(keys->publicKeyPath()), qPrintable(keys->matchKeyPath()));
        for (const QString &id : parser.values(terminal))
            std::printf("terminal %s secret: %s\n", qPrintable(id), qPrintable(keys->secretPath(id)));
        return 0;
    }
    auto store = hk::SimStore::open(QDir(dir).filePath(QStringLiteral("platform.db")));
    if (!store)
        return failure(store.error());
    const hk::SystemClock systemClock(offsetMs);
    std::optional<hk::RatedClock> ratedClock;
    if (parser.isSet(clockRate)) {
        if (offsetMs != 0)
            return usage(QStringLiteral("--clock-rate goes without --clock-offset-ms"));
        auto parsed = hk::parseRatedClock(parser.value(clockRate), parser.value(clockStart), parser.value(clockAnchor));
        if (!parsed.clock)
            return usage(QStringLiteral("--clock-rate: %1").arg(parsed.error));
        ratedClock = parsed.clock;
    } else if (parser.isSet(clockStart) || parser.isSet(clockAnchor)) {
        return usage(QStringLiteral("--clock-start and --clock-anchor-ms go with --clock-rate"));
    }
    const hk::Clock &clock = ratedClock ? static_cast<const hk::Clock &>(*ratedClock) : systemClock;
    hk::ReferencePlatform platform(*store.value(), keys.value(), clock);
    QByteArray catalogJson;
    {
        QFile builtIn(QStringLiteral(":/platform-sim/county-catalog.json"));
        builtIn.open(QIODevice::ReadOnly);
        catalogJson = builtIn.readAll();
    }
    if (auto loaded = platform.loadCatalog(catalogJson); !loaded)
        return failure(loaded.error());
    if (parser.isSet(catalog)) {
        QFile file(parser.value(catalog));
        if (!file.open(QIODevice::ReadOnly))
            return usage(QStringLiteral("--catalog: cannot read %1: %2").arg(file.fileName(), file.errorString()));
        if (auto set = platform.setCatalog(file.readAll()); !set)
            return usage(QStringLiteral("--catalog %1: %2").arg(file.fileName(), set.error()));
    }

    const hk::CivilDate today = platform.centerTime().dateOf(clock.now());
    hk::CivilDate firstDay = today;
    if (parser.isSet(demoStart)) {
        const auto parsed = hk::CivilDate::parse(parser.value(demoStart).toStdString());
        if (!parsed)
            return usage(QStringLiteral("--demo-start must be YYYY-MM-DD"));
        firstDay = *parsed;
    }
    if (parser.isSet(bulk)) {
        const int count = parser.value(bulk).toInt(&ok);
        if (!ok || count < 1)
            return usage(QStringLiteral("--bulk-bookings must be a positive number"));
        const int stored = hk::DemoData::bulk(platform, count, firstDay, dayCount, seedValue);
        qCInfo(hk::lcSim) << stored << "bulk bookings stored";
    }
    if (parser.isSet(demoData)) {
        const hk::DemoSummary summary = hk::DemoData::generate(platform, {firstDay, dayCount, bookingsPerDay, 0.08, seedValue});
        qCInfo(hk::lcSim).noquote() << QStringLiteral("demo data from %1: %2 bookings on %3 new days (%4 cancelled), %5 days kept as they were")
                                           .arg(QString::fromStdString(firstDay.toString()))
                                           .arg(summary.booked)
                                           .arg(summary.daysFilled)
                                           .arg(summary.cancelled)
                                           .arg(summary.daysSkipped);
        if (!summary.applicants.isEmpty()) {
            // Synthetic applicants, so a technician can rehearse check-in with a code or an ID number.
            QFile file(QDir(dir).filePath(QStringLiteral("demo-applicants.json")));
            if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                file.write(QJsonDocument(summary.applicants).toJson());
        }
    }

    hk::PlatformServer server(platform, clock);
    server.setBasePath(parser.value(basePath));
    server.setFaults(faults);
    server.setSeed(seedValue);
    if (parser.isSet(tlsCert)) {
        QFile certFile(parser.value(tlsCert)), keyFile(parser.value(tlsKey));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return usage(QStringLiteral("--tls-cert/--tls-key: cannot read the files"));
        const QSslCertificate cert(&certFile, QSsl::Pem);
        QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) {
            keyFile.seek(0);
            key = QSslKey(&keyFile, QSsl::Ec, QSsl::Pem);
        }
        if (cert.isNull() || key.isNull())
            return usage(QStringLiteral("--tls-cert/--tls-key: not a PEM certificate and RSA or EC key"));
        server.setTls(cert, key);
    }
    auto bound = server.listen(address, quint16(portNumber));
    if (!bound)
        return failure(bound.error());

    // The first line on standard output is for programs that start this one (the demo, tests).
    std::printf("hallkiosk-platform-sim: listening on %s (center %s, catalog version %d)\n", qPrintable(server.baseUrl()),
                platform.catalog().center.id.c_str(), platform.catalog().version);
    std::printf("  public key:  %s\n  match key:   %s\n", qPrintable(keys->publicKeyPath()), qPrintable(keys->matchKeyPath()));
    for (const QString &id : parser.values(terminal))
        std::printf("  terminal %s secret: %s\n", qPrintable(id), qPrintable(keys->secretPath(id)));
    std::fflush(stdout);

    hk::UnixSignalWatcher stopSignals({SIGINT, SIGTERM, SIGHUP});
    QObject::connect(&stopSignals, &hk::UnixSignalWatcher::received, &app, [](int number) {
        qCInfo(hk::lcSim) << "signal" << number << "- stopping";
        QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}
