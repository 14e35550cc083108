// 预约 benchmark (DESIGN §14): from the citizen's tap on 确认预约 to the booking slip's last byte
// (its cut) at the printer, with the built hallkiosk program, hallkiosk-platform-sim on loopback
// and the printer and ID-card reader simulators on pseudo-terminals. Each booking is a card of its
// own (generated, valid GB 11643 numbers) through the whole flow; only the confirm-to-slip part is
// timed. The tap is a `tap option_confirm` line on the terminal's --test-control FIFO. Prints the
// median and p99 with the machine's load; asserts nothing about time (STYLE.md).
//
//   bench_booking_slip [BOOKINGS]      (default 100)

#include "tests/bench/bench_support.h"
#include "tests/e2e/booking_rig.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace hk;
using namespace hk::test;
using namespace hk::bench;

namespace {

QString idNumber(int i)
{
    static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    const QString base = QStringLiteral("310115198001%1").arg(10000 + i, 5, 10, QLatin1Char('0')).left(17);
    int sum = 0;
    for (int k = 0; k < 17; ++k)
        sum += (base.at(k).unicode() - '0') * kWeights[k];
    return base + QStringLiteral("10X98765432").at(sum % 11);
}

QString writeCards(const QString &path, int n)
{
    QJsonArray cards;
    for (int i = 0; i < n; ++i)
        cards.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("c%1").arg(i)}, {QStringLiteral("type"), QStringLiteral("resident")},
                                 {QStringLiteral("holder"), QStringLiteral("测试%1").arg(i)}, {QStringLiteral("sex"), QStringLiteral("1")},
                                 {QStringLiteral("nation"), QStringLiteral("01")}, {QStringLiteral("birth"), QStringLiteral("19800101")},
                                 {QStringLiteral("address"), QStringLiteral("上海市青浦区")}, {QStringLiteral("id_number"), idNumber(i)},
                                 {QStringLiteral("issuer"), QStringLiteral("上海市公安局")}, {QStringLiteral("valid_from"), QStringLiteral("20200101")},
                                 {QStringLiteral("valid_to"), QStringLiteral("长期")}});
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(cards).toJson());
    return path;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 100;
    QTemporaryDir cardsDir;
    Rig rig(writeCards(cardsDir.filePath(QStringLiteral("cards.json")), runs), QString());
    if (!rig.startSim() || !rig.startTerminal()) {
        std::fprintf(stderr, "the platform or the terminal did not start:\n%s\n", qPrintable(rig.log.right(3000)));
        return 1;
    }
    // One booking per slot: from the day after tomorrow, every hour of the all-day catalog.
    const QDate first = QDateTime::currentDateTimeUtc().toTimeZone(hallZone()).date().addDays(2);
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const QDateTime slot(first.addDays(i / 24), QTime(i % 24, 0), hallZone());
        if (!rig.chooseUpToConfirm(slot, i + 1, QStringLiteral("c%1").arg(i))) {
            std::fprintf(stderr, "booking %d did not reach the confirm screen:\n%s\n", i, qPrintable(rig.log.right(3000)));
            return 1;
        }
        const int printed = int(rig.printer->tickets().size());
        QElapsedTimer timer;
        timer.start();
        rig.tap(QStringLiteral("option_confirm"));
        if (!QTest::qWaitFor([&] { return int(rig.printer->tickets().size()) > printed; }, kWaitMs)) {
            std::fprintf(stderr, "booking %d printed no slip:\n%s\n", i, qPrintable(rig.log.right(3000)));
            return 1;
        }
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const Figures f = figuresOf(ms);
    std::printf("booking: confirm tap -> slip's last byte, %zu bookings: median %.1f ms, p99 %.1f ms, max %.1f ms (%s; a shared, loaded machine)\n",
                f.count, f.median, f.p99, f.max, qPrintable(machineLoad()));
    std::printf("platform: %d bookings stored\n", rig.bookings());
    rig.stopTerminal(SIGTERM);
    return rig.bookings() == runs ? 0 : 1;
}
