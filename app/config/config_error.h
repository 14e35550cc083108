#pragma once

#include <QList>
#include <QString>

namespace hk {

// One problem in a configuration or catalog file: the key's path ("devices.printer",
// "groups[2].prefix") and what is wrong with it, in words a technician can act on.
struct ConfigError {
    QString key;
    QString problem;

    QString toString() const { return key.isEmpty() ? problem : key + QStringLiteral(": ") + problem; }
};

using ConfigErrors = QList<ConfigError>;

} // namespace hk
