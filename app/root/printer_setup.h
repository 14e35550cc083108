#pragma once

#include "app/config/config.h"
#include "app/domain/result.h"
#include "app/ports/devices/print_document.h"
#include "app/root/startup_error.h"
#include "app/services/ticket/ticket_slip.h"
#include "app/services/ticket/ticket_template.h"
#include "drivers/protocols/escpos/escpos_profile.h"

#include <QImage>

#include <functional>
#include <memory>

namespace hk {

class ByteTransport;
class CommandChannel;
class PrinterSimulator;
class TicketPrinter;

// The ticket printer as the config describes it: the profile (resources/printers or a file), the
// ticket template (resources/tickets or a file) with its logo, and the transport chosen by the
// device URI — serial:, usblp:, tcp:, cups: or sim: (the built-in simulator) — with the device
// that drives it. Part of the composition root: the one place that knows every printer adapter.
class PrinterSetup {
public:
    static inline const QString kProfileDir = QStringLiteral(":/hallkiosk/printers");
    static inline const QString kStandardTemplate = QStringLiteral(":/hallkiosk/tickets/ticket.json");

    struct Layout {
        TicketTemplate ticket;
        MonoImage logo;
    };
    struct Parts {
        std::unique_ptr<PrinterSimulator> simulator; // for sim:
        std::unique_ptr<CommandChannel> simulatorControl;
        std::unique_ptr<ByteTransport> transport;
        std::unique_ptr<TicketPrinter> printer;
        std::function<void()> start; // opens the transport and starts status polling
    };

    // Both are checked before start-up needs a display; a mistake exits with status 2.
    static Result<EscPosProfile, StartupError> profile(const Config &config);
    static Result<Layout, StartupError> layout(const Config &config);
    // Black where the picture is dark and opaque: a logo for a thermal head.
    static MonoImage toMono(const QImage &image);

    static Result<Parts, StartupError> build(const Config &config, const QString &simulatorFolder);

    // A ticket as the configured printer would print it: its bytes and a picture of the paper
    // drawn from them (for the maintenance menu and the docs). Needs a QGuiApplication.
    struct Preview {
        EscPosProfile profile;
        QByteArray bytes;
        QImage paper;
    };
    static Result<Preview, StartupError> preview(const Config &config, const QString &centerName, const TicketSlip &slip);
};

} // namespace hk
