#include "drivers/protocols/sam_idcard/id_card_text_encoder.h"

#include "drivers/protocols/sam_idcard/ucs2_text.h"

#include <algorithm>
#include <string_view>

namespace hk {

std::optional<std::array<std::uint8_t, 256>> IdCardTextEncoder::encode(const IdCardText &t)
{
    std::array<std::uint8_t, 256> block{};
    bool ok = ucs2::encodeField({}, block.data(), block.size()); // all spaces
    const auto put = [&block, &ok](std::size_t offset, std::size_t size, std::string_view value) {
        ok = ok && ucs2::encodeField(value, block.data() + offset, size);
    };
    const bool runsOn = t.kind == IdCardKind::Foreigner2023;
    for (const IdCardTextField &f : idCardTextLayout(t.kind)) {
        if (runsOn && f.member == &IdCardText::englishName) {
            // The Y card's English name: one 46-unit field, its first 35 code units here and the rest
            // at 220, cut after exactly 35 units as the decoder joins them (id_card_text.h).
            std::array<std::uint8_t, 2 * kEnglishNameHeadUnits + kEnglishNameTail.size> joined{};
            ok = ok && ucs2::encodeField(t.englishName, joined.data(), joined.size());
            std::copy_n(joined.begin(), f.size, block.begin() + std::ptrdiff_t(f.offset));
            std::copy_n(joined.begin() + std::ptrdiff_t(f.size), kEnglishNameTail.size,
                        block.begin() + std::ptrdiff_t(kEnglishNameTail.offset));
            continue;
        }
        put(f.offset, f.size, t.*f.member);
    }
    const char type = idCardTypeChar(t.kind);
    put(kIdCardTypeOffset, 2, std::string_view(&type, 1));
    if (!ok)
        return std::nullopt;
    return block;
}

} // namespace hk
