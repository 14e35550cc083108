#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace hk::sam {

// GA 467 business-terminal frames (reference/device-protocols.md §1.2), both directions:
//   AA AA AA 96 69 | LEN_H LEN_L | body… | CHK
// LEN (big-endian) counts every byte after itself, CHK included; CHK is the XOR of every byte from
// LEN_H to the last body byte. A command's body is CMD PARA [DATA]; a response's SW1 SW2 SW3 [DATA].
inline constexpr std::array<std::uint8_t, 5> kPreamble{0xAA, 0xAA, 0xAA, 0x96, 0x69};
inline constexpr std::size_t kHeaderSize = 7;  // preamble + LEN
// The largest frame seen is the 30 10 read (LEN 0x090A, §1.5); anything far beyond is noise.
inline constexpr std::size_t kMaxLength = 4096;

std::vector<std::uint8_t> encodeFrame(const std::vector<std::uint8_t> &body);
std::uint8_t checksum(const std::uint8_t *fromLength, std::size_t count);

} // namespace hk::sam
