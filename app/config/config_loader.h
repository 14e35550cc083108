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

    // The site's own settings (DESIGN §15: the `/etc` conffile stays as shipped): `site.json` in the
    // state directory (the folder of `database`), written once by the integrator — the terminal's
    // id and center, the platform, the hall, the HTTP binding, the kiosk's texts. Any key of the
    // config but `database` (which places this very file); laid over the config file's JSON before
    // the technician's local file, and validated with it. Unlike the local file it is configuration:
    // a site file that cannot be read, does not parse or does not validate is an error naming the
    // file and the key, so a terminal never starts under the shipped identity by mistake. No file:
    // `config` as it is.
    static Result<Config, ConfigErrors> withSiteFile(Config config);
    // `site.json` in the folder of `config.database`; empty for an in-memory database.
    static QString sitePathFor(const Config &config);
};

} // namespace hk
