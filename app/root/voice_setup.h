#pragma once

#include "app/config/config.h"

#include <QString>

#include <memory>

namespace hk {

class VoiceOutput;

// The voice as the config describes it (`voice`): espeak-ng makes each announcement's WAV in
// `folder` and the configured player plays it. Built even when the voice is switched off: the
// announcer then never asks it to speak.
class VoiceSetup {
public:
    static std::unique_ptr<VoiceOutput> build(const Config &config, const QString &folder);
};

} // namespace hk
