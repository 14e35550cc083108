#pragma once

#include "app/ports/devices/voice_output.h"

#include <QProcess>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace hk {

struct EspeakSettings {
    QString command = QStringLiteral("espeak-ng");
    // cmn-latn-pinyin, not cmn: the plain voice reads many characters as English (toolchain notes §6).
    QString voice = QStringLiteral("cmn-latn-pinyin");
    int volume = 100;               // 0–200: espeak-ng's amplitude; the chime follows it
    QString player = QStringLiteral("aplay"); // empty: make the WAV, play nothing (tests, no speaker)
    QStringList playerArguments{QStringLiteral("-q")};
    QString directory;              // where the announcement WAVs go
    int keep = 20;                  // the last announcements kept there, for a technician
    int synthesisTimeoutMs = 10000;
    int playTimeoutMs = 30000;
};

// Mandarin announcements, offline: espeak-ng writes the speech to a WAV, a chime goes in front of
// it, the player plays the whole file. One at a time, each step with its deadline (a hung process
// is killed); the caller queues.
class EspeakVoice final : public VoiceOutput {
    Q_OBJECT
public:
    explicit EspeakVoice(EspeakSettings settings, QObject *parent = nullptr);
    ~EspeakVoice() override;

    void speak(const QString &text, SpeakCallback done) override;
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
    bool m_killed = false;
    DeviceHealth m_health{DeviceHealth::State::Ok, QStringLiteral("idle"), std::nullopt};
};

} // namespace hk
