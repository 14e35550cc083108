// hallkiosk-devsim: simulated devices on pseudo-terminals, for technicians and test rigs.
// Each device speaks the same bytes as the real one; its state is set at run time with lines on
// standard input (type `help`).

#include "app/process/unix_signal_watcher.h"
#include "drivers/sim/command_channel.h"
#include "drivers/sim/printer_simulator.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QTextStream>

#include <csignal>
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
    // A GUI application only for the font that draws ticket-NNNN.png; never a window.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hallkiosk-devsim"));
    hk::UnixSignalWatcher stopSignals({SIGINT, SIGTERM});
    QObject::connect(&stopSignals, &hk::UnixSignalWatcher::received, &app, &QCoreApplication::quit);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Simulated hall devices on pseudo-terminals.\n\n"
        "  hallkiosk-devsim printer [--link PATH | --tcp PORT | --fifo PATH] [--out DIR] [--status COND]\n\n"
        "printer: an ESC/POS ticket printer. Answers DLE EOT with the condition set (ok, near_end,\n"
        "paper_out, cover_open, cutter_error, silent), records what it receives and writes every\n"
        "ticket it prints to DIR as readable text (GB18030 decoded), raw bytes and a PNG of the paper.\n"
        "On a pseudo-terminal by default: \"printer\": \"serial:PATH\" (or \"usblp:PATH\"); with --tcp\n"
        "on 127.0.0.1:PORT: \"tcp:127.0.0.1:PORT\", or a CUPS queue socket://127.0.0.1:PORT; with --fifo\n"
        "a write-only USB printer: \"usblp:PATH\".\n\n"
        "Commands on standard input: status [COND] · next_ticket COND · unplug · plug · tickets · last ·\n"
        "help · quit"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("device"), QStringLiteral("printer"));
    parser.addOption({QStringLiteral("link"), QStringLiteral("Make PATH a symlink to the device."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("tcp"), QStringLiteral("Listen on 127.0.0.1:PORT instead (0: any free port)."), QStringLiteral("PORT")});
    parser.addOption({QStringLiteral("fifo"), QStringLiteral("Read a FIFO at PATH instead (a write-only printer)."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Write printed tickets to DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("status"), QStringLiteral("Initial printer condition."), QStringLiteral("COND"), QStringLiteral("ok")});
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(parser.errorText()));
        return kUsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(parser.helpText());
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1 || args.first() != QLatin1String("printer")) {
        std::fprintf(stderr, "hallkiosk-devsim: say which device to simulate: printer (see --help)\n");
        return kUsageError;
    }
    auto condition = hk::PrinterSimulator::conditionFromString(parser.value(QStringLiteral("status")));
    if (!condition) {
        std::fprintf(stderr, "hallkiosk-devsim: unknown --status \"%s\"\n", qPrintable(parser.value(QStringLiteral("status"))));
        return kUsageError;
    }

    const int links = int(parser.isSet(QStringLiteral("link"))) + int(parser.isSet(QStringLiteral("tcp"))) +
                      int(parser.isSet(QStringLiteral("fifo")));
    if (links > 1) {
        std::fprintf(stderr, "hallkiosk-devsim: --link, --tcp and --fifo exclude each other\n");
        return kUsageError;
    }
    bool portOk = true;
    const uint port = parser.value(QStringLiteral("tcp")).toUInt(&portOk);
    if (parser.isSet(QStringLiteral("tcp")) && (!portOk || port > 65535)) {
        std::fprintf(stderr, "hallkiosk-devsim: --tcp needs a port 0-65535\n");
        return kUsageError;
    }
    auto printer = parser.isSet(QStringLiteral("tcp"))    ? hk::PrinterSimulator::createTcp(quint16(port))
                   : parser.isSet(QStringLiteral("fifo")) ? hk::PrinterSimulator::createFifo(parser.value(QStringLiteral("fifo")))
                                                          : hk::PrinterSimulator::create(parser.value(QStringLiteral("link")));
    if (!printer) {
        std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(printer.error()));
        return 1;
    }
    hk::PrinterSimulator &sim = *printer.value();
    sim.setCondition(*condition);
    sim.setOutputDirectory(parser.value(QStringLiteral("out")));
    QObject::connect(&sim, &hk::PrinterSimulator::ticketPrinted, [](const hk::SimulatedTicket &ticket) {
        printLine(QStringLiteral("--- ticket printed ---\n%1----------------------").arg(ticket.text));
    });
    QObject::connect(&sim, &hk::PrinterSimulator::ticketDiscarded, [](const QString &why) {
        printLine(QStringLiteral("--- ticket not printed: %1 ---").arg(why));
    });

    hk::CommandChannel control(STDIN_FILENO, STDOUT_FILENO, [&](const QString &line) {
        if (line == QLatin1String("quit")) {
            QCoreApplication::quit();
            return QStringLiteral("bye");
        }
        return sim.command(line);
    });
    printLine(QStringLiteral("printer %1 at %2").arg(hk::PrinterSimulator::conditionName(sim.condition()), sim.devicePath()));
    return app.exec();
}
