#include "drivers/protocols/sam_idcard/id_card_text_encoder.h"

#include "drivers/protocols/sam_idcard/ucs2_text.h"

#include <string_view>

namespace hk {

std::optional<std::array<std::uint8_t, 256>> IdCardTextEncoder::encode(const IdCardText &t)
{
    std::array<std::uint8_t, 256> block{};
    bool ok = ucs2::encodeField({}, block.data(), block.size()); // all spaces
    const auto put = [&block, &ok](std::size_t offset, std::size_t size, std::string_view value) {
        ok = ok && ucs2::encodeField(value, block.data() + offset, size);
    };
    // The Y card's English name is cut after a whole character, never inside one or a surrogate pair.
    const std::string_view english = t.englishName;
    const bool runsOn = t.kind == IdCardKind::Foreigner2023;
    const std::size_t cut = runsOn ? ucs2::prefixBytes(english, kEnglishNameHeadUnits) : english.size();
    for (const IdCardTextField &f : idCardTextLayout(t.kind))
        put(f.offset, f.size, f.member == &IdCardText::englishName ? english.substr(0, cut) : std::string_view(t.*f.member));
    if (runsOn)
        put(kEnglishNameTail.offset, kEnglishNameTail.size, english.substr(cut));
    const char type = idCardTypeChar(t.kind);
    put(kIdCardTypeOffset, 2, std::string_view(&type, 1));
    if (!ok)
        return std::nullopt;
    return block;
}

} // namespace hk
