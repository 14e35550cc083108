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

// A terminal of its own for an end-to-end test: SQLite at `database`, the simulated printer, no
// voice player, the demo catalog, HTTP on an ephemeral loopback port, a window (not full screen).
// A test adds what it needs besides (a platform, a window bus).
inline QJsonObject simTerminalConfig(const QString &database, const QString &staffFile)
{
    return {
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), database},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")}}},
        {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), QString()}}},
        {QStringLiteral("staff_file"), staffFile},
        {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 3600}}},
    };
}

// `dir` resolves the config's relative paths, as the folder of a config file does; `options` what
// main() would set besides (its clock is `clock`). Why the terminal did not start, otherwise.
inline Result<std::unique_ptr<Terminal>, QString> startTerminal(const QJsonObject &json, const QString &dir, const Clock &clock,
                                                                TerminalOptions options = {})
{
    auto config = ConfigLoader::parse(QJsonDocument(json).toJson(), dir);
    if (!config)
        return fail(config.error().first().toString());
    auto catalog = StartupFiles::catalog(config.value());
    if (!catalog)
        return fail(catalog.error().message);
    options.clock = &clock;
    auto terminal = std::make_unique<Terminal>(config.value(), catalog.value(), options);
    if (auto started = terminal->start(); !started)
        return fail(started.error().message);
    return terminal;
}

} // namespace hk::test
