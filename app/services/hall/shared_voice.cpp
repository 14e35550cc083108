#include "app/services/hall/shared_voice.h"

#include "app/services/logging.h"

namespace hk {

SharedVoice::SharedVoice(VoiceOutput &voice, QObject *parent)
    : VoiceOutput(parent)
    , m_voice(voice)
{
    connect(&m_voice, &VoiceOutput::healthChanged, this, &VoiceOutput::healthChanged);
}

void SharedVoice::speak(const Utterance &call, SpeakCallback done)
{
    m_calls.enqueue({call, std::move(done)});
    if (m_saying == Saying::Instruction && !m_cutAsked) {
        // The call goes first; the screen's instruction follows it again.
        m_cutAsked = true;
        m_sayAgain = true;
        m_voice.stop();
        return;
    }
    next();
}

void SharedVoice::instruct(const Utterance &instruction)
{
    m_instruction = instruction;
    if (m_saying == Saying::Instruction) {
        m_sayAgain = false; // a newer instruction replaces the one being said
        if (!m_cutAsked) {
            m_cutAsked = true;
            m_voice.stop();
        }
        return;
    }
    next();
}

void SharedVoice::stopInstruction()
{
    m_instruction.reset();
    if (m_saying != Saying::Instruction)
        return;
    m_sayAgain = false;
    if (!m_cutAsked) {
        m_cutAsked = true;
        m_voice.stop();
    }
}

void SharedVoice::next()
{
    if (m_saying != Saying::Nothing)
        return;
    if (!m_calls.isEmpty()) {
        Call call = m_calls.dequeue();
        m_saying = Saying::Call;
        m_current = call.utterance;
        m_voice.speak(call.utterance, [this, done = std::move(call.done)](const Result<QString, DeviceError> &result) {
            m_saying = Saying::Nothing;
            if (done)
                done(result);
            next();
        });
        return;
    }
    if (!m_instruction)
        return;
    m_current = *std::exchange(m_instruction, std::nullopt);
    m_saying = Saying::Instruction;
    m_cutAsked = false;
    m_sayAgain = false;
    qCDebug(lcVoice).noquote() << "instruction:" << m_current.text;
    Q_EMIT instructionStarted(m_current.text);
    m_voice.speak(m_current, [this](const Result<QString, DeviceError> &result) { onInstructionDone(result); });
}

void SharedVoice::onInstructionDone(const Result<QString, DeviceError> &result)
{
    const Utterance said = m_current;
    m_saying = Saying::Nothing;
    if (result) {
        Q_EMIT instructionSpoken(said.text, result.value());
    } else if (std::exchange(m_cutAsked, false)) {
        Q_EMIT instructionCut(said.text);
        if (std::exchange(m_sayAgain, false) && !m_instruction)
            m_instruction = said;
    } else {
        qCWarning(lcVoice).noquote() << "could not say the screen's instruction:" << nameOf(result.error());
        Q_EMIT instructionFailed(said.text, result.error());
    }
    m_cutAsked = false;
    m_sayAgain = false;
    next();
}

} // namespace hk
