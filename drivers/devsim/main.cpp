// hallkiosk-devsim: simulated devices on pseudo-terminals, for technicians and test rigs.
// Each device speaks the same bytes as the real one; its state is set at run time with lines on
// standard input (type `help`).

#include "app/process/unix_signal_watcher.h"
#include "drivers/sim/command_channel.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <functional>
#include <memory>
#include <cstdio>
#include <unistd.h>

namespace {

constexpr int kUsageError = 2;

void printLine(const QString &text)
{
    QTextStream out(stdout);
    out << text << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hallkiosk-devsim"));
    hk::UnixSignalWatcher stopSignals({SIGINT, SIGTERM});
    QObject::connect(&stopSignals, &hk::UnixSignalWatcher::received, &app, &QCoreApplication::quit);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Simulated hall devices on pseudo-terminals.\n\n"
        "  hallkiosk-devsim printer [--link PATH] [--out DIR] [--status COND]\n"
        "  hallkiosk-devsim idcard  [--link PATH] [--cards FILE]\n"
        "  hallkiosk-devsim scanner [--link PATH] [--suffix cr|lf|crlf]\n\n"
        "printer: an ESC/POS ticket printer. Answers DLE EOT with the condition set (ok, near_end,\n"
        "paper_out, cover_open, cutter_error, silent), records what it receives and writes every\n"
        "ticket it prints to DIR as readable text (GB18030 decoded) and raw bytes.\n"
        "Point the terminal at it with \"printer\": \"serial:PATH\".\n"
        "Commands on standard input: status [COND] · tickets · last · help · quit\n\n"
        "idcard: a GA 467 ID-card reader (115200 8N1) with the cards of FILE (default: the built-in\n"
        "resident, J, I and Y cards, a bad check digit, a failing read, a removed card).\n"
        "Point the terminal at it with \"idcard\": \"serial:PATH?baud=115200\".\n"
        "Commands: card NAME · remove · cards · sam ok|self_test_failed|unauthorised|silent · help · quit\n\n"
        "scanner: a line-mode QR scanner sending each scan with the suffix.\n"
        "Point the terminal at it with \"scanner\": \"serial:PATH?suffix=cr\".\n"
        "Commands: send TEXT · gbk TEXT · help · quit"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("device"), QStringLiteral("printer, idcard or scanner"));
    parser.addOption({QStringLiteral("link"), QStringLiteral("Make PATH a symlink to the device."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("printer: write printed tickets to DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("status"), QStringLiteral("printer: initial condition."), QStringLiteral("COND"), QStringLiteral("ok")});
    parser.addOption({QStringLiteral("cards"), QStringLiteral("idcard: the cards, as JSON."), QStringLiteral("FILE"),
                      QStringLiteral(":/hallkiosk/sim/idcards.json")});
    parser.addOption({QStringLiteral("suffix"), QStringLiteral("scanner: what ends a scan."), QStringLiteral("SUFFIX"), QStringLiteral("cr")});
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(parser.errorText()));
        return kUsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(parser.helpText());
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    const QString device = args.value(0);
    if (args.size() != 1 || (device != QLatin1String("printer") && device != QLatin1String("idcard") && device != QLatin1String("scanner"))) {
        std::fprintf(stderr, "hallkiosk-devsim: say which device to simulate: printer, idcard or scanner (see --help)\n");
        return kUsageError;
    }
    const QString link = parser.value(QStringLiteral("link"));
    std::function<QString(const QString &)> handle;
    std::unique_ptr<QObject> simulator;
    if (device == QLatin1String("printer")) {
        auto condition = hk::PrinterSimulator::conditionFromString(parser.value(QStringLiteral("status")));
        if (!condition) {
            std::fprintf(stderr, "hallkiosk-devsim: unknown --status \"%s\"\n", qPrintable(parser.value(QStringLiteral("status"))));
            return kUsageError;
        }
        auto printer = hk::PrinterSimulator::create(link);
        if (!printer) {
            std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(printer.error()));
            return 1;
        }
        hk::PrinterSimulator *sim = printer.value().get();
        sim->setCondition(*condition);
        sim->setOutputDirectory(parser.value(QStringLiteral("out")));
        QObject::connect(sim, &hk::PrinterSimulator::ticketPrinted, [](const hk::SimulatedTicket &ticket) {
            printLine(QStringLiteral("--- ticket printed ---\n%1----------------------").arg(ticket.text));
        });
        QObject::connect(sim, &hk::PrinterSimulator::ticketDiscarded, [](const QString &why) {
            printLine(QStringLiteral("--- ticket not printed: %1 ---").arg(why));
        });
        handle = [sim](const QString &line) { return sim->command(line); };
        printLine(QStringLiteral("printer %1 at %2").arg(hk::PrinterSimulator::conditionName(sim->condition()), sim->devicePath()));
        simulator = std::move(printer).value();
    } else if (device == QLatin1String("idcard")) {
        auto reader = hk::IdCardSimulator::create(link);
        if (!reader) {
            std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(reader.error()));
            return 1;
        }
        hk::IdCardSimulator *sim = reader.value().get();
        if (auto loaded = sim->loadCards(parser.value(QStringLiteral("cards"))); !loaded) {
            std::fprintf(stderr, "hallkiosk-devsim: --cards %s\n", qPrintable(loaded.error()));
            return kUsageError;
        }
        QObject::connect(sim, &hk::IdCardSimulator::cardReadOut, [](const QString &name) { printLine(QStringLiteral("card %1 read").arg(name)); });
        handle = [sim](const QString &line) { return sim->command(line); };
        printLine(QStringLiteral("idcard reader at %1 (cards: %2)").arg(sim->devicePath(), sim->cardNames().join(QStringLiteral(", "))));
        simulator = std::move(reader).value();
    } else {
        const auto suffix = hk::ScannerSimulator::suffixFromString(parser.value(QStringLiteral("suffix")));
        if (!suffix) {
            std::fprintf(stderr, "hallkiosk-devsim: --suffix must be cr, lf or crlf\n");
            return kUsageError;
        }
        auto scanner = hk::ScannerSimulator::create(link);
        if (!scanner) {
            std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(scanner.error()));
            return 1;
        }
        hk::ScannerSimulator *sim = scanner.value().get();
        sim->setSuffix(*suffix);
        handle = [sim](const QString &line) { return sim->command(line); };
        printLine(QStringLiteral("scanner at %1").arg(sim->devicePath()));
        simulator = std::move(scanner).value();
    }

    hk::CommandChannel control(STDIN_FILENO, STDOUT_FILENO, [&handle](const QString &line) {
        if (line == QLatin1String("quit")) {
            QCoreApplication::quit();
            return QStringLiteral("bye");
        }
        return handle(line);
    });
    return app.exec();
}
