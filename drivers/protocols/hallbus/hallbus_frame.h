#pragma once

#include <QByteArray>

#include <cstdint>

namespace hk {

// hallbus, the reference RS-485 protocol of DESIGN §4: `A5 ADDR CMD LEN DATA[LEN] CRC_LO CRC_HI`.
namespace hallbus {
constexpr std::uint8_t kStart = 0xA5;
constexpr int kMaxData = 240;          // LEN 0–240
constexpr int kOverhead = 6;           // start, address, command, length, two CRC bytes
constexpr std::uint8_t kBroadcast = 0; // no device answers
constexpr std::uint8_t kMaxAddress = 247;
constexpr std::uint8_t kReplyBit = 0x80; // a reply echoes the command with this bit set

enum class Command : std::uint8_t {
    Show = 0x10,       // line, effect, GBK text
    Clear = 0x11,
    Brightness = 0x12, // level 0–15
    Poll = 0x20,       // ack
    Rate = 0x30,       // ticket number, ASCII
};

// The first DATA byte of every reply.
enum class Status : std::uint8_t {
    Ok = 0x00,
    BadCrc = 0x01,
    UnknownCommand = 0x02,
    BadData = 0x03,
    FreshStart = 0x10, // a POLL reply from a device that has restarted
};

enum class Effect : std::uint8_t { Static = 0, Scroll = 1, Blink = 2 };
} // namespace hallbus

struct HallbusFrame {
    std::uint8_t address = 0;
    std::uint8_t command = 0;
    QByteArray data;

    bool isReply() const { return (command & hallbus::kReplyBit) != 0; }
    friend bool operator==(const HallbusFrame &, const HallbusFrame &) = default;
};

// CRC-16/MODBUS: init FFFF, polynomial A001 (0x8005 reflected), no final XOR.
std::uint16_t hallbusCrc(const char *bytes, qsizetype size);
inline std::uint16_t hallbusCrc(const QByteArray &bytes) { return hallbusCrc(bytes.constData(), bytes.size()); }

// The frame's bytes on the wire, CRC low byte first. DATA longer than 240 bytes is cut to 240:
// callers build DATA with the helpers of hallbus_messages.h, which never exceed it.
QByteArray encodeHallbusFrame(const HallbusFrame &frame);

} // namespace hk
