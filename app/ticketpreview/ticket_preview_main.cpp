// hallkiosk-ticket-preview: a ticket as the printer would print it, as a PNG — for checking a
// ticket template or a printer profile before it goes to a hall, and for the docs. It composes a
// sample ticket with the same code the terminal uses, encodes it for the profile, and draws the
// paper from those bytes; it says how many bytes the ticket puts on the wire.

#include "app/root/printer_setup.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // no window: only the font is needed
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hallkiosk-ticket-preview"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draws a sample ticket as the printer would print it."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("template"), QStringLiteral("Ticket template (default: the standard one)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("profile"), QStringLiteral("Printer profile name or file (default: escpos-80mm)."), QStringLiteral("PROFILE"),
                      QStringLiteral("escpos-80mm")});
    parser.addOption({QStringLiteral("center"), QStringLiteral("The center's name."), QStringLiteral("NAME"), QStringLiteral("青山县政务服务中心")});
    parser.addOption({QStringLiteral("booked"), QStringLiteral("A booked ticket (预约优先) instead of a walk-in one.")});
    parser.addOption({QStringLiteral("reprint"), QStringLiteral("Marked as a reprint (补打).")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Where to write the PNG."), QStringLiteral("FILE.png")});
    parser.process(app);
    if (!parser.isSet(QStringLiteral("out"))) {
        std::fprintf(stderr, "hallkiosk-ticket-preview: say where the picture goes: --out FILE.png\n");
        return 2;
    }

    hk::Config config;
    config.terminal.center = QStringLiteral("SQ-001");
    config.devices.printerProfile = parser.value(QStringLiteral("profile"));
    if (parser.isSet(QStringLiteral("template")))
        config.ticketTemplate = parser.value(QStringLiteral("template"));

    hk::TicketSlip slip;
    slip.ticketId = QStringLiteral("5b0c2f4e-8a7d-4f7e-9d55-2c1f0e6b9a10");
    const bool booked = parser.isSet(QStringLiteral("booked"));
    slip.kind = booked ? hk::TicketKind::Booked : hk::TicketKind::WalkIn;
    slip.number = booked ? QStringLiteral("Y003") : QStringLiteral("A012");
    slip.groupName = QStringLiteral("社保医保");
    slip.matterName = booked ? QStringLiteral("城乡居民养老保险参保登记") : QString();
    slip.slotText = booked ? QStringLiteral("09:00–10:00") : QString();
    slip.peopleAhead = booked ? 0 : 5;
    slip.issuedAtText = QStringLiteral("2026-11-24 09:05");
    slip.qrPayload = QStringLiteral("HK1:SQ-001:%1").arg(slip.ticketId);
    slip.reprint = parser.isSet(QStringLiteral("reprint"));

    auto preview = hk::PrinterSetup::preview(config, parser.value(QStringLiteral("center")), slip);
    if (!preview) {
        std::fprintf(stderr, "hallkiosk-ticket-preview: %s\n", qPrintable(preview.error().message));
        return preview.error().exitCode;
    }
    const QString out = parser.value(QStringLiteral("out"));
    if (!preview->paper.save(out)) {
        std::fprintf(stderr, "hallkiosk-ticket-preview: cannot write %s\n", qPrintable(out));
        return 1;
    }
    QTextStream(stdout) << out << ": " << preview->bytes.size() << " bytes on the wire for " << preview->profile.name << " ("
                        << preview->paper.width() << " × " << preview->paper.height() << " dots)" << Qt::endl;
    return 0;
}
