#include "drivers/protocols/hallbus/hallbus_stream_decoder.h"

namespace hk {

namespace {

// A whole frame with a good CRC at `pos`: its length, else 0.
qsizetype validFrameAt(const QByteArray &buffer, qsizetype pos)
{
    if (buffer.size() - pos < hallbus::kOverhead || static_cast<std::uint8_t>(buffer.at(pos)) != hallbus::kStart)
        return 0;
    const int length = static_cast<std::uint8_t>(buffer.at(pos + 3));
    const qsizetype total = length + hallbus::kOverhead;
    if (length > hallbus::kMaxData || buffer.size() - pos < total)
        return 0;
    const std::uint16_t expected = hallbusCrc(buffer.constData() + pos + 1, total - 3);
    const std::uint16_t actual = static_cast<std::uint16_t>(static_cast<std::uint8_t>(buffer.at(pos + total - 2)) |
                                                            (static_cast<std::uint8_t>(buffer.at(pos + total - 1)) << 8));
    return expected == actual ? total : 0;
}

} // namespace

QList<HallbusDecoded> HallbusStreamDecoder::feed(const QByteArray &chunk)
{
    m_buffer.append(chunk);
    QList<HallbusDecoded> out;
    qsizetype pos = 0;
    while (pos < m_buffer.size()) {
        if (static_cast<std::uint8_t>(m_buffer.at(pos)) != hallbus::kStart) {
            ++pos;
            ++m_skipped;
            continue;
        }
        if (m_buffer.size() - pos < 4)
            break; // the header is not complete yet
        const int length = static_cast<std::uint8_t>(m_buffer.at(pos + 3));
        const auto address = static_cast<std::uint8_t>(m_buffer.at(pos + 1));
        if (length > hallbus::kMaxData) {
            out.append({std::nullopt, HallbusDecodeError::BadLength, address});
            ++pos;
            continue;
        }
        const qsizetype total = length + hallbus::kOverhead;
        if (m_buffer.size() - pos < total) {
            // Wait for the rest — unless a whole, valid frame already starts inside what would be
            // this one: then this start byte was noise (a stray A5, a frame cut short), and
            // waiting would hold the real frame back until enough junk arrived.
            qsizetype later = pos + 1;
            while (later < m_buffer.size() && !validFrameAt(m_buffer, later))
                ++later;
            if (later >= m_buffer.size())
                break;
            out.append({std::nullopt, HallbusDecodeError::Truncated, address});
            m_skipped += later - pos;
            pos = later;
            continue;
        }
        const std::uint16_t expected = hallbusCrc(m_buffer.constData() + pos + 1, total - 3);
        const std::uint16_t actual = static_cast<std::uint16_t>(static_cast<std::uint8_t>(m_buffer.at(pos + total - 2)) |
                                                                (static_cast<std::uint8_t>(m_buffer.at(pos + total - 1)) << 8));
        if (expected != actual) {
            out.append({std::nullopt, HallbusDecodeError::BadCrc, address});
            ++pos;
            continue;
        }
        HallbusFrame frame;
        frame.address = address;
        frame.command = static_cast<std::uint8_t>(m_buffer.at(pos + 2));
        frame.data = m_buffer.mid(pos + 4, length);
        out.append({std::move(frame), std::nullopt, address});
        pos += total;
    }
    m_buffer.remove(0, pos);
    return out;
}

} // namespace hk
