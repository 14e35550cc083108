#pragma once

#include "app/domain/result.h"
#include "app/ports/devices/device_error.h"
#include "app/ports/devices/device_health.h"

#include <QObject>
#include <QString>

#include <functional>

namespace hk {

// One thing to say. `language` picks the voice: "zh" (or "cmn", or empty) is the terminal's
// Mandarin voice; any other code ("en") is that language's voice, so an English screen is never
// read with Mandarin rules.
struct Utterance {
    QString text;
    QString language = QStringLiteral("zh");
    bool chime = true; // a call catches the hall's ear first; a screen's instruction has no chime
};

// The hall's loudspeaker: says one text at a time. `done` gets the WAV file that was played, and
// always runs later, never inside speak(); while one is said, another speak() fails with Busy.
class VoiceOutput : public QObject {
    Q_OBJECT
public:
    using SpeakCallback = std::function<void(const Result<QString, DeviceError> &wavPath)>;
    using QObject::QObject;

    virtual void speak(const Utterance &utterance, SpeakCallback done) = 0;
    void speak(const QString &text, SpeakCallback done) { speak(Utterance{text}, std::move(done)); }
    // Cuts short what is being said: its `done` gets Busy (the voice is wanted for something else)
    // once the voice is free again, and health does not change. Nothing being said: nothing happens.
    virtual void stop() = 0;
    virtual DeviceHealth health() const = 0;

Q_SIGNALS:
    void healthChanged(const hk::DeviceHealth &health);
};

} // namespace hk
