#include "drivers/protocols/sam_idcard/sam_frame.h"

namespace hk::sam {

std::uint8_t checksum(const std::uint8_t *fromLength, std::size_t count)
{
    std::uint8_t x = 0;
    for (std::size_t i = 0; i < count; ++i)
        x ^= fromLength[i];
    return x;
}

std::vector<std::uint8_t> encodeFrame(const std::vector<std::uint8_t> &body)
{
    const std::size_t length = body.size() + 1; // + CHK
    std::vector<std::uint8_t> frame(kPreamble.begin(), kPreamble.end());
    frame.reserve(kHeaderSize + length);
    frame.push_back(static_cast<std::uint8_t>((length >> 8) & 0xFF));
    frame.push_back(static_cast<std::uint8_t>(length & 0xFF));
    frame.insert(frame.end(), body.begin(), body.end());
    frame.push_back(checksum(frame.data() + kPreamble.size(), frame.size() - kPreamble.size()));
    return frame;
}

} // namespace hk::sam
