#pragma once

#include "app/domain/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace hk {

// The terminal's local override file (DESIGN §12: `local.json` in its state directory, laid over the
// config at start-up). Every write is atomic (temp file, fsync, rename, the previous file kept as
// `.bak`), so a power cut leaves the old file or the new one, never half of either.
class LocalSettings {
public:
    virtual ~LocalSettings() = default;
    // Sets one key of the config, by its path ("devices.printer", "devices.printer_profile").
    virtual Result<void, QString> set(const QString &keyPath, const QJsonValue &value) = 0;
    virtual QJsonObject current() const = 0;
    virtual QString path() const = 0;
};

} // namespace hk
