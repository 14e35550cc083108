#pragma once

#include "app/ports/devices/voice_output.h"

#include <QObject>
#include <QQueue>

#include <optional>

namespace hk {

// The terminal's one voice, shared by the hall's calls and the screens' spoken instructions
// (长辈版, DESIGN §14). It is itself a VoiceOutput: whatever comes through speak() — a number call,
// a technician's voice test — is a *call*: queued in order, said whole, never dropped or cut for an
// instruction. An instruction (instruct()) is the screen's: it is said when no call waits, a newer
// one replaces it (the one being said is cut short first), and a call cuts it — the call is said
// at once, then the instruction of the screen still on show is said again from its start (half an
// instruction tells an old citizen nothing). stop() and stopInstruction() end instructions only.
class SharedVoice final : public VoiceOutput {
    Q_OBJECT
public:
    explicit SharedVoice(VoiceOutput &voice, QObject *parent = nullptr);

    using VoiceOutput::speak;
    void speak(const Utterance &call, SpeakCallback done) override;
    void stop() override { stopInstruction(); }
    DeviceHealth health() const override { return m_voice.health(); }

    // The screen's instruction: said after any call, in place of any instruction not yet said.
    void instruct(const Utterance &instruction);
    // The screen has no instruction any more (the citizen left): cut and forget it.
    void stopInstruction();

    int callsWaiting() const { return int(m_calls.size()); }

Q_SIGNALS:
    void instructionStarted(const QString &text);
    void instructionSpoken(const QString &text, const QString &wavPath); // said whole
    void instructionCut(const QString &text);
    void instructionFailed(const QString &text, hk::DeviceError error);

private:
    struct Call {
        Utterance utterance;
        SpeakCallback done;
    };
    enum class Saying { Nothing, Call, Instruction };
    void next();
    void onInstructionDone(const Result<QString, DeviceError> &result);

    VoiceOutput &m_voice;
    QQueue<Call> m_calls;
    std::optional<Utterance> m_instruction; // the one waiting to be said
    Saying m_saying = Saying::Nothing;
    Utterance m_current;        // what is being said
    bool m_cutAsked = false;    // the instruction being said was stopped on purpose
    bool m_sayAgain = false;    // …by a call: say it again afterwards unless a newer one came
};

} // namespace hk
