#pragma once

#include "app/ports/devices/print_document.h"

#include <QByteArray>
#include <QString>

namespace hk {

namespace escpos {
// The control bytes that begin a command, for the encoder and the stream decoder alike.
enum Control : char { kEot = 0x04, kLf = 0x0A, kCr = 0x0D, kDle = 0x10, kEsc = 0x1B, kFs = 0x1C, kGs = 0x1D };
} // namespace escpos

// ESC/POS command bytes, built up one call at a time (after python-escpos). Pure: no I/O.
// Byte values: shared/reference/device-protocols.md §3.
class EscPosEncoder {
public:
    enum class Align { Left = 0, Center = 1, Right = 2 };
    enum class QrErrorCorrection { L = 0x30, M = 0x31, Q = 0x32, H = 0x33 };
    enum class Cut { Full, Partial };

    EscPosEncoder &initialize();              // ESC @
    EscPosEncoder &chineseMode(bool on);      // FS & / FS .
    EscPosEncoder &text(const QString &text); // GB18030 bytes, no line end
    EscPosEncoder &line(const QString &text); // text + LF
    EscPosEncoder &newline();                 // LF
    EscPosEncoder &size(int width, int height); // GS ! n, each 1..8
    EscPosEncoder &align(Align align);        // ESC a n
    EscPosEncoder &bold(bool on);             // ESC E n
    EscPosEncoder &feed(int lines);           // ESC d n
    EscPosEncoder &feedDots(int dots);        // ESC J n
    // GS ( k: model 2, module size (1..16 dots), error correction, store, print.
    EscPosEncoder &qr(const QByteArray &data, int moduleSize = 6,
                      QrErrorCorrection ec = QrErrorCorrection::M);
    // GS v 0: a 1-bit raster, MSB = leftmost dot, 1 = black; `widthBytes` bytes per row.
    EscPosEncoder &raster(int widthBytes, int height, const QByteArray &dots);
    // A MonoImage as GS v 0 bands of at most kMaxBandRows rows (older firmwares limit one command).
    EscPosEncoder &image(const MonoImage &image);
    EscPosEncoder &cut(Cut cut = Cut::Partial, int feedDots = 0); // GS V 66 n / GS V 65 n
    EscPosEncoder &raw(const QByteArray &bytes);

    const QByteArray &bytes() const { return m_bytes; }

    static constexpr int kMaxBandRows = 255;

    static QByteArray gb18030(const QString &text);
    static QByteArray statusRequest(int n); // DLE EOT n

private:
    QByteArray m_bytes;
};

} // namespace hk
