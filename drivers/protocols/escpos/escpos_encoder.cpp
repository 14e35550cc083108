#include "drivers/protocols/escpos/escpos_encoder.h"

#include <QStringEncoder>

#include <algorithm>
#include <initializer_list>

namespace hk {

using namespace escpos;

namespace {

char byte(int value)
{
    return static_cast<char>(value & 0xFF);
}

QByteArray sequence(std::initializer_list<char> list)
{
    return QByteArray(list.begin(), qsizetype(list.size()));
}

} // namespace

QByteArray EscPosEncoder::gb18030(const QString &text)
{
    // Constructed by name: Debian's Qt has ICU, and encodingForName() does not know GB18030
    // (toolchain notes §2.4). GB18030 covers all of Unicode, so nothing is lost here; a glyph the
    // printer's font lacks is the printer profile's concern.
    QStringEncoder encoder("GB18030");
    return encoder.encode(text);
}

QByteArray EscPosEncoder::statusRequest(int n)
{
    return sequence({kDle, kEot, byte(n)});
}

EscPosEncoder &EscPosEncoder::initialize()
{
    m_bytes.append(kEsc).append('@');
    return *this;
}

EscPosEncoder &EscPosEncoder::chineseMode(bool on)
{
    m_bytes.append(kFs).append(on ? '&' : '.');
    return *this;
}

EscPosEncoder &EscPosEncoder::text(const QString &text)
{
    m_bytes.append(gb18030(text));
    return *this;
}

EscPosEncoder &EscPosEncoder::line(const QString &text)
{
    return this->text(text).newline();
}

EscPosEncoder &EscPosEncoder::newline()
{
    m_bytes.append(kLf);
    return *this;
}

EscPosEncoder &EscPosEncoder::size(int width, int height)
{
    width = std::clamp(width, 1, 8);
    height = std::clamp(height, 1, 8);
    m_bytes.append(kGs).append('!').append(byte(((width - 1) << 4) | (height - 1)));
    return *this;
}

EscPosEncoder &EscPosEncoder::align(Align align)
{
    m_bytes.append(kEsc).append('a').append(byte(static_cast<int>(align)));
    return *this;
}

EscPosEncoder &EscPosEncoder::bold(bool on)
{
    m_bytes.append(kEsc).append('E').append(byte(on ? 1 : 0));
    return *this;
}

EscPosEncoder &EscPosEncoder::feed(int lines)
{
    m_bytes.append(kEsc).append('d').append(byte(std::clamp(lines, 0, 255)));
    return *this;
}

EscPosEncoder &EscPosEncoder::feedDots(int dots)
{
    m_bytes.append(kEsc).append('J').append(byte(std::clamp(dots, 0, 255)));
    return *this;
}

EscPosEncoder &EscPosEncoder::qr(const QByteArray &data, int moduleSize, QrErrorCorrection ec)
{
    // GS ( k pL pH cn fn …, cn = '1' (QR), reference §3.2.
    auto function = [this](const QByteArray &payload) {
        const int len = int(payload.size());
        m_bytes.append(kGs).append('(').append('k').append(byte(len)).append(byte(len >> 8)).append(payload);
    };
    function(sequence({'1', 'A', '2', '\0'}));                      // 165: model 2
    function(sequence({'1', 'C', byte(std::clamp(moduleSize, 1, 16))})); // 167: module size
    function(sequence({'1', 'E', byte(static_cast<int>(ec))}));     // 169: error correction
    function(sequence({'1', 'P', '0'}) + data);                     // 180: store
    function(sequence({'1', 'Q', '0'}));                            // 181: print
    return *this;
}

EscPosEncoder &EscPosEncoder::raster(int widthBytes, int height, const QByteArray &dots)
{
    m_bytes.append(kGs).append('v').append('0').append('\0');
    m_bytes.append(byte(widthBytes)).append(byte(widthBytes >> 8));
    m_bytes.append(byte(height)).append(byte(height >> 8));
    m_bytes.append(dots);
    return *this;
}

EscPosEncoder &EscPosEncoder::image(const MonoImage &image)
{
    if (image.isNull())
        return *this;
    const int rowBytes = image.bytesPerRow();
    for (int top = 0; top < image.height; top += kMaxBandRows) {
        const int rows = std::min(kMaxBandRows, image.height - top);
        raster(rowBytes, rows, image.dots.mid(qsizetype(top) * rowBytes, qsizetype(rows) * rowBytes));
    }
    return *this;
}

EscPosEncoder &EscPosEncoder::cut(Cut cut, int feedDots)
{
    // Function B (65/66): feed n dots, then cut — the cut lands below the last printed line.
    m_bytes.append(kGs).append('V').append(cut == Cut::Full ? 'A' : 'B').append(byte(std::clamp(feedDots, 0, 255)));
    return *this;
}

EscPosEncoder &EscPosEncoder::raw(const QByteArray &bytes)
{
    m_bytes.append(bytes);
    return *this;
}

} // namespace hk
