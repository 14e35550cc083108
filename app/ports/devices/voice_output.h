#pragma once

#include "app/domain/result.h"
#include "app/ports/devices/device_error.h"
#include "app/ports/devices/device_health.h"

#include <QObject>
#include <QString>

#include <functional>

namespace hk {

// The hall's loudspeaker: says one text at a time, chime first. `done` gets the WAV file that was
// played, and always runs later, never inside speak().
class VoiceOutput : public QObject {
    Q_OBJECT
public:
    using SpeakCallback = std::function<void(const Result<QString, DeviceError> &wavPath)>;
    using QObject::QObject;

    virtual void speak(const QString &text, SpeakCallback done) = 0;
    virtual DeviceHealth health() const = 0;

Q_SIGNALS:
    void healthChanged(const hk::DeviceHealth &health);
};

} // namespace hk
