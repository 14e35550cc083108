// hallkiosk-devsim: simulated devices on pseudo-terminals, for technicians and test rigs.
// Each device speaks the same bytes as the real one; its state is set at run time with lines on
// standard input (type `help`).

#include "app/process/unix_signal_watcher.h"
#include "drivers/sim/command_channel.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "drivers/sim/scanner_simulator.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QRegularExpression>
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

int runCommands(const std::function<QString(const QString &)> &handle)
{
    hk::CommandChannel control(STDIN_FILENO, STDOUT_FILENO, [&handle](const QString &line) {
        if (line == QLatin1String("quit")) {
            QCoreApplication::quit();
            return QStringLiteral("bye");
        }
        return handle(line);
    });
    return QCoreApplication::exec();
}

int runPrinter(const QCommandLineParser &parser)
{
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
    printLine(QStringLiteral("printer %1 at %2").arg(hk::PrinterSimulator::conditionName(sim.condition()), sim.devicePath()));
    return runCommands([&sim](const QString &line) { return sim.command(line); });
}

int runHallbus(const QCommandLineParser &parser)
{
    const QStringList windows = parser.values(QStringLiteral("window"));
    if (windows.isEmpty()) {
        std::fprintf(stderr, "hallkiosk-devsim: hallbus needs at least one --window N=BOARD,CALLER,EVALUATOR\n");
        return kUsageError;
    }
    auto bus = hk::HallbusSimulator::create(parser.value(QStringLiteral("link")));
    if (!bus) {
        std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(bus.error()));
        return 1;
    }
    hk::HallbusSimulator &sim = *bus.value();
    static const QRegularExpression kWindow(QStringLiteral("^(\\d+)=(\\d*),(\\d*),(\\d*)$"));
    QStringList summary;
    for (const QString &w : windows) {
        const auto m = kWindow.match(w);
        if (!m.hasMatch()) {
            std::fprintf(stderr, "hallkiosk-devsim: --window \"%s\": use N=BOARD,CALLER,EVALUATOR (an empty address: none)\n", qPrintable(w));
            return kUsageError;
        }
        const auto add = [&](hk::HallbusSimulator::Kind kind, const QString &address, const char *what) {
            if (address.isEmpty())
                return;
            sim.addDevice(kind, address.toInt());
            summary << QStringLiteral("window %1 %2 %3").arg(m.captured(1), QLatin1String(what), address);
        };
        add(hk::HallbusSimulator::Kind::Board, m.captured(2), "board");
        add(hk::HallbusSimulator::Kind::Caller, m.captured(3), "caller");
        add(hk::HallbusSimulator::Kind::Evaluator, m.captured(4), "evaluator");
    }
    if (parser.isSet(QStringLiteral("loss")))
        sim.command(QStringLiteral("loss ") + parser.value(QStringLiteral("loss")));
    QObject::connect(&sim, &hk::HallbusSimulator::boardChanged, [](int address, int line, const QString &text) {
        printLine(QStringLiteral("board %1 line %2: %3").arg(address).arg(line + 1).arg(text));
    });
    QObject::connect(&sim, &hk::HallbusSimulator::rateRequested, [](int address, const QString &number) {
        printLine(QStringLiteral("evaluator %1 asks to rate %2").arg(address).arg(number));
    });
    printLine(QStringLiteral("hallbus at %1: %2").arg(sim.devicePath(), summary.join(QStringLiteral(", "))));
    return runCommands([&sim](const QString &line) { return sim.command(line); });
}

int runIdCard(const QCommandLineParser &parser)
{
    auto reader = hk::IdCardSimulator::create(parser.value(QStringLiteral("link")));
    if (!reader) {
        std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(reader.error()));
        return 1;
    }
    hk::IdCardSimulator &sim = *reader.value();
    if (auto loaded = sim.loadCards(parser.value(QStringLiteral("cards"))); !loaded) {
        std::fprintf(stderr, "hallkiosk-devsim: --cards %s\n", qPrintable(loaded.error()));
        return kUsageError;
    }
    QObject::connect(&sim, &hk::IdCardSimulator::cardReadOut, [](const QString &name) { printLine(QStringLiteral("card %1 read").arg(name)); });
    printLine(QStringLiteral("idcard reader at %1 (cards: %2)").arg(sim.devicePath(), sim.cardNames().join(QStringLiteral(", "))));
    return runCommands([&sim](const QString &line) { return sim.command(line); });
}

