#pragma once

#include "app/domain/result.h"
#include "app/ports/devices/window_bus.h"
#include "drivers/protocols/hallbus/hallbus_frame.h"

#include <QString>

#include <vector>

namespace hk {

struct HallbusEvent {
    enum class Type : std::uint8_t { Key = 1, Rating = 2 };
    std::uint8_t seq = 0;
    Type type = Type::Key;
    std::uint8_t value = 0; // a CallerKey (its codes are hallbus's), or a rating level 1–5
    friend bool operator==(const HallbusEvent &, const HallbusEvent &) = default;
};

struct HallbusPollReply {
    hallbus::Status status = hallbus::Status::Ok;
    std::vector<HallbusEvent> events;
};

struct HallbusReply {
    hallbus::Status status = hallbus::Status::Ok;
    QByteArray rest; // DATA after the status byte
};

enum class HallbusReplyError {
    NotAReply,      // a request, or a reply to another command
    WrongAddress,
    Empty,          // no status byte
    BadEventList,   // the count does not match the bytes, an unknown type, a zero sequence number
};

// Builds the master's requests and the devices' replies, and reads both (DESIGN §4 table). Pure:
// no I/O, no clock.
class HallbusMessages {
public:
    // SHOW: the text is encoded as GBK and cut, on a character boundary, to fit LEN 240.
    static HallbusFrame show(std::uint8_t address, std::uint8_t line, hallbus::Effect effect, const QString &text);
    static HallbusFrame clear(std::uint8_t address);
    static HallbusFrame brightness(std::uint8_t address, std::uint8_t level);
    static HallbusFrame poll(std::uint8_t address, std::uint8_t ack);
    static HallbusFrame rate(std::uint8_t address, const QString &ticketNumber);

    static HallbusFrame reply(std::uint8_t address, hallbus::Command command, hallbus::Status status);
    static HallbusFrame pollReply(std::uint8_t address, hallbus::Status status, const std::vector<HallbusEvent> &events);

    static Result<HallbusReply, HallbusReplyError> readReply(const HallbusFrame &frame, std::uint8_t address,
                                                             hallbus::Command command);
    static Result<HallbusPollReply, HallbusReplyError> readPollReply(const HallbusReply &reply);

    // The device side: what a SHOW or RATE asked for.
    struct ShowRequest {
        std::uint8_t line = 0;
        hallbus::Effect effect = hallbus::Effect::Static;
        QString text;
    };
    static std::optional<ShowRequest> readShow(const QByteArray &data);
    static QString readRate(const QByteArray &data);

    static QByteArray encodeGbk(const QString &text, int maxBytes);
    static QString decodeGbk(const QByteArray &bytes);
};

} // namespace hk
