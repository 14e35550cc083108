#pragma once

// What the hall benchmarks share: latency figures of a sample, threads started together, and the
// knobs a longer run turns (HALLKIOSK_BENCH_LONG=1). Header-only; QtCore.

#include <QFile>
#include <QString>
#include <QThread>
#include <QtGlobal>

#include <algorithm>
#include <functional>
#include <latch>
#include <memory>
#include <vector>

namespace hk::bench {

struct Figures {
    size_t count = 0;
    double median = 0, p99 = 0, max = 0; // ms
};

// Nearest-rank median and 99th percentile, and the maximum, of `ms`.
inline Figures figuresOf(std::vector<double> ms)
{
    if (ms.empty())
        return {};
    std::sort(ms.begin(), ms.end());
    const auto rank = [&](double p) { return ms[std::min(ms.size() - 1, size_t(std::max(0.0, p * double(ms.size()) - 1e-9)))]; };
    return {ms.size(), rank(0.5), rank(0.99), ms.back()};
}

// The machine's load as /proc/loadavg has it ("1.52 1.31 0.98": 1, 5 and 15 minutes) and its
// processors, printed beside the figures: on a shared machine a neighbour's build moves a p99
// more than any change of ours does.
inline QString machineLoad()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    const QString load = file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readLine()).section(QLatin1Char(' '), 0, 2)
                                                        : QStringLiteral("unknown");
    return QStringLiteral("load average %1 on %2 processors").arg(load).arg(QThread::idealThreadCount());
}

// HALLKIOSK_BENCH_LONG=1: the benchmarks run several times as long (minutes, not seconds).
inline bool longRun()
{
    return qEnvironmentVariableIntValue("HALLKIOSK_BENCH_LONG") > 0;
}

// Runs `body(i)` for i in [0, threads) on threads of their own. Each calls `ready()` once it has
// set up (its connection opened); none goes past it until all have, so the measured part starts
// together. Returns when all have finished.
inline void runTogether(int threads, const std::function<void(int, const std::function<void()> &ready)> &body)
{
    std::latch together(threads);
    const std::function<void()> ready = [&] { together.arrive_and_wait(); };
    std::vector<std::unique_ptr<QThread>> running;
    for (int i = 0; i < threads; ++i) {
        running.emplace_back(QThread::create([&, i] { body(i, ready); }));
        running.back()->start();
    }
    for (auto &t : running)
        t->wait();
}

} // namespace hk::bench
