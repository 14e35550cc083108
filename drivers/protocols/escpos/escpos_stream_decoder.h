#pragma once

#include <QByteArray>
#include <QList>

namespace hk {

// One command or run of text in an ESC/POS byte stream, as the printer would see it.
struct EscPosEvent {
    enum class Kind {
        Text,          // data: raw bytes (GB18030 in Chinese mode)
        Newline,       // LF
        StatusRequest, // DLE EOT n: value = n
        Initialize,    // ESC @
        ChineseMode,   // FS & / FS .: value = 1 / 0
        Size,          // GS ! n: value = n
        Align,         // ESC a n: value = 0/1/2
        Bold,          // ESC E n: value = n & 1
        Feed,          // ESC d n: value = n
        QrStore,       // GS ( k … 1 P 0: data = the code's content
        QrPrint,       // GS ( k … 1 Q 0
        QrSetting,     // the other GS ( k functions (model, size, error correction)
        Raster,        // GS v 0: value = width in bytes, height = rows, data = dots
        Cut,           // GS V …
        Other,         // a command this decoder knows the length of but does not interpret
    };
    Kind kind = Kind::Other;
    int value = 0;
    int height = 0;
    QByteArray data;
    QByteArray raw; // the bytes this event came from, as received
};

// Splits a byte stream into EscPosEvents. Accepts chunks split at any byte: an incomplete command
// waits in the buffer for the rest.
class EscPosStreamDecoder {
public:
    QList<EscPosEvent> feed(const QByteArray &chunk);
    qsizetype pendingBytes() const { return m_buffer.size(); }

private:
    // Length of the complete command at m_buffer[pos], 0 if more bytes are needed.
    qsizetype commandLength(qsizetype pos) const;
    EscPosEvent decodeCommand(const QByteArray &command) const;

    QByteArray m_buffer;
};

} // namespace hk
