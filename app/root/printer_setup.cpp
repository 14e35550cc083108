#include "app/root/printer_setup.h"

#include "app/root/absent_printer.h"
#include "app/root/logging.h"
#include "app/root/simulator_control.h"
#include "app/services/ticket/ticket_composer.h"
#include "drivers/devices/cups_printer.h"
#include "drivers/devices/escpos_printer.h"
#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/ticket_image_renderer.h"
#include "drivers/transports/cups_transport.h"
#include "drivers/transports/relinkable_transport.h"
#include "drivers/transports/serial_transport.h"
#include "drivers/transports/tcp_transport.h"
#include "drivers/transports/usblp_transport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace hk {

Result<EscPosProfile, StartupError> PrinterSetup::profile(const Config &config)
{
    auto profile = EscPosProfile::load(config.devices.printerProfile, kProfileDir);
    if (!profile)
        return fail(StartupError{2, QStringLiteral("devices.printer_profile: %1").arg(profile.error())});
    return profile.value();
}

Result<PrinterSetup::Layout, StartupError> PrinterSetup::layout(const Config &config)
{
    const QString path = config.ticketTemplate.value_or(kStandardTemplate);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(StartupError{2, QStringLiteral("ticket_template: cannot read %1: %2").arg(path, file.errorString())});
    auto ticket = TicketTemplate::fromJson(file.readAll());
    if (!ticket)
        return fail(StartupError{2, QStringLiteral("ticket_template: %1: %2").arg(path, ticket.error())});
    Layout layout{ticket.value(), {}};
    if (!layout.ticket.logoFile.isEmpty()) {
        const QString logoPath = QFileInfo(path).dir().filePath(layout.ticket.logoFile);
        const QImage picture(logoPath);
        if (picture.isNull())
            return fail(StartupError{2, QStringLiteral("ticket_template: %1: the logo %2 is not a picture that can be read").arg(path, logoPath)});
        layout.logo = toMono(picture);
    }
    return layout;
}

MonoImage PrinterSetup::toMono(const QImage &image)
{
    const QImage rgba = image.convertToFormat(QImage::Format_ARGB32);
    MonoImage mono;
    mono.width = rgba.width();
    mono.height = rgba.height();
    mono.dots = QByteArray(qsizetype(mono.bytesPerRow()) * mono.height, '\0');
    for (int y = 0; y < mono.height; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgba.constScanLine(y));
        for (int x = 0; x < mono.width; ++x) {
            if (qAlpha(line[x]) >= 128 && qGray(line[x]) < 128) {
                char &byte = mono.dots[qsizetype(y) * mono.bytesPerRow() + x / 8];
                byte = char(byte | (0x80 >> (x % 8)));
            }
        }
    }
    return mono;
}

Result<PrinterSetup::Preview, StartupError> PrinterSetup::preview(const Config &config, const QString &centerName,
                                                                 const TicketSlip &slip)
{
    auto loaded = profile(config);
    if (!loaded)
        return fail(loaded.error());
    auto ticket = layout(config);
    if (!ticket)
        return fail(ticket.error());
    const TicketComposer composer(config.terminal.center, centerName, config.platform.ticketUrl.value_or(QString()),
                                  ticket.value().ticket, ticket.value().logo);
    Preview preview{loaded.value(), EscPosDocumentEncoder::encode(composer.compose(slip), loaded.value()), {}};
    preview.paper = TicketImageRenderer::render(preview.bytes, preview.profile.dotsPerLine);
    return preview;
}

