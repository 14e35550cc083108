// Printing benchmark: how many tickets a second the terminal can hand to each transport (status
// check, bytes, status after — the whole of "issue and print"), how many bytes one ticket puts on
// the wire for each printer profile (and what that costs at 115200 baud), and how long a replugged
// printer takes to be in use again. Prints numbers (medians); asserts nothing about time.
//
//   bench_printer [TICKETS] [REPLUGS]      (default 30 and 20)

#include "app/services/ticket/ticket_composer.h"
#include "drivers/devices/cups_printer.h"
#include "drivers/devices/escpos_printer.h"
#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/transports/cups_transport.h"
#include "drivers/transports/serial_transport.h"
#include "drivers/transports/tcp_transport.h"
#include "drivers/transports/usblp_transport.h"
#include "tests/support/private_cups.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace hk;

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

TicketSlip sampleSlip(int i)
{
    TicketSlip s;
    s.ticketId = QStringLiteral("5b0c2f4e-8a7d-4f7e-9d55-%1").arg(i, 12, 10, QLatin1Char('0'));
    s.number = QStringLiteral("A%1").arg(i, 3, 10, QLatin1Char('0'));
    s.groupName = QStringLiteral("社保医保");
    s.peopleAhead = 12;
    s.issuedAtText = QStringLiteral("2026-11-24 09:05");
    s.qrPayload = QStringLiteral("HK1:SQ-001:%1").arg(s.ticketId);
    return s;
}

struct Rig {
    std::unique_ptr<PrinterSimulator> sim;
    std::unique_ptr<ByteTransport> transport;
    std::unique_ptr<TicketPrinter> printer;
};

// Runs the event loop until `done` holds. Not QTest::qWaitFor: it sleeps 10 ms between rounds,
// which would be measured too.
bool waitFor(const std::function<bool()> &done, int ms = 20000)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

