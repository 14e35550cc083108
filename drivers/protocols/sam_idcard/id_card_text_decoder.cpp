#include "drivers/protocols/sam_idcard/id_card_text_decoder.h"

#include "app/domain/booking/id_number.h"
#include "drivers/protocols/sam_idcard/ucs2_text.h"

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
    for (const IdCardTextField &f : idCardTextLayout(text.kind)) {
        auto value = ucs2::decodeField(block + f.offset, f.size);
        if (!value)
            return fail(Error::BadEncoding);
        text.*f.member = std::move(*value);
    }
    if (text.kind == IdCardKind::Foreigner2023) {
        auto rest = ucs2::decodeField(block + kEnglishNameTail.offset, kEnglishNameTail.size);
        if (!rest)
            return fail(Error::BadEncoding);
        text.englishName += *rest;
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
