#pragma once

#include "app/domain/result.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace hk {

// 16-bit PCM in a RIFF/WAVE file: what espeak-ng writes and what the hall's player plays. Pure:
// bytes in, samples out, and back.
struct WavAudio {
    int sampleRate = 22050;
    int channels = 1;
    std::vector<qint16> samples; // interleaved when channels > 1

    static Result<WavAudio, QString> parse(const QByteArray &bytes);
    QByteArray encode() const;
    double seconds() const { return channels > 0 && sampleRate > 0 ? double(samples.size()) / (channels * sampleRate) : 0; }

    // A two-note "ding-dong" before each announcement, mono; `gain` 0–1 of full scale.
    static WavAudio chime(int sampleRate, double gain);
    // This, then `other` (same rate and channels) after `gapMs` of silence.
    WavAudio followedBy(const WavAudio &other, int gapMs) const;
};

} // namespace hk