// The transports as the terminal builds them (PrinterSetup), with their production intervals.
Rig make(const QString &kind, const QString &dir, hk::test::PrivateCups *cups)
{
    Rig rig;
    const QString path = dir + QStringLiteral("/") + kind;
    EscPosPrinter::Timing timing;
    timing.idlePollMs = 0;
    if (kind == QLatin1String("serial") || kind == QLatin1String("usblp")) {
        rig.sim = PrinterSimulator::create(path).value();
        if (kind == QLatin1String("serial"))
            rig.transport = std::make_unique<SerialTransport>(SerialSettings{path, 115200});
        else
            rig.transport = std::make_unique<UsbLpTransport>(UsbLpSettings{path});
    } else if (kind == QLatin1String("tcp")) {
        rig.sim = PrinterSimulator::createTcp().value();
        rig.transport = std::make_unique<TcpTransport>(
            TcpSettings{QStringLiteral("127.0.0.1"), rig.sim->devicePath().section(QLatin1Char(':'), 1).toUShort()});
    } else {
        rig.sim = PrinterSimulator::createTcp().value();
        if (!cups->addRawQueue(QStringLiteral("bench"), QStringLiteral("socket://%1").arg(rig.sim->devicePath())).isEmpty())
            return {};
        auto transport = std::make_unique<CupsTransport>(CupsSettings{QStringLiteral("bench"), cups->server()});
        CupsPrinter::Timing cupsTiming;
        cupsTiming.idlePollMs = 0;
        rig.printer = std::make_unique<CupsPrinter>(*transport, EscPosProfile{}, cupsTiming);
        transport->open();
        qobject_cast<CupsPrinter *>(rig.printer.get())->start();
        rig.transport = std::move(transport);
        return rig;
    }
    rig.printer = std::make_unique<EscPosPrinter>(*rig.transport, EscPosProfile{}, timing);
    qobject_cast<EscPosPrinter *>(rig.printer.get())->start();
    return rig;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*=false"));
    const int tickets = argc > 1 ? std::max(1, atoi(argv[1])) : 30;
    const int replugs = argc > 2 ? std::max(1, atoi(argv[2])) : 20;
    QTemporaryDir dir;
    const TicketComposer composer(QStringLiteral("SQ-001"), QStringLiteral("青山县政务服务中心"));

    std::printf("bytes one ticket puts on the wire (standard template, walk-in ticket A001):\n");
    for (const char *name : {"escpos-80mm", "escpos-58mm", "escpos-80mm-raster", "escpos-58mm-raster"}) {
        auto profile = EscPosProfile::load(QString::fromLatin1(name), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/printers"));
        if (!profile)
            continue;
        const qsizetype bytes = EscPosDocumentEncoder::encode(composer.compose(sampleSlip(1)), profile.value()).size();
        // 8N1: ten bits a byte (87 µs at 115200 baud), plus the 3 × (3 + 1) bytes of DLE EOT after it.
        const auto atBaud = [bytes](int baud) { return double(bytes + 12) * 10.0 * 1000.0 / baud; };
        std::printf("  %-20s %6lld bytes   %6.0f ms at 115200 baud   %6.0f ms at 9600 baud\n", name, qlonglong(bytes),
                    atBaud(115200), atBaud(9600));
    }

    hk::test::PrivateCups cups;
    const QString cupsProblem = cups.start();
    std::printf("\ntickets a second handed to each transport (status, bytes, status after; median of %d):\n", tickets);
    for (const char *kindName : {"serial", "usblp", "tcp", "cups"}) {
        const QString kind = QString::fromLatin1(kindName);
        if (kind == QLatin1String("cups") && !cupsProblem.isEmpty()) {
            std::printf("  %-7s skipped: %s\n", kindName, qPrintable(cupsProblem));
            continue;
        }
        Rig rig = make(kind, dir.path(), &cups);
        if (!rig.printer || !waitFor([&] { return rig.printer->health().state == DeviceHealth::State::Ok; })) {
            std::printf("  %-7s did not start\n", kindName);
            continue;
        }
        std::vector<double> ms;
        int failures = 0;
        for (int i = 0; i < tickets; ++i) {
            QElapsedTimer clock;
            clock.start();
            bool done = false;
            bool ok = false;
            rig.printer->checkStatus([&](Result<PrinterReadiness, DeviceError> status) {
                if (!status) {
                    done = true;
                    return;
                }
                rig.printer->print(composer.compose(sampleSlip(i)), [&](Result<void, DeviceError> r) {
                    ok = r.ok();
                    done = true;
                });
            });
            if (!waitFor([&] { return done; }) || !ok)
                ++failures;
            ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
        waitFor([&] { return rig.sim->tickets().size() >= tickets - failures; }, 5000);
        const double m = median(ms);
        std::printf("  %-7s %6.1f tickets/s   (median %.1f ms a ticket, %lld printed, %d failed)\n", kindName, m > 0 ? 1000.0 / m : 0.0, m,
                    qlonglong(rig.sim->tickets().size()), failures);
    }

    std::printf("\nreconnect after a replug: from the device being back to the printer answering (median of %d):\n", replugs);
    for (const char *kindName : {"serial", "usblp", "tcp"}) {
        const QString kind = QString::fromLatin1(kindName);
        Rig rig = make(kind, dir.path(), nullptr);
        if (!waitFor([&] { return rig.printer->health().state == DeviceHealth::State::Ok; })) {
            std::printf("  %-7s did not start\n", kindName);
            continue;
        }
        std::vector<double> ms;
        for (int i = 0; i < replugs; ++i) {
            rig.sim->unplug();
            // The host notices the device is gone (at once for a pty, at the next status for TCP).
            rig.printer->checkStatus([](Result<PrinterReadiness, DeviceError>) {});
            if (!waitFor([&] { return !rig.transport->isOpen(); }, 5000))
                break;
            // Unplugged for a while, at no fixed phase of the retry timer.
            waitFor([] { return false; }, 50 + (i * 37) % 200);
            QElapsedTimer clock;
            clock.start();
            if (!rig.sim->plug())
                break;
            if (!waitFor([&] { return rig.transport->isOpen() && rig.printer->health().state == DeviceHealth::State::Ok; }, 10000))
                break;
            ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        std::printf("  %-7s median %6.0f ms   max %6.0f ms   (%zu replugs)\n", kindName, median(ms), sorted.empty() ? 0.0 : sorted.back(),
                    ms.size());
    }
    return 0;
}
