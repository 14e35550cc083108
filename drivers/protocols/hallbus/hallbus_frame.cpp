#include "drivers/protocols/hallbus/hallbus_frame.h"

namespace hk {

std::uint16_t hallbusCrc(const char *bytes, qsizetype size)
{
    std::uint16_t crc = 0xFFFF;
    for (qsizetype i = 0; i < size; ++i) {
        crc ^= static_cast<std::uint8_t>(bytes[i]);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1) ? static_cast<std::uint16_t>((crc >> 1) ^ 0xA001) : static_cast<std::uint16_t>(crc >> 1);
    }
    return crc;
}

QByteArray encodeHallbusFrame(const HallbusFrame &frame)
{
    const QByteArray data = frame.data.left(hallbus::kMaxData);
    QByteArray out;
    out.reserve(data.size() + hallbus::kOverhead);
    out.append(char(hallbus::kStart));
    out.append(char(frame.address));
    out.append(char(frame.command));
    out.append(char(data.size()));
    out.append(data);
    // The CRC covers ADDR..DATA, not the start byte (DESIGN §4).
    const std::uint16_t crc = hallbusCrc(out.constData() + 1, out.size() - 1);
    out.append(char(crc & 0xFF));
    out.append(char(crc >> 8));
    return out;
}

} // namespace hk
