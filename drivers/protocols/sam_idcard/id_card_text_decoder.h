#pragma once

#include "app/domain/result.h"
#include "drivers/protocols/sam_idcard/id_card_text.h"

#include <cstddef>
#include <cstdint>

namespace hk {

// Reads the 256-byte text block of a resident card or of a J, I or Y card (reference §1.6, §1.8)
// and checks the number it carries (GB 11643 MOD 11-2 for the 18-character kinds).
class IdCardTextDecoder {
public:
    static constexpr std::size_t kSize = 256;

    enum class Error {
        WrongSize,       // not 256 bytes
        BadEncoding,     // a field is not UCS-2 (a lone surrogate)
        UnknownCardType, // the type character is none of blank, J, I, Y
        NoNumber,        // the number field is empty
        InvalidNumber,   // the number fails its check character or its form
    };

    static Result<IdCardText, Error> decode(const std::uint8_t *block, std::size_t size);
};

} // namespace hk
