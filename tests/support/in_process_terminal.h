#pragma once

// The terminal in the test's own process: built from a config by its composition root exactly as
// main() builds it, on the test's clock, and started — screens, HTTP, devices and all. The test
// then presses its UI, asks its HTTP interface and reads its database. Header-only; users link
// hallkiosk::root.

#include "app/config/config_loader.h"
#include "app/root/startup_files.h"
#include "app/root/terminal.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace hk::test {

// `dir` resolves the config's relative paths, as the folder of a config file does. Why the terminal
// did not start, otherwise.
inline Result<std::unique_ptr<Terminal>, QString> startTerminal(const QJsonObject &json, const QString &dir, const Clock &clock)
{
    auto config = ConfigLoader::parse(QJsonDocument(json).toJson(), dir);
    if (!config)
        return fail(config.error().first().toString());
    auto catalog = StartupFiles::catalog(config.value());
    if (!catalog)
        return fail(catalog.error().message);
    TerminalOptions options;
    options.clock = &clock;
    auto terminal = std::make_unique<Terminal>(config.value(), catalog.value(), options);
    if (auto started = terminal->start(); !started)
        return fail(started.error().message);
    return terminal;
}

} // namespace hk::test