int runScanner(const QCommandLineParser &parser)
{
    const auto suffix = hk::ScannerSimulator::suffixFromString(parser.value(QStringLiteral("suffix")));
    if (!suffix) {
        std::fprintf(stderr, "hallkiosk-devsim: --suffix must be cr, lf or crlf\n");
        return kUsageError;
    }
    auto scanner = hk::ScannerSimulator::create(parser.value(QStringLiteral("link")));
    if (!scanner) {
        std::fprintf(stderr, "hallkiosk-devsim: %s\n", qPrintable(scanner.error()));
        return 1;
    }
    hk::ScannerSimulator &sim = *scanner.value();
    sim.setSuffix(*suffix);
    printLine(QStringLiteral("scanner at %1").arg(sim.devicePath()));
    return runCommands([&sim](const QString &line) { return sim.command(line); });
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
        "  hallkiosk-devsim printer [--link PATH | --tcp PORT | --fifo PATH] [--out DIR] [--status COND]\n"
        "  hallkiosk-devsim hallbus [--link PATH] --window N=BOARD,CALLER,EVALUATOR … [--loss PERCENT]\n"
        "  hallkiosk-devsim idcard  [--link PATH] [--cards FILE]\n"
        "  hallkiosk-devsim scanner [--link PATH] [--suffix cr|lf|crlf]\n\n"
        "printer: an ESC/POS ticket printer. Answers DLE EOT with the condition set (ok, near_end,\n"
        "paper_out, cover_open, cutter_error, silent), records what it receives and writes every\n"
        "ticket it prints to DIR as readable text (GB18030 decoded), raw bytes and a PNG of the paper.\n"
        "On a pseudo-terminal by default: \"printer\": \"serial:PATH\" (or \"usblp:PATH\"); with --tcp\n"
        "on 127.0.0.1:PORT: \"tcp:127.0.0.1:PORT\", or a CUPS queue socket://127.0.0.1:PORT; with --fifo\n"
        "a write-only USB printer: \"usblp:PATH\".\n"
        "Commands on standard input: status [COND] · next_ticket COND · unplug · plug · tickets · last ·\n"
        "help · quit\n\n"
        "hallbus: window boards, callers and evaluators on one RS-485 bus (DESIGN §4), addresses as in\n"
        "the terminal's \"hallbus\": {\"windows\": …}; an empty address leaves that device out. Prints\n"
        "what each board shows. Point the terminal at it with \"hallbus\": \"serial:PATH\".\n"
        "Commands on standard input: press CALLER call_next|recall|pass|finish|pause|resume|booking|normal ·\n"
        "rate EVALUATOR 1-5 · silent ADDRESS on|off · restart ADDRESS · loss PERCENT · boards · help · quit\n\n"
        "idcard: a GA 467 ID-card reader (115200 8N1) with the cards of FILE (default: the built-in\n"
        "resident, J, I and Y cards, a bad check digit, a failing read, a removed card).\n"
        "Point the terminal at it with \"idcard\": \"serial:PATH?baud=115200\".\n"
        "Commands: card NAME · remove · cards · sam ok|self_test_failed|unauthorised|silent · help · quit\n\n"
        "scanner: a line-mode QR scanner sending each scan with the suffix.\n"
        "Point the terminal at it with \"scanner\": \"serial:PATH?suffix=cr\".\n"
        "Commands: send TEXT · gbk TEXT · help · quit"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("device"), QStringLiteral("printer | hallbus | idcard | scanner"));
    parser.addOption({QStringLiteral("link"), QStringLiteral("Make PATH a symlink to the device."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("tcp"), QStringLiteral("printer: listen on 127.0.0.1:PORT instead (0: any free port)."),
                      QStringLiteral("PORT")});
    parser.addOption({QStringLiteral("fifo"), QStringLiteral("printer: read a FIFO at PATH instead (a write-only printer)."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("printer: write printed tickets to DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("status"), QStringLiteral("printer: initial condition."), QStringLiteral("COND"), QStringLiteral("ok")});
    parser.addOption({QStringLiteral("window"), QStringLiteral("hallbus: the devices of window N (repeat per window)."),
                      QStringLiteral("N=BOARD,CALLER,EVALUATOR")});
    parser.addOption({QStringLiteral("loss"), QStringLiteral("hallbus: lose this share of frames."), QStringLiteral("PERCENT")});
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
    if (args.size() == 1 && args.first() == QLatin1String("printer"))
        return runPrinter(parser);
    if (args.size() == 1 && args.first() == QLatin1String("hallbus"))
        return runHallbus(parser);
    if (args.size() == 1 && args.first() == QLatin1String("idcard"))
        return runIdCard(parser);
    if (args.size() == 1 && args.first() == QLatin1String("scanner"))
        return runScanner(parser);
    std::fprintf(stderr, "hallkiosk-devsim: say which device to simulate: printer, hallbus, idcard or scanner (see --help)\n");
    return kUsageError;
}
