// Start-up benchmark: how long `hallkiosk --demo` takes from exec to a home screen whose printer
// has answered, how much processor time it took (all its threads) and how much memory it holds
// then. Prints medians; asserts nothing about time.
//
//   bench_startup [RUNS]      (default 5)

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    static const QRegularExpression kReady(QStringLiteral("ready: home screen shown (\\d+) ms after start, resident ([0-9.]+) MiB \\(peak ([0-9.]+)\\), processor (\\d+) ms"));
    std::vector<double> wallMs, reportedMs, rssMiB, peakMiB, processorMs;
    for (int i = 0; i < runs; ++i) {
        QTemporaryDir dir; // a first start each time: database created and migrated
        QProcess kiosk;
        QElapsedTimer clock;
        clock.start();
        kiosk.setReadChannel(QProcess::StandardError); // the log, where "ready" is reported
        kiosk.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--demo"), QStringLiteral("--data-dir"), dir.path()});
        QString log;
        QRegularExpressionMatch match;
        while (kiosk.waitForReadyRead(20000) || kiosk.state() == QProcess::Running) {
            log += QString::fromUtf8(kiosk.readAllStandardError());
            match = kReady.match(log);
            if (match.hasMatch() || clock.elapsed() > 20000)
                break;
        }
        const double wall = double(clock.nsecsElapsed()) / 1e6;
        kiosk.terminate();
        kiosk.waitForFinished(10000);
        if (!match.hasMatch()) {
            std::fprintf(stderr, "bench_startup: run %d never became ready:\n%s\n", i + 1, qPrintable(log));
            return 1;
        }
        wallMs.push_back(wall);
        reportedMs.push_back(match.captured(1).toDouble());
        rssMiB.push_back(match.captured(2).toDouble());
        peakMiB.push_back(match.captured(3).toDouble());
        processorMs.push_back(match.captured(4).toDouble());
    }
    std::printf("hallkiosk --demo start-up, %d runs (QT_QPA_PLATFORM=%s)\n", runs, qgetenv("QT_QPA_PLATFORM").constData());
    std::printf("  exec to ready (wall, measured here):   median %.0f ms  (min %.0f, max %.0f)\n", median(wallMs),
                *std::min_element(wallMs.begin(), wallMs.end()), *std::max_element(wallMs.begin(), wallMs.end()));
    std::printf("  process start to ready (its own log):  median %.0f ms\n", median(reportedMs));
    std::printf("  processor time to ready (all threads): median %.0f ms  (min %.0f, max %.0f)\n", median(processorMs),
                *std::min_element(processorMs.begin(), processorMs.end()), *std::max_element(processorMs.begin(), processorMs.end()));
    std::printf("  resident memory at ready:              median %.1f MiB  (peak, VmHWM: %.1f MiB)\n", median(rssMiB), median(peakMiB));
    std::printf("  (the wall times grow with the machine's load; the processor time much less)\n");
    return 0;
}
