#pragma once

#include "app/config/config.h"
#include "app/domain/result.h"
#include "app/root/startup_error.h"

#include <QString>

#include <memory>
#include <vector>

namespace hk {

class ByteTransport;
class CodeScanner;
class CommandChannel;
class ScannerSimulator;

// The code scanners as the config describes them, each a health key of its own: a line scanner
// on a serial port (`devices.scanner`, or the built-in simulator with its control FIFO), a
// keyboard-wedge scanner (`devices.scanner_keyboard`, evdev) and a camera (`devices.camera`: a
// device, or an absolute folder whose pictures stand for its frames).
class ScannerSetup {
public:
    struct Parts {
        std::unique_ptr<ScannerSimulator> simulator; // for a sim: line scanner
        std::unique_ptr<CommandChannel> simulatorControl;
        std::vector<std::unique_ptr<ByteTransport>> transports;
        std::vector<std::unique_ptr<CodeScanner>> scanners; // none when none is configured
    };

    static Result<Parts, StartupError> build(const Config &config, const QString &simulatorFolder);
};

} // namespace hk
