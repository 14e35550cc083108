#pragma once

#include "drivers/protocols/hallbus/hallbus_frame.h"

#include <QList>

#include <optional>

namespace hk {

enum class HallbusDecodeError {
    BadCrc,    // a whole frame arrived but its CRC does not match
    BadLength, // LEN over 240: not a frame start
    Truncated, // a frame start whose frame never completed before a valid frame began
};

// What the decoder found in the stream: a frame, or a bad frame (with the address byte it had, for
// a device that answers status 01).
struct HallbusDecoded {
    std::optional<HallbusFrame> frame;
    std::optional<HallbusDecodeError> error;
    std::uint8_t address = 0;
};

// Splits a byte stream into hallbus frames. Accepts chunks split at any byte; bytes before a start
// byte are skipped, and after a bad frame it resynchronises on the next A5 (DESIGN §4) — one byte
// past the bad start, so a stray A5 in front of a real frame costs nothing but itself. A start
// whose frame cannot complete before a valid frame begins is given up at once.
class HallbusStreamDecoder {
public:
    QList<HallbusDecoded> feed(const QByteArray &chunk);
    void reset() { m_buffer.clear(); }
    qsizetype pendingBytes() const { return m_buffer.size(); }
    // Bytes skipped while looking for a start byte, since construction.
    qint64 skippedBytes() const { return m_skipped; }

private:
    QByteArray m_buffer;
    qint64 m_skipped = 0;
};

} // namespace hk
