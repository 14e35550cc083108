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
    static Result<Config, ConfigErrors> loadFile(const QString &path);
    static Result<Config, ConfigErrors> parse(const QByteArray &json, const QString &baseDir);
};

} // namespace hk
