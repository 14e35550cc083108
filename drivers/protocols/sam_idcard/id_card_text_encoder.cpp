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
    switch (t.kind) {
    case IdCardKind::Resident:
        put(0, 30, t.name);
        put(30, 2, t.sex);
        put(32, 4, t.nation);
        put(36, 16, t.birthDate);
        put(52, 70, t.address);
        put(122, 36, t.idNumber);
        put(158, 30, t.issuer);
        put(188, 16, t.validFrom);
        put(204, 16, t.validTo);
        break;
    case IdCardKind::HkMacaoTaiwan:
        put(0, 30, t.name);
        put(30, 2, t.sex);
        put(36, 16, t.birthDate);
        put(52, 70, t.address);
        put(122, 36, t.idNumber);
        put(158, 30, t.issuer);
        put(188, 16, t.validFrom);
        put(204, 16, t.validTo);
        put(220, 18, t.passNumber);
        put(238, 4, t.issueCount);
        put(248, 2, "J");
        break;
    case IdCardKind::Foreigner2017:
        put(0, 120, t.englishName);
        put(120, 2, t.sex);
        put(122, 30, t.idNumber);
        put(152, 6, t.nationality);
        put(158, 30, t.name);
        put(188, 16, t.validFrom);
        put(204, 16, t.validTo);
        put(220, 16, t.birthDate);
        put(236, 4, t.cardVersion);
        put(240, 8, t.authorityCode);
        put(248, 2, "I");
        break;
    case IdCardKind::Foreigner2023: {
        put(0, 30, t.name);
        put(30, 2, t.sex);
        put(32, 4, t.renewalCount);
        put(36, 16, t.birthDate);
        // English name: UCS-2 characters 1–35 at 52, 36–46 at 220 (ASCII in practice); the split
        // never falls inside a character or a surrogate pair.
        const std::string_view english = t.englishName;
        const std::size_t cut = ucs2::prefixBytes(english, 35);
        put(52, 70, english.substr(0, cut));
        put(220, 22, english.substr(cut));
        put(122, 36, t.idNumber);
        put(188, 16, t.validFrom);
        put(204, 16, t.validTo);
        put(242, 6, t.nationality);
        put(248, 2, "Y");
        break;
    }
    }
    if (!ok)
        return std::nullopt;
    return block;
}

} // namespace hk
