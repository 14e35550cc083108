#pragma once

#include "drivers/protocols/sam_idcard/sam_status.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace hk {

// A reader → host response of GA 467 (reference §1.4): SW1 SW2 SW3 then the data, which starts at
// byte 10 of the frame.
struct SamResponse {
    std::uint8_t sw1 = 0;
    std::uint8_t sw2 = 0;
    std::uint8_t sw3 = 0;
    std::vector<std::uint8_t> data;

    SamStatus status() const { return samStatusFromByte(sw3); }
    std::vector<std::uint8_t> encode() const;
    static SamResponse withStatus(SamStatus status, std::vector<std::uint8_t> data = {})
    {
        return {0x00, 0x00, static_cast<std::uint8_t>(status), std::move(data)};
    }
    // None when the body is shorter than the three status bytes.
    static std::optional<SamResponse> fromBody(const std::vector<std::uint8_t> &body);

    friend bool operator==(const SamResponse &, const SamResponse &) = default;
};

// The payload of a successful read (30 01 / 30 10, reference §1.5): lengths, then the text block,
// the photo and, for 30 10, the fingerprint. The photo is located, never copied.
struct SamReadPayload {
    std::vector<std::uint8_t> text; // 256 bytes, UCS-2 little-endian
    std::size_t photoLength = 0;
    std::size_t fingerprintLength = 0;

    enum class Error { TooShort, LengthsDisagree };
    // `withFingerprint` is true for the 30 10 read, whose length header has a third field.
    static std::optional<SamReadPayload> parse(const std::vector<std::uint8_t> &data, bool withFingerprint, Error *error = nullptr);
};

} // namespace hk
