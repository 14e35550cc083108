#include "drivers/protocols/sam_idcard/id_card_text_decoder.h"

#include "app/domain/booking/id_number.h"
#include "drivers/protocols/sam_idcard/ucs2_text.h"

#include <vector>

namespace hk {
namespace {

struct Field {
    std::size_t offset;
    std::size_t size;
    std::string IdCardText::*member;
};

// Offsets and sizes in bytes (reference §1.6 resident, §1.8 J, I, Y); every layout sums to 256.
const std::vector<Field> &layoutOf(IdCardKind kind)
{
    using T = IdCardText;
    static const std::vector<Field> kResident{
        {0, 30, &T::name},        {30, 2, &T::sex},      {32, 4, &T::nation},     {36, 16, &T::birthDate},
        {52, 70, &T::address},    {122, 36, &T::idNumber}, {158, 30, &T::issuer}, {188, 16, &T::validFrom},
        {204, 16, &T::validTo},
    };
    static const std::vector<Field> kHkMacaoTaiwan{
        {0, 30, &T::name},        {30, 2, &T::sex},        {36, 16, &T::birthDate},  {52, 70, &T::address},
        {122, 36, &T::idNumber},  {158, 30, &T::issuer},   {188, 16, &T::validFrom}, {204, 16, &T::validTo},
        {220, 18, &T::passNumber}, {238, 4, &T::issueCount},
    };
    static const std::vector<Field> kForeigner2017{
        {0, 120, &T::englishName}, {120, 2, &T::sex},      {122, 30, &T::idNumber},  {152, 6, &T::nationality},
        {158, 30, &T::name},       {188, 16, &T::validFrom}, {204, 16, &T::validTo}, {220, 16, &T::birthDate},
        {236, 4, &T::cardVersion}, {240, 8, &T::authorityCode},
    };
    static const std::vector<Field> kForeigner2023{
        {0, 30, &T::name},        {30, 2, &T::sex},        {32, 4, &T::renewalCount}, {36, 16, &T::birthDate},
        {52, 70, &T::englishName}, {122, 36, &T::idNumber}, {188, 16, &T::validFrom}, {204, 16, &T::validTo},
        {242, 6, &T::nationality},
    };
    switch (kind) {
    case IdCardKind::Resident:
        return kResident;
    case IdCardKind::HkMacaoTaiwan:
        return kHkMacaoTaiwan;
    case IdCardKind::Foreigner2017:
        return kForeigner2017;
    case IdCardKind::Foreigner2023:
        return kForeigner2023;
    }
    return kResident;
}

} // namespace

Result<IdCardText, IdCardTextDecoder::Error> IdCardTextDecoder::decode(const std::uint8_t *block, std::size_t size)
{
    if (size != kSize)
        return fail(Error::WrongSize);
    const char16_t type = char16_t(block[kTypeOffset] | (block[kTypeOffset + 1] << 8));
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
    for (const Field &f : layoutOf(text.kind)) {
        auto value = ucs2::decodeField(block + f.offset, f.size);
        if (!value)
            return fail(Error::BadEncoding);
        text.*f.member = std::move(*value);
    }
    // The Y card splits its English name over two fields (chars 1–35 at 52, 36–46 at 220).
    if (text.kind == IdCardKind::Foreigner2023) {
        auto rest = ucs2::decodeField(block + 220, 22);
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
