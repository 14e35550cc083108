#pragma once

#include "drivers/sim/command_channel.h"

#include <QDir>
#include <QString>

#include <memory>

namespace hk {

// A built-in simulator's control FIFO, `NAME.ctl` in the simulator folder: a technician (or a
// test) drives the simulated device with `echo 'COMMAND' > sim/NAME.ctl`, each line going to the
// simulator's command(). The printer, the ID-card reader, the scanner and the window bus share it.
struct SimulatorControl {
    std::unique_ptr<CommandChannel> channel;
    QString path; // for the log line that says how to use it

    template <typename Simulator>
    static SimulatorControl open(Simulator &simulator, const QString &folder, const QString &name)
    {
        QDir().mkpath(folder);
        const QString path = QDir(folder).filePath(name + QStringLiteral(".ctl"));
        return {CommandChannel::openFifo(path, [&simulator](const QString &line) { return simulator.command(line); }), path};
    }
};

} // namespace hk
