#include "app/root/idcard_setup.h"

#include "app/root/logging.h"
#include "app/root/simulator_control.h"
#include "drivers/devices/sam_idcard_reader.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/transports/relinkable_transport.h"
#include "drivers/transports/serial_transport.h"

namespace hk {

Result<IdCardSetup::Parts, StartupError> IdCardSetup::build(const Config &config, const QString &simulatorFolder)
{
    Parts parts;
    if (!config.devices.idcard)
        return parts;
    const DeviceUri &uri = *config.devices.idcard;
    SerialSettings serial;
    serial.baud = uri.baud ? uri.baud : 115200; // GA 467 readers: 115200 8N1 (reference §1.2)
    serial.logReceivedBytes = false;            // a card's text is personal data
    SamIdCardReader::Timing timing;
    if (uri.scheme == DeviceUri::Scheme::Sim) {
        auto sim = IdCardSimulator::create();
        if (!sim)
            return fail(StartupError{1, QStringLiteral("ID-card reader simulator: %1").arg(sim.error())});
        parts.simulator = std::move(sim).value();
        const QString cards = uri.param(QStringLiteral("cards"), QStringLiteral(":/hallkiosk/sim/idcards.json"));
        if (auto loaded = parts.simulator->loadCards(cards); !loaded)
            return fail(StartupError{2, QStringLiteral("devices.idcard: cards: %1").arg(loaded.error())});
        auto control = SimulatorControl::open(*parts.simulator, simulatorFolder, QStringLiteral("idcard"));
        parts.simulatorControl = std::move(control.channel);
        qCInfo(lcRoot).noquote() << "simulated ID-card reader: present a card with: echo 'card resident' >" << control.path
                                 << "(cards:" << parts.simulator->cardNames().join(QStringLiteral(", ")) << ")";
        serial.path = parts.simulator->devicePath();
        serial.baud = 115200;
        timing.replyTimeoutMs = 2000; // the simulator shares this event loop (see the printer's)
    } else {
        serial.path = uri.path;
    }
    // The technician's 端口 page may move it to another port while it runs (DESIGN §12).
    parts.transport = std::make_unique<RelinkableTransport>(std::make_unique<SerialTransport>(serial));
    parts.reader = std::make_unique<SamIdCardReader>(*parts.transport, timing);
    return parts;
}

} // namespace hk
