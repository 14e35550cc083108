#include "drivers/devices/espeak_voice.h"

#include "drivers/devices/logging.h"
#include "drivers/protocols/wav/wav_audio.h"

#include <QDir>
#include <QFile>

namespace hk {

EspeakVoice::EspeakVoice(EspeakSettings settings, QObject *parent)
    : VoiceOutput(parent)
    , m_settings(std::move(settings))
{
    if (m_settings.directory.isEmpty())
        m_settings.directory = QDir::temp().filePath(QStringLiteral("hallkiosk-voice"));
    QDir().mkpath(m_settings.directory);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &EspeakVoice::onDeadline);
    connect(&m_process, &QProcess::finished, this, &EspeakVoice::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &EspeakVoice::onError);
}

EspeakVoice::~EspeakVoice()
{
    m_done = nullptr; // nobody is listening any more
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

QString EspeakVoice::voiceFor(const QString &language) const
{
    if (language.isEmpty() || language == QLatin1String("zh") || language == QLatin1String("cmn"))
        return m_settings.voice;
    return m_settings.otherVoices.value(language, language);
}

void EspeakVoice::speak(const Utterance &utterance, SpeakCallback done)
{
    const QString &text = utterance.text;
    if (m_phase != Phase::Idle) {
        QTimer::singleShot(0, this, [done] { done(fail(DeviceError::Busy)); });
        return;
    }
    m_done = std::move(done);
    m_phase = Phase::Synthesising;
    m_chime = utterance.chime;
    m_voiceInUse = voiceFor(utterance.language);
    m_stopped = false;
    m_counter = (m_counter % 9999) + 1;
    m_wav = QDir(m_settings.directory).filePath(QStringLiteral("announcement-%1.wav").arg(m_counter, 4, 10, QLatin1Char('0')));
    qCDebug(lcSpeaker).noquote() << "synthesising" << m_voiceInUse << text;
    m_process.setProgram(m_settings.command);
    m_process.setArguments({QStringLiteral("-v"), m_voiceInUse, QStringLiteral("-a"), QString::number(m_settings.volume),
                            QStringLiteral("-w"), m_wav + QStringLiteral(".speech"), text});
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_deadline.start(m_settings.synthesisTimeoutMs);
    m_process.start();
}

void EspeakVoice::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_phase == Phase::Idle)
        return; // the rest end in finished() or the deadline
    m_deadline.stop();
    const QString program = m_process.program();
    setHealth({DeviceHealth::State::Error, QStringLiteral("cannot run %1 (Debian: apt-get install %2)")
                                               .arg(program, m_phase == Phase::Synthesising ? QStringLiteral("espeak-ng") : QStringLiteral("alsa-utils")),
               DeviceError::Offline});
    finish(fail(DeviceError::Offline));
}

void EspeakVoice::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_phase == Phase::Idle)
        return;
    m_deadline.stop();
    if (std::exchange(m_killed, false)) {
        m_stopped = false;
        finish(fail(DeviceError::Timeout));
        return;
    }
    if (std::exchange(m_stopped, false)) {
        // Cut short on purpose: the device is as well as it was.
        QFile::remove(m_wav + QStringLiteral(".speech"));
        finish(fail(DeviceError::Busy));
        return;
    }
    const bool ok = status == QProcess::NormalExit && exitCode == 0;
    if (m_phase == Phase::Synthesising) {
        if (!ok) {
            setHealth({DeviceHealth::State::Error, QStringLiteral("%1 failed (exit %2)").arg(m_settings.command).arg(exitCode), DeviceError::BadReply});
            finish(fail(DeviceError::BadReply));
            return;
        }
        synthesised();
        return;
    }
    if (!ok) {
        setHealth({DeviceHealth::State::Warning, QStringLiteral("%1 failed (exit %2): no sound device?").arg(m_settings.player).arg(exitCode),
                   DeviceError::WriteFailed});
        finish(fail(DeviceError::WriteFailed));
        return;
    }
    setHealth({DeviceHealth::State::Ok, QStringLiteral("%1 voice, played with %2").arg(m_settings.voice, m_settings.player), std::nullopt});
    finish(m_wav);
}

void EspeakVoice::synthesised()
{
    QFile speechFile(m_wav + QStringLiteral(".speech"));
    const QByteArray speechBytes = speechFile.open(QIODevice::ReadOnly) ? speechFile.readAll() : QByteArray();
    speechFile.close();
    speechFile.remove();
    auto speech = WavAudio::parse(speechBytes);
    if (!speech || speech->channels != 1) {
        setHealth({DeviceHealth::State::Error, QStringLiteral("%1 wrote no usable WAV").arg(m_settings.command), DeviceError::BadReply});
        finish(fail(DeviceError::BadReply));
        return;
    }
    const WavAudio whole = m_chime ? WavAudio::chime(speech->sampleRate, 0.35 * m_settings.volume / 100.0).followedBy(*speech, 250) : *speech;
    QFile out(m_wav);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(whole.encode()) < 0) {
        setHealth({DeviceHealth::State::Error, QStringLiteral("cannot write %1").arg(m_wav), DeviceError::WriteFailed});
        finish(fail(DeviceError::WriteFailed));
        return;
    }
    out.close();
    // Keep the last few for a technician; older ones go.
    const int old = m_counter - m_settings.keep;
    if (old > 0)
        QFile::remove(QDir(m_settings.directory).filePath(QStringLiteral("announcement-%1.wav").arg(old, 4, 10, QLatin1Char('0'))));
    if (m_settings.player.isEmpty()) {
        setHealth({DeviceHealth::State::Ok, QStringLiteral("%1 voice, no player configured (WAVs in %2)").arg(m_settings.voice, m_settings.directory),
                   std::nullopt});
        finish(m_wav);
        return;
    }
    m_phase = Phase::Playing;
    m_process.setProgram(m_settings.player);
    m_process.setArguments(m_settings.playerArguments + QStringList{m_wav});
    m_deadline.start(m_settings.playTimeoutMs + int(whole.seconds() * 1000));
    m_process.start();
}

void EspeakVoice::stop()
{
    if (m_phase == Phase::Idle || m_killed || m_stopped)
        return;
    qCDebug(lcSpeaker) << "cut short";
    m_deadline.stop();
    // As with a hung process, the answer goes out when the process has really gone.
    m_stopped = true;
    m_process.kill();
}

void EspeakVoice::onDeadline()
{
    if (m_phase == Phase::Idle)
        return;
    const QString what = m_phase == Phase::Synthesising ? m_settings.command : m_settings.player;
    qCWarning(lcSpeaker).noquote() << what << "did not finish in time; stopping it";
    setHealth({DeviceHealth::State::Error, QStringLiteral("%1 hung").arg(what), DeviceError::Timeout});
    // The answer goes out when the process has really gone, so the next one never meets it.
    m_killed = true;
    m_process.kill();
}

void EspeakVoice::finish(Result<QString, DeviceError> result)
{
    m_phase = Phase::Idle;
    SpeakCallback done = std::move(m_done);
    m_done = nullptr;
    if (done)
        QTimer::singleShot(0, this, [done, result] { done(result); });
}

void EspeakVoice::setHealth(DeviceHealth health)
{
    if (health == m_health)
        return;
    m_health = health;
    Q_EMIT healthChanged(m_health);
}

} // namespace hk
