#include "drivers/protocols/sam_idcard/sam_command.h"

#include "drivers/protocols/sam_idcard/sam_frame.h"

namespace hk {

std::vector<std::uint8_t> SamCommand::encode() const
{
    // Built byte by byte: GCC 12 warns (falsely) on inserting after a two-element initializer list.
    std::vector<std::uint8_t> body;
    body.reserve(2 + data.size());
    body.push_back(cmd);
    body.push_back(para);
    for (std::uint8_t b : data)
        body.push_back(b);
    return sam::encodeFrame(body);
}

std::optional<SamCommand> SamCommand::fromBody(const std::vector<std::uint8_t> &body)
{
    if (body.size() < 2)
        return std::nullopt;
    return SamCommand{body[0], body[1], std::vector<std::uint8_t>(body.begin() + 2, body.end())};
}

} // namespace hk
