// Booking pull benchmark: hallkiosk-platform-sim holds N bookings (default 100,000, over 7 days);
// the terminal's sync pulls them page by page over loopback HTTP and applies them to its SQLite
// cache. Prints the time and the terminal side's peak memory; fails only if bookings go missing.
//
//   bench_booking_pull [N] [PAGE]      (defaults 100000 and 500)

#include "app/config/catalog_parser.h"
#include "app/services/sync/sync_service.h"
#include "app/services/system_clock.h"
#include "db/database.h"
#include "db/hall/always_held_lease.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_sync_state_store.h"
#include "platform/http_platform_client.h"
#include "platform/secret_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

#include <unistd.h>

namespace {

double statusMiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.debug=false\nhallkiosk.*.info=false"));
    const int count = argc > 1 ? std::max(1, atoi(argv[1])) : 100000;
    const int page = argc > 2 ? std::clamp(atoi(argv[2]), 1, 1000) : 500;
    QTemporaryDir dir;

    QElapsedTimer clock;
    clock.start();
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(QStringLiteral(HALLKIOSK_PLATFORM_SIM_BINARY),
              {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("platform")), QStringLiteral("--port"), QStringLiteral("0"),
               QStringLiteral("--terminal"), QStringLiteral("BENCH"), QStringLiteral("--bulk-bookings"), QString::number(count),
               QStringLiteral("--days"), QStringLiteral("7")});
    QString out;
    static const QRegularExpression kListening(QStringLiteral("listening on (\\S+)"));
    while (!kListening.match(out).hasMatch() && sim.waitForReadyRead(600000))
        out += QString::fromUtf8(sim.readAllStandardOutput());
    if (!kListening.match(out).hasMatch()) {
        std::fprintf(stderr, "bench_booking_pull: the platform did not start\n");
        return 1;
    }
    const double generatedS = double(clock.elapsed()) / 1000;

    auto db = hk::Database::open(dir.filePath(QStringLiteral("terminal.db")));
    if (!db) {
        std::fprintf(stderr, "bench_booking_pull: %s\n", qPrintable(db.error().detail));
        return 1;
    }
    hk::SqlBookingStore bookings(*db.value());
    hk::SqlOutboxStore outbox(*db.value());
    hk::SqlSyncStateStore state(*db.value());
    hk::CatalogService catalog(
        hk::CatalogParser::loadFile(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")).value().catalog);
    const hk::SystemClock systemClock;
    hk::PlatformEndpoint endpoint;
    endpoint.baseUrl = QUrl(kListening.match(out).captured(1));
    endpoint.terminalId = QStringLiteral("BENCH");
    endpoint.centerId = QStringLiteral("SQ-001");
    endpoint.secret = hk::SecretFile::read(dir.filePath(QStringLiteral("platform/terminals/BENCH.secret"))).value();
    endpoint.timeoutMs = 60000;
    auto client = hk::HttpPlatformClient::create(endpoint, systemClock).value();
    hk::SyncSettings settings;
    settings.centerId = QStringLiteral("SQ-001");
    settings.bookingPage = page;
    settings.pullIntervalS = 3600;
    hk::AlwaysHeldLease lease;
    hk::SyncService sync(*client, outbox, lease, bookings, state, catalog, systemClock, settings);

    const double rssBefore = statusMiB("VmRSS:");
    // Processor time beside the wall time: the machine is shared, and the platform on the other
    // core takes about as much again (its own figure below, from /proc).
    const auto processorS = [](const QString &stat) { // utime + stime of a /proc/…/stat line
        const QStringList f = stat.mid(stat.lastIndexOf(QLatin1Char(')')) + 2).split(QLatin1Char(' '));
        return f.size() > 12 ? (f.at(11).toDouble() + f.at(12).toDouble()) / double(::sysconf(_SC_CLK_TCK)) : -1.0;
    };
    const auto statOf = [](qint64 pid) {
        QFile f(pid ? QStringLiteral("/proc/%1/stat").arg(pid) : QStringLiteral("/proc/self/stat"));
        return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()) : QString();
    };
    const double terminalCpuBefore = processorS(statOf(0));
    const double platformCpuBefore = processorS(statOf(sim.processId()));
    double terminalCpuFirst = 0, platformCpuFirst = 0;
    int pulls = 0;
    double firstS = 0, secondS = 0;
    bool ok = true;
    QObject::connect(&sync, &hk::SyncService::pullFinished, &app, [&](bool pulled) {
        ok = ok && pulled;
        const double s = double(clock.nsecsElapsed()) / 1e9;
        if (++pulls == 1) {
            firstS = s;
            terminalCpuFirst = processorS(statOf(0)) - terminalCpuBefore;
            platformCpuFirst = processorS(statOf(sim.processId())) - platformCpuBefore;
            clock.restart();
            sync.pullNow(); // a second pull: nothing new, one page
        } else {
            secondS = s;
            QCoreApplication::quit();
        }
    });
    clock.restart();
    sync.start();
    QCoreApplication::exec();
    const double peak = statusMiB("VmHWM:");

    QSqlQuery q(db.value()->connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM bookings"));
    const int cached = q.next() ? q.value(0).toInt() : -1;
    sim.terminate();
    sim.waitForFinished(10000);

    std::printf("booking pull: %d bookings from hallkiosk-platform-sim over loopback HTTP, pages of %d\n", count, page);
    std::printf("  platform filled in:                    %.1f s (not part of the figures below)\n", generatedS);
    std::printf("  first pull, pulled and applied:        %.1f s  (%.0f bookings/s, %d pages)\n", firstS, count / firstS,
                (count + page - 1) / page);
    std::printf("  first pull, processor time:           terminal %.2f s, platform %.2f s\n", terminalCpuFirst, platformCpuFirst);
    std::printf("  next pull, nothing new:                %.3f s\n", secondS);
    std::printf("  terminal process, peak resident (VmHWM): %.1f MiB  (%.1f MiB before the pull)\n", peak, rssBefore);
    std::printf("  terminal database file:                %.1f MiB\n\n",
                double(QFileInfo(dir.filePath(QStringLiteral("terminal.db"))).size() +
                       QFileInfo(dir.filePath(QStringLiteral("terminal.db-wal"))).size()) /
                    (1024.0 * 1024.0));
    if (!ok || cached != count) {
        std::fprintf(stderr, "bench_booking_pull: %d of %d bookings in the cache%s\n", cached, count, ok ? "" : " (a pull failed)");
        return 1;
    }
    return 0;
}
