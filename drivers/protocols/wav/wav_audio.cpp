#include "drivers/protocols/wav/wav_audio.h"

#include <QtEndian>

#include <cmath>
#include <numbers>

namespace hk {

namespace {

quint32 u32(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint32>(b.constData() + at);
}

quint16 u16(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint16>(b.constData() + at);
}

void put32(QByteArray &b, quint32 v)
{
    char c[4];
    qToLittleEndian(v, c);
    b.append(c, 4);
}

void put16(QByteArray &b, quint16 v)
{
    char c[2];
    qToLittleEndian(v, c);
    b.append(c, 2);
}

} // namespace

Result<WavAudio, QString> WavAudio::parse(const QByteArray &bytes)
{
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return fail(QStringLiteral("not a RIFF/WAVE file"));
    WavAudio audio;
    bool haveFormat = false;
    qsizetype at = 12;
    while (at + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(at, 4);
        qsizetype size = u32(bytes, at + 4);
        const qsizetype body = at + 8;
        // A streamed WAV (espeak-ng --stdout) leaves the sizes at 0x7fffffff: take what is there.
        size = std::min(size, bytes.size() - body);
        if (id == "fmt ") {
            if (size < 16 || u16(bytes, body) != 1)
                return fail(QStringLiteral("not PCM"));
            audio.channels = u16(bytes, body + 2);
            audio.sampleRate = int(u32(bytes, body + 4));
            if (u16(bytes, body + 14) != 16 || audio.channels < 1)
                return fail(QStringLiteral("not 16-bit PCM"));
            haveFormat = true;
        } else if (id == "data") {
            if (!haveFormat)
                return fail(QStringLiteral("data before format"));
            audio.samples.resize(size_t(size / 2));
            for (size_t i = 0; i < audio.samples.size(); ++i)
                audio.samples[i] = qFromLittleEndian<qint16>(bytes.constData() + body + qsizetype(2 * i));
            return audio;
        }
        at = body + size + (size & 1);
    }
    return fail(QStringLiteral("no audio data"));
}

QByteArray WavAudio::encode() const
{
    const quint32 dataBytes = quint32(samples.size() * 2);
    QByteArray b;
    b.reserve(44 + qsizetype(dataBytes));
    b.append("RIFF");
    put32(b, 36 + dataBytes);
    b.append("WAVE");
    b.append("fmt ");
    put32(b, 16);
    put16(b, 1); // PCM
    put16(b, quint16(channels));
    put32(b, quint32(sampleRate));
    put32(b, quint32(sampleRate * channels * 2));
    put16(b, quint16(channels * 2));
    put16(b, 16);
    b.append("data");
    put32(b, dataBytes);
    for (qint16 s : samples)
        put16(b, quint16(s));
    return b;
}

WavAudio WavAudio::chime(int sampleRate, double gain)
{
    // Two struck notes, E6 then C6, each fading out: the usual hall "ding-dong".
    WavAudio out;
    out.sampleRate = sampleRate;
    gain = std::clamp(gain, 0.0, 1.0);
    for (const double frequency : {1318.5, 1046.5}) {
        const int n = sampleRate * 45 / 100;
        for (int i = 0; i < n; ++i) {
            const double t = double(i) / sampleRate;
            const double envelope = std::exp(-5.0 * t) * std::min(1.0, t * 200.0);
            const double v = std::sin(2 * std::numbers::pi * frequency * t) * envelope * gain * 32767.0;
            out.samples.push_back(qint16(std::lround(std::clamp(v, -32767.0, 32767.0))));
        }
    }
    return out;
}

WavAudio WavAudio::followedBy(const WavAudio &other, int gapMs) const
{
    WavAudio out = *this;
    out.samples.insert(out.samples.end(), size_t(qint64(sampleRate) * channels * gapMs / 1000), 0);
    out.samples.insert(out.samples.end(), other.samples.begin(), other.samples.end());
    return out;
}

} // namespace hk
