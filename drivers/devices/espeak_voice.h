#pragma once

#include "app/ports/devices/voice_output.h"

#include <QMap>
#include <QProcess>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace hk {

struct EspeakSettings {
    QString command = QStringLiteral("espeak-ng");
    // cmn-latn-pinyin, not cmn: the plain voice reads many characters as English (toolchain notes §6).
    QString voice = QStringLiteral("cmn-latn-pinyin");
    // The voice for each other language an utterance may ask for; a language not listed is given
    // to espeak-ng as the voice's name itself (its voices are named by language: "en", "yue").
    QMap<QString, QString> otherVoices{{QStringLiteral("en"), QStringLiteral("en")}};
    int volume = 100;               // 0–200: espeak-ng's amplitude; the chime follows it
    QString player = QStringLiteral("aplay"); // empty: make the WAV, play nothing (tests, no speaker)
    QStringList playerArguments{QStringLiteral("-q")};
    QString directory;              // where the announcement WAVs go
    int keep = 20;                  // the last announcements kept there, for a technician
    int synthesisTimeoutMs = 10000;
    int playTimeoutMs = 30000;
};

// Mandarin announcements, offline: espeak-ng writes the speech to a WAV, a chime goes in front of
// it (when the utterance asks for one), the player plays the whole file. One at a time, each step
// with its deadline (a hung process is killed); the caller queues. stop() kills the step under way.
class EspeakVoice final : public VoiceOutput {
    Q_OBJECT
public:
    explicit EspeakVoice(EspeakSettings settings, QObject *parent = nullptr);
    ~EspeakVoice() override;

    using VoiceOutput::speak;
    void speak(const Utterance &utterance, SpeakCallback done) override;
    void stop() override;
    // The espeak-ng voice an utterance in `language` is said with.
    QString voiceFor(const QString &language) const;
    DeviceHealth health() const override { return m_health; }

private:
    enum class Phase { Idle, Synthesising, Playing };
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void onDeadline();
    void synthesised();
    void finish(Result<QString, DeviceError> result);
    void setHealth(DeviceHealth health);

    EspeakSettings m_settings;
    QProcess m_process;
    QTimer m_deadline;
    Phase m_phase = Phase::Idle;
    SpeakCallback m_done;
    QString m_wav;
    int m_counter = 0;
    bool m_killed = false;  // by the deadline
    bool m_stopped = false; // by stop()
    bool m_chime = true;
    QString m_voiceInUse;
    DeviceHealth m_health{DeviceHealth::State::Ok, QStringLiteral("idle"), std::nullopt};
};

} // namespace hk
