#pragma once

// A loudspeaker for machines without a sound card (CI): the voice's player is this small script,
// which keeps a copy of every WAV it is given, notes "start NAME" in played.log, takes as long as
// the sound lasts (22050 Hz mono 16-bit, as espeak-ng writes it), then notes "end NAME". A WAV cut
// short by the voice (its player killed) has a start and no end. The speech itself is real
// espeak-ng; `reference` synthesises a text the same way for the test to compare samples with.
// Header-only; links hallkiosk::drivers (the WAV codec).

#include "drivers/protocols/wav/wav_audio.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace hk::test {

class SpeakerSink {
public:
    explicit SpeakerSink(const QString &folder)
        : m_dir(folder)
    {
        QDir().mkpath(folder);
        m_player = QDir(folder).filePath(QStringLiteral("speaker.sh"));
        QFile script(m_player);
        if (script.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            script.write(QStringLiteral("#!/bin/sh\n"
                                        "for wav; do :; done\n" // the last argument is the WAV
                                        "name=$(basename \"$wav\")\n"
                                        "cp \"$wav\" \"%1/played-$name\"\n"
                                        "echo \"start $name\" >> \"%1/played.log\"\n"
                                        "bytes=$(stat -c %s \"$wav\")\n"
                                        "sleep $(awk -v b=\"$bytes\" 'BEGIN { printf \"%.2f\", (b - 44) / 44100 }')\n"
                                        "echo \"end $name\" >> \"%1/played.log\"\n")
                             .arg(folder)
                             .toUtf8());
            script.close();
            script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
    }

    QString player() const { return m_player; }

    // The log's lines in order: "start announcement-0001.wav", "end announcement-0001.wav", …
    QStringList log() const
    {
        QFile f(QDir(m_dir).filePath(QStringLiteral("played.log")));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    // The WAVs the player was given, in the order it was given them.
    QStringList started() const { return named(QStringLiteral("start ")); }
    QStringList ended() const { return named(QStringLiteral("end ")); }

    // The samples of a WAV the player was given.
    WavAudio played(const QString &name) const
    {
        QFile f(QDir(m_dir).filePath(QStringLiteral("played-") + name));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        auto wav = WavAudio::parse(f.readAll());
        return wav ? wav.value() : WavAudio{};
    }

    // `text` said by espeak-ng with `voice` at the volume the terminal uses (100): what the
    // terminal's WAV must hold after its chime, if it has one.
    static WavAudio reference(const QString &text, const QString &voice = QStringLiteral("cmn-latn-pinyin"))
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ref.wav"));
        QProcess espeak;
        espeak.start(QStringLiteral("espeak-ng"), {QStringLiteral("-v"), voice, QStringLiteral("-a"), QStringLiteral("100"),
                                                   QStringLiteral("-w"), path, text});
        if (!espeak.waitForFinished(20000) || espeak.exitCode() != 0)
            return {};
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        auto wav = WavAudio::parse(f.readAll());
        return wav ? wav.value() : WavAudio{};
    }

    // Whether `wav` is `speech` alone (an instruction) or ends with it (a call, after its chime).
    static bool says(const WavAudio &wav, const WavAudio &speech, bool chime)
    {
        if (speech.samples.empty() || wav.samples.size() < speech.samples.size())
            return false;
        if (!chime && wav.samples.size() != speech.samples.size())
            return false;
        return std::equal(speech.samples.begin(), speech.samples.end(), wav.samples.end() - qsizetype(speech.samples.size()));
    }

private:
    QStringList named(const QString &prefix) const
    {
        QStringList names;
        for (const QString &line : log()) {
            if (line.startsWith(prefix))
                names << line.mid(prefix.size());
        }
        return names;
    }

    QString m_dir;
    QString m_player;
};

} // namespace hk::test
