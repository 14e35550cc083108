#include "drivers/protocols/sam_idcard/id_card_text_decoder.h"

#include "app/domain/booking/id_number.h"
#include "drivers/protocols/sam_idcard/ucs2_text.h"

#include <algorithm>
#include <array>

namespace hk {

Result<IdCardText, IdCardTextDecoder::Error> IdCardTextDecoder::decode(const std::uint8_t *block, std::size_t size)
{
    if (size != kSize)
        return fail(Error::WrongSize);
    const char16_t type = char16_t(block[kIdCardTypeOffset] | (block[kIdCardTypeOffset + 1] << 8));
    IdCardText text;
    switch (type) {
    case u' ':
    case 0:
        text.kind = IdCardKind::Resident;
        break;
    case u'J':
        text.kind = IdCardKind::HkMacaoTaiwan;
        break;
    case u'I':
        text.kind = IdCardKind::Foreigner2017;
        break;
    case u'Y':
        text.kind = IdCardKind::Foreigner2023;
        break;
    default:
        return fail(Error::UnknownCardType);
    }
    const bool runsOn = text.kind == IdCardKind::Foreigner2023;
    for (const IdCardTextField &f : idCardTextLayout(text.kind)) {
        std::array<std::uint8_t, 2 * kEnglishNameHeadUnits + kEnglishNameTail.size> joined{};
        const std::uint8_t *bytes = block + f.offset;
        std::size_t length = f.size;
        if (runsOn && f.member == &IdCardText::englishName) {
            // Head and tail as one field: trimming the head alone would drop a space (or split a
            // surrogate pair) where the card's name runs on into the tail.
            std::copy_n(block + f.offset, f.size, joined.begin());
            std::copy_n(block + kEnglishNameTail.offset, kEnglishNameTail.size, joined.begin() + f.size);
            bytes = joined.data();
            length = joined.size();
        }
        auto value = ucs2::decodeField(bytes, length);
        if (!value)
            return fail(Error::BadEncoding);
        text.*f.member = std::move(*value);
    }
    if (text.idNumber.empty())
        return fail(Error::NoNumber);
    if (text.idNumber.size() == 18 && text.idNumber.back() == 'x')
        text.idNumber.back() = 'X';
    const bool valid = text.kind == IdCardKind::Foreigner2017
                           ? classifyIdNumber(text.idNumber) == IdNumberKind::Foreigner2017
                           : hasValidGb11643Check(text.idNumber);
    if (!valid)
        return fail(Error::InvalidNumber);
    return text;
}

} // namespace hk
