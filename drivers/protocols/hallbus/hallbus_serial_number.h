#pragma once

#include <cstdint>

namespace hk {

// Event sequence numbers on hallbus (DESIGN §4): 1–255, wrapping past 255 to 1, never 0; compared in
// RFC 1982 serial-number arithmetic with SERIAL_BITS = 8, so a number is newer than another when
// it is 1–127 steps ahead of it. 0 means "none yet" and everything is newer than it.
namespace hallbus {

constexpr int kSerialWindow = 127;

constexpr std::uint8_t nextSequence(std::uint8_t seq)
{
    return seq >= 255 ? std::uint8_t(1) : std::uint8_t(seq + 1);
}

constexpr bool isNewer(std::uint8_t candidate, std::uint8_t last)
{
    if (candidate == 0)
        return false;
    if (last == 0)
        return true;
    const int distance = (int(candidate) - int(last) + 256) % 256;
    return distance >= 1 && distance <= kSerialWindow;
}

} // namespace hallbus
} // namespace hk
