#include "app/root/voice_setup.h"

#include "drivers/devices/espeak_voice.h"

namespace hk {

std::unique_ptr<VoiceOutput> VoiceSetup::build(const Config &config, const QString &folder)
{
    EspeakSettings voice;
    voice.command = config.voice.command;
    voice.voice = config.voice.voice;
    voice.volume = config.voice.volume;
    voice.player = config.voice.player;
    voice.directory = folder;
    return std::make_unique<EspeakVoice>(voice);
}

} // namespace hk
