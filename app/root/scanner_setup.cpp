#include "app/root/scanner_setup.h"

#include "app/root/logging.h"
#include "app/root/simulator_control.h"
#include "drivers/devices/camera_scanner.h"
#include "drivers/devices/image_folder_scanner.h"
#include "drivers/devices/keyboard_wedge_scanner.h"
#include "drivers/devices/serial_line_scanner.h"
#include "drivers/sim/scanner_simulator.h"
#include "drivers/transports/evdev_transport.h"
#include "drivers/transports/relinkable_transport.h"
#include "drivers/transports/serial_transport.h"

#include <QFileInfo>

namespace hk {

Result<ScannerSetup::Parts, StartupError> ScannerSetup::build(const Config &config, const QString &simulatorFolder)
{
    Parts parts;
    if (const auto &uri = config.devices.scanner) {
        SerialLineScanner::Settings settings;
        settings.suffix = *ScannerSimulator::suffixFromString(uri->param(QStringLiteral("suffix"), QStringLiteral("cr")));
        settings.interByteTimeoutMs = uri->param(QStringLiteral("interbyte_ms"), QStringLiteral("100")).toInt();
        SerialSettings serial;
        serial.baud = uri->baud ? uri->baud : 9600; // reference §4: 9600 8N1 for most modules
        if (uri->scheme == DeviceUri::Scheme::Sim) {
            auto sim = ScannerSimulator::create();
            if (!sim)
                return fail(StartupError{1, QStringLiteral("scanner simulator: %1").arg(sim.error())});
            parts.simulator = std::move(sim).value();
            parts.simulator->setSuffix(settings.suffix);
            auto control = SimulatorControl::open(*parts.simulator, simulatorFolder, QStringLiteral("scanner"));
            parts.simulatorControl = std::move(control.channel);
            qCInfo(lcRoot).noquote() << "simulated scanner: scan with: echo 'send TEXT' >" << control.path;
            serial.path = parts.simulator->devicePath();
        } else {
            serial.path = uri->path;
        }
        // The technician's 端口 page may move it to another port while it runs (DESIGN §12).
        parts.transports.push_back(std::make_unique<RelinkableTransport>(std::make_unique<SerialTransport>(serial)));
        parts.scanners.push_back(std::make_unique<SerialLineScanner>(*parts.transports.back(), settings));
    }
    if (const auto &uri = config.devices.scannerKeyboard) {
        const QString grab = uri->param(QStringLiteral("grab"), QStringLiteral("yes"));
        if (grab != QLatin1String("yes") && grab != QLatin1String("no"))
            return fail(StartupError{2, QStringLiteral("devices.scanner_keyboard: grab must be yes or no, not \"%1\"").arg(grab)});
        parts.transports.push_back(std::make_unique<EvdevTransport>(EvdevSettings{uri->path, grab == QLatin1String("yes"), 1000}));
        parts.scanners.push_back(std::make_unique<KeyboardWedgeScanner>(*parts.transports.back()));
    }
    if (const auto &camera = config.devices.camera) {
        // A folder stands for a camera: its pictures are the frames (for rigs and replay).
        if (QFileInfo(*camera).isAbsolute())
            parts.scanners.push_back(std::make_unique<ImageFolderScanner>(*camera));
        else
            parts.scanners.push_back(std::make_unique<CameraScanner>(*camera));
    }
    return parts;
}

} // namespace hk
