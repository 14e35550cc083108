#include "app/root/hallbus_setup.h"

#include "app/root/logging.h"
#include "app/root/simulator_control.h"
#include "drivers/devices/hallbus_master.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/transports/relinkable_transport.h"
#include "drivers/transports/serial_transport.h"

#include <map>

namespace hk {

Result<HallbusSetup::Parts, StartupError> HallbusSetup::build(const Config &config, const Catalog &catalog, WindowBusStateStore &store,
                                                              const Clock &clock, const QString &simulatorFolder)
{
    Parts parts;
    if (!config.devices.hallbus)
        return parts;
    const DeviceUri &uri = *config.devices.hallbus;
    std::map<int, HallbusAddresses> windows;
    for (const auto &[number, w] : config.hallbus.windows) {
        if (!catalog.findWindow(number))
            return fail(StartupError{2, QStringLiteral("hallbus.windows.%1: the catalog has no window %1").arg(number)});
        windows[number] = HallbusAddresses{w.board, w.caller, w.evaluator};
    }
    SerialSettings serial;
    serial.baud = uri.baud ? uri.baud : 9600; // DESIGN §4: 9600 8N1 unless the URI says otherwise
    if (uri.scheme == DeviceUri::Scheme::Sim) {
        auto sim = HallbusSimulator::create();
        if (!sim)
            return fail(StartupError{1, QStringLiteral("hallbus simulator: %1").arg(sim.error())});
        parts.simulator = std::move(sim).value();
        for (const auto &[number, w] : windows) {
            if (w.board)
                parts.simulator->addDevice(HallbusSimulator::Kind::Board, w.board);
            if (w.caller)
                parts.simulator->addDevice(HallbusSimulator::Kind::Caller, w.caller);
            if (w.evaluator)
                parts.simulator->addDevice(HallbusSimulator::Kind::Evaluator, w.evaluator);
        }
        auto control = SimulatorControl::open(*parts.simulator, simulatorFolder, QStringLiteral("hallbus"));
        parts.simulatorControl = std::move(control.channel);
        qCInfo(lcRoot).noquote() << "simulated window bus on" << parts.simulator->devicePath()
                                 << "— press a caller key with: echo 'press 103 call_next' >" << control.path;
        serial.path = parts.simulator->devicePath();
    } else {
        serial.path = uri.path;
    }
    // The technician's 端口 page may move it to another port while it runs (DESIGN §12).
    parts.transport = std::make_unique<RelinkableTransport>(std::make_unique<SerialTransport>(serial));
    HallbusTiming timing;
    timing.pollIntervalMs = config.hallbus.pollIntervalMs;
    timing.baud = serial.baud;
    parts.bus = std::make_unique<HallbusMaster>(*parts.transport, store, clock, windows, timing);
    return parts;
}

} // namespace hk
