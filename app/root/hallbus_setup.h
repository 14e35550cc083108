#pragma once

#include "app/config/config.h"
#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/root/startup_error.h"

#include <QString>

#include <memory>

namespace hk {

class ByteTransport;
class Clock;
class CommandChannel;
class HallbusSimulator;
class WindowBus;
class WindowBusStateStore;

// The window bus as the config describes it (`devices.hallbus`): the hallbus master on a serial
// line, or on the built-in simulator (`sim:`) with a board, caller and evaluator at each address
// `hallbus.windows` names. Every window named there must be one of the catalog's.
class HallbusSetup {
public:
    struct Parts {
        std::unique_ptr<HallbusSimulator> simulator; // for sim:
        std::unique_ptr<CommandChannel> simulatorControl;
        std::unique_ptr<ByteTransport> transport;
        std::unique_ptr<WindowBus> bus; // null when none is configured
    };

    static Result<Parts, StartupError> build(const Config &config, const Catalog &catalog, WindowBusStateStore &store,
                                             const Clock &clock, const QString &simulatorFolder);
};

} // namespace hk
