#pragma once

#include "app/config/config.h"
#include "app/config/config_error.h"
#include "app/domain/result.h"

#include <QByteArray>
#include <QString>

namespace hk {

// Reads and validates the configuration file. Relative paths in it are resolved against the
// file's folder, so a config and its catalog can travel together.
class ConfigLoader {
public:
    enum class LocalOverrides {
        Ignore, // the file alone (tools, tests)
        Apply,  // the terminal: its local override file laid over the file (DESIGN §12)
    };

    static Result<Config, ConfigErrors> loadFile(const QString &path);
    // With Apply, the config as the terminal runs it: withLocalOverrides(loadFile(path)). Errors
    // are the config file's only; a bad local file is a warning in `Config::local`.
    static Result<Config, ConfigErrors> loadFile(const QString &path, LocalOverrides local);
    static Result<Config, ConfigErrors> parse(const QByteArray &json, const QString &baseDir);

    // `config` (as loaded or parsed, without overrides) with the terminal's local override file laid
    // over its JSON before validation: `local.json` in the folder of its `database`, or, when that
    // does not parse, is not an object, sets a key a technician may not change or does not validate
    // laid over the config, its `.bak`; when neither does, none. Each file passed over is a warning
    // in `local.warnings` naming the file and the key: a technician's file never stops the terminal.
    // Objects merge key by key, the local file's value winning (null included: the device absent).
    static Config withLocalOverrides(Config config);
};

} // namespace hk
