// Check-in benchmark: how long from the scanner's last byte to the printer's last byte (the cut of
// the priority ticket), with the built hallkiosk program checking in booking codes from a
// line-mode scanner on a pseudo-terminal and printing on the printer simulator's. Each code is for
// a booking made "a minute ago" (not cached: verified offline, checked in from its own fields).
// Prints the median and p99; asserts nothing about time (STYLE.md).
//
//   bench_checkin [CHECK-INS]      (default 200)

#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "tests/support/all_day_catalog.h"
#include "tests/support/hall_time.h"
#include "tests/support/test_platform.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace hk;

namespace {

double percentile(std::vector<double> v, double p) // nearest rank
{
    std::sort(v.begin(), v.end());
    const auto rank = size_t(std::ceil(p / 100.0 * double(v.size())));
    return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 200;
    QTemporaryDir dir;
    auto printer = std::move(PrinterSimulator::create()).value();
    auto scanner = std::move(ScannerSimulator::create()).value();
    test::TestPlatform platform;
    const QJsonObject config{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), dir.filePath(QStringLiteral("hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(printer->devicePath())},
                                                {QStringLiteral("scanner"), QStringLiteral("serial:%1?baud=9600&suffix=cr").arg(scanner->devicePath())}}},
        {QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), platform.publicKeyFile(dir.path())}}},
        {QStringLiteral("catalog_file"), test::writeAllDayCatalog(dir.filePath(QStringLiteral("catalog.json")))},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
        // No idle status polls in between: only the check-ins' own traffic.
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 3600}}},
    };
    QFile file(dir.filePath(QStringLiteral("hallkiosk.json")));
    file.open(QIODevice::WriteOnly);
    file.write(QJsonDocument(config).toJson());
    file.close();

    QProcess kiosk;
    kiosk.setProcessChannelMode(QProcess::ForwardedOutputChannel); // its log to our stderr only on failure
    kiosk.setStandardErrorFile(dir.filePath(QStringLiteral("hallkiosk.log")));
    kiosk.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), file.fileName()});
    if (!kiosk.waitForStarted() || !QTest::qWaitFor([&] { return printer->statusRequests(4) >= 1; }, 30000)) {
        std::fprintf(stderr, "bench_checkin: the terminal did not start\n");
        return 1;
    }
    QTest::qWait(500); // the serial ports opened, the first status asked and answered

    const QTimeZone &zone = test::hallZone();
    std::vector<double> latencyMs;
    QElapsedTimer clock;
    qint64 sentAt = 0;
    qint64 printedAt = 0;
    QObject::connect(printer.get(), &PrinterSimulator::ticketPrinted, [&] { printedAt = clock.nsecsElapsed(); });
    clock.start();
    for (int i = 0; i < runs; ++i) {
        QDateTime slot = QDateTime::currentDateTimeUtc().toTimeZone(zone);
        slot.setTime(QTime(slot.time().hour(), slot.time().minute()));
        const QByteArray code = platform.code(QStringLiteral("BENCH-%1").arg(i), slot, i % 2 ? "SB-001" : "HJ-001");
        const int tickets = int(printer->tickets().size());
        const int statusAfter = printer->statusRequests(4);
        if (!scanner->send(code)) {
            std::fprintf(stderr, "bench_checkin: the scanner pty took no bytes\n");
            return 1;
        }
        sentAt = clock.nsecsElapsed(); // the scan's last byte is in the line
        if (!QTest::qWaitFor([&] { return printer->tickets().size() > tickets; }, 20000)) {
            std::fprintf(stderr, "bench_checkin: check-in %d printed no ticket; the terminal's log is in %s\n", i + 1,
                         qPrintable(dir.filePath(QStringLiteral("hallkiosk.log"))));
            dir.setAutoRemove(false);
            return 1;
        }
        latencyMs.push_back(double(printedAt - sentAt) / 1e6);
        // The terminal asks the printer's status once more after every ticket; the next citizen
        // scans after that, as one would.
        if (!QTest::qWaitFor([&] { return printer->statusRequests(4) > statusAfter; }, 20000))
            std::fprintf(stderr, "bench_checkin: no status asked after ticket %d\n", i + 1);
        QTest::qWait(5);
    }
    kiosk.terminate();
    kiosk.waitForFinished(10000);
    const bool booked = printer->tickets().last().text.contains(QStringLiteral("预约优先"));
    std::printf("hallkiosk check-in, %d booking codes scanned back to back (QT_QPA_PLATFORM=%s)%s\n", runs,
                qgetenv("QT_QPA_PLATFORM").constData(), booked ? "" : " — but the last ticket was no booked ticket!");
    std::printf("  scanner's last byte -> printer's last byte (the cut):  median %.1f ms  p99 %.1f ms  (min %.1f, max %.1f)\n",
                percentile(latencyMs, 50), percentile(latencyMs, 99), percentile(latencyMs, 0.0001), percentile(latencyMs, 100));
    return booked ? 0 : 1;
}
