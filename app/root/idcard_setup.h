#pragma once

#include "app/config/config.h"
#include "app/domain/result.h"
#include "app/root/startup_error.h"

#include <QString>

#include <memory>

namespace hk {

class ByteTransport;
class CommandChannel;
class IdCardSimulator;
class IdentityReader;

// The ID-card reader as the config describes it (`devices.idcard`): a SAM reader on a serial line,
// or the built-in simulator (`sim:`, its cards from `?cards=`) with its control FIFO.
class IdCardSetup {
public:
    struct Parts {
        std::unique_ptr<IdCardSimulator> simulator; // for sim:
        std::unique_ptr<CommandChannel> simulatorControl;
        std::unique_ptr<ByteTransport> transport;
        std::unique_ptr<IdentityReader> reader; // null when none is configured
    };

    static Result<Parts, StartupError> build(const Config &config, const QString &simulatorFolder);
};

} // namespace hk
