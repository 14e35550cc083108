#pragma once

#include "drivers/protocols/sam_idcard/id_card_text.h"

#include <array>
#include <cstdint>
#include <optional>

namespace hk {

// Lays a card's fields out as the 256-byte text block (reference §1.6, §1.8), for the reader
// simulator and the codec tests. None when a field does not fit its place or is not UTF-8.
class IdCardTextEncoder {
public:
    static std::optional<std::array<std::uint8_t, 256>> encode(const IdCardText &text);
};

} // namespace hk
