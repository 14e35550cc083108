#include "drivers/protocols/hallbus/hallbus_messages.h"

#include <QStringDecoder>
#include <QStringEncoder>

namespace hk {

using namespace hallbus;

namespace {

HallbusFrame frame(std::uint8_t address, Command command, QByteArray data = {})
{
    return {address, static_cast<std::uint8_t>(command), std::move(data)};
}

} // namespace

QByteArray HallbusMessages::encodeGbk(const QString &text, int maxBytes)
{
    // GB18030 is a superset of GBK with identical bytes for every GBK character; Qt knows it by
    // this name (toolchain notes). A character beyond GBK would take four bytes a board cannot
    // show, so it becomes "?".
    QStringEncoder encoder("GB18030");
    QByteArray out;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype width = (text.at(i).isHighSurrogate() && i + 1 < text.size()) ? 2 : 1;
        QByteArray bytes = encoder.encode(text.mid(i, width));
        if (bytes.size() > 2)
            bytes = QByteArrayLiteral("?");
        if (out.size() + bytes.size() > maxBytes)
            break; // never half a character
        out.append(bytes);
        i += width;
    }
    return out;
}

QString HallbusMessages::decodeGbk(const QByteArray &bytes)
{
    QStringDecoder decoder("GB18030");
    return decoder.decode(bytes);
}

HallbusFrame HallbusMessages::show(std::uint8_t address, std::uint8_t line, Effect effect, const QString &text)
{
    QByteArray data;
    data.append(char(line));
    data.append(char(effect));
    data.append(encodeGbk(text, kMaxData - 2));
    return frame(address, Command::Show, data);
}

HallbusFrame HallbusMessages::clear(std::uint8_t address)
{
    return frame(address, Command::Clear);
}

HallbusFrame HallbusMessages::brightness(std::uint8_t address, std::uint8_t level)
{
    return frame(address, Command::Brightness, QByteArray(1, char(std::min<std::uint8_t>(level, 15))));
}

HallbusFrame HallbusMessages::poll(std::uint8_t address, std::uint8_t ack)
{
    return frame(address, Command::Poll, QByteArray(1, char(ack)));
}

HallbusFrame HallbusMessages::rate(std::uint8_t address, const QString &ticketNumber)
{
    return frame(address, Command::Rate, ticketNumber.toLatin1().left(kMaxData));
}

HallbusFrame HallbusMessages::reply(std::uint8_t address, Command command, Status status)
{
    return {address, static_cast<std::uint8_t>(std::uint8_t(command) | kReplyBit), QByteArray(1, char(status))};
}

HallbusFrame HallbusMessages::pollReply(std::uint8_t address, Status status, const std::vector<HallbusEvent> &events)
{
    QByteArray data;
    data.append(char(status));
    // 240 bytes hold the status, the count and 79 events; a device never keeps more than that.
    const std::size_t count = std::min<std::size_t>(events.size(), (kMaxData - 2) / 3);
    data.append(char(count));
    for (std::size_t i = 0; i < count; ++i) {
        data.append(char(events[i].seq));
        data.append(char(events[i].type));
        data.append(char(events[i].value));
    }
    return {address, static_cast<std::uint8_t>(std::uint8_t(Command::Poll) | kReplyBit), data};
}

Result<HallbusReply, HallbusReplyError> HallbusMessages::readReply(const HallbusFrame &f, std::uint8_t address, Command command)
{
    if (f.command != (std::uint8_t(command) | kReplyBit))
        return fail(HallbusReplyError::NotAReply);
    if (f.address != address)
        return fail(HallbusReplyError::WrongAddress);
    if (f.data.isEmpty())
        return fail(HallbusReplyError::Empty);
    return HallbusReply{static_cast<Status>(static_cast<std::uint8_t>(f.data.at(0))), f.data.mid(1)};
}

Result<HallbusPollReply, HallbusReplyError> HallbusMessages::readPollReply(const HallbusReply &reply)
{
    HallbusPollReply out;
    out.status = reply.status;
    if (reply.status != Status::Ok && reply.status != Status::FreshStart)
        return out; // an error status carries no events
    if (reply.rest.isEmpty())
        return fail(HallbusReplyError::BadEventList);
    const int count = static_cast<std::uint8_t>(reply.rest.at(0));
    if (reply.rest.size() != 1 + 3 * count)
        return fail(HallbusReplyError::BadEventList);
    for (int i = 0; i < count; ++i) {
        HallbusEvent e;
        e.seq = static_cast<std::uint8_t>(reply.rest.at(1 + 3 * i));
        const auto type = static_cast<std::uint8_t>(reply.rest.at(2 + 3 * i));
        e.value = static_cast<std::uint8_t>(reply.rest.at(3 + 3 * i));
        if (e.seq == 0)
            return fail(HallbusReplyError::BadEventList);
        if (type == std::uint8_t(HallbusEvent::Type::Key) && e.value >= 1 && e.value <= 8)
            e.type = HallbusEvent::Type::Key;
        else if (type == std::uint8_t(HallbusEvent::Type::Rating) && e.value >= 1 && e.value <= 5)
            e.type = HallbusEvent::Type::Rating;
        else
            return fail(HallbusReplyError::BadEventList);
        out.events.push_back(e);
    }
    return out;
}

std::optional<HallbusMessages::ShowRequest> HallbusMessages::readShow(const QByteArray &data)
{
    if (data.size() < 2 || static_cast<std::uint8_t>(data.at(1)) > 2)
        return std::nullopt;
    return ShowRequest{static_cast<std::uint8_t>(data.at(0)), static_cast<Effect>(data.at(1)), decodeGbk(data.mid(2))};
}

QString HallbusMessages::readRate(const QByteArray &data)
{
    return QString::fromLatin1(data);
}

} // namespace hk