Result<PrinterSetup::Parts, StartupError> PrinterSetup::build(const Config &config, const QString &simulatorFolder)
{
    Parts parts;
    if (!config.devices.printer) {
        parts.printer = std::make_unique<AbsentPrinter>();
        parts.start = [] {};
        return parts;
    }
    auto loaded = profile(config);
    if (!loaded)
        return fail(loaded.error());
    const EscPosProfile &escpos = loaded.value();
    const DeviceUri &uri = *config.devices.printer;
    const int pollMs = config.kiosk.printerPollS * 1000;

    if (uri.scheme == DeviceUri::Scheme::Cups) {
        auto cups = std::make_unique<CupsTransport>(CupsSettings{uri.path, {}, 1000});
        CupsPrinter::Timing timing;
        timing.idlePollMs = pollMs;
        auto printer = std::make_unique<CupsPrinter>(*cups, escpos, timing);
        CupsTransport *transport = cups.get();
        CupsPrinter *device = printer.get();
        parts.start = [transport, device] {
            transport->open();
            device->start();
        };
        parts.transport = std::move(cups);
        parts.printer = std::move(printer);
        return parts;
    }

    switch (uri.scheme) {
    case DeviceUri::Scheme::Sim: {
        // At a fixed link in its folder, so that `unplug` and `plug` on its control FIFO give the
        // terminal the same path back, as a replugged USB adapter would.
        QDir().mkpath(simulatorFolder);
        auto sim = PrinterSimulator::create(QDir(simulatorFolder).filePath(QStringLiteral("printer.tty")));
        if (!sim)
            return fail(StartupError{1, QStringLiteral("printer simulator: %1").arg(sim.error())});
        parts.simulator = std::move(sim).value();
        if (auto condition = PrinterSimulator::conditionFromString(uri.param(QStringLiteral("status"), QStringLiteral("ok"))))
            parts.simulator->setCondition(*condition);
        else
            return fail(StartupError{2, QStringLiteral("devices.printer: sim: status must be ok, near_end, paper_out, cover_open, cutter_error or silent")});
        parts.simulator->setOutputDirectory(QDir(simulatorFolder).filePath(QStringLiteral("tickets")));
        auto control = SimulatorControl::open(*parts.simulator, simulatorFolder, QStringLiteral("printer"));
        parts.simulatorControl = std::move(control.channel);
        qCInfo(lcRoot).noquote() << "simulated printer: tickets in" << parts.simulator->outputDirectory()
                                 << "— control with: echo 'status paper_out' >" << control.path;
        parts.transport = std::make_unique<SerialTransport>(SerialSettings{parts.simulator->devicePath(), 115200});
        break;
    }
    case DeviceUri::Scheme::Serial: {
        SerialSettings serial;
        serial.path = uri.path;
        // Many ESC/POS serial printers leave the factory at 9600 baud; the URI says otherwise.
        serial.baud = uri.baud ? uri.baud : 9600;
        const QString parity = uri.param(QStringLiteral("parity"), QStringLiteral("none"));
        serial.parity = parity == QLatin1String("even") ? QSerialPort::EvenParity
                        : parity == QLatin1String("odd") ? QSerialPort::OddParity
                                                         : QSerialPort::NoParity;
        parts.transport = std::make_unique<SerialTransport>(serial);
        break;
    }
    case DeviceUri::Scheme::UsbLp:
        parts.transport = std::make_unique<UsbLpTransport>(UsbLpSettings{uri.path});
        break;
    case DeviceUri::Scheme::Tcp:
        parts.transport = std::make_unique<TcpTransport>(TcpSettings{uri.host, uri.port});
        break;
    case DeviceUri::Scheme::Cups:
    case DeviceUri::Scheme::Evdev:
        return fail(StartupError{2, QStringLiteral("devices.printer: %1: is not a printer transport").arg(schemeName(uri.scheme))});
    }
    // The technician's 端口 page may move it to another port while it runs (DESIGN §12).
    parts.transport = std::make_unique<RelinkableTransport>(std::move(parts.transport));
    EscPosPrinter::Timing timing;
    timing.idlePollMs = pollMs;
    // A built-in simulator answers on this very event loop: while the first screen is painted
    // (fonts load) it cannot answer, which must not look like a dead printer.
    if (uri.scheme == DeviceUri::Scheme::Sim)
        timing.replyTimeoutMs = 2000;
    auto printer = std::make_unique<EscPosPrinter>(*parts.transport, escpos, timing);
    EscPosPrinter *device = printer.get();
    parts.start = [device] { device->start(); };
    parts.printer = std::move(printer);
    return parts;
}

} // namespace hk
