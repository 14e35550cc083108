#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace hk {

// The card types a GA 467 reader reads, told apart by the character at text offset 248
// (reference §1.8): blank for the resident card, 'J', 'I' or 'Y'.
enum class IdCardKind {
    Resident,       // 居民身份证
    HkMacaoTaiwan,  // 'J' 港澳台居民居住证
    Foreigner2017,  // 'I' 外国人永久居留身份证 (2017)
    Foreigner2023,  // 'Y' 外国人永久居留身份证 (2023)
};

// The 256-byte machine-readable text of a card (GA 490, reference §1.6 and §1.8), as UTF-8. Fields
// a layout does not have stay empty. This lives only inside the reader's driver: what leaves it
// is the number and the name the check-in needs, and those only for as long as it takes.
struct IdCardText {
    IdCardKind kind = IdCardKind::Resident;
    std::string name;         // Chinese name (I: may be empty)
    std::string englishName;  // I, Y
    std::string sex;          // '1' 男, '2' 女, '0' 未知, '9' 未说明
    std::string nation;       // resident: '01'..'56', '97', '98'
    std::string nationality;  // I, Y: ISO 3166 alpha-3
    std::string birthDate;    // YYYYMMDD
    std::string address;      // resident, J
    std::string idNumber;     // 公民身份号码 / 居住证号码 / 永久居留证号码
    std::string issuer;       // 签发机关 (resident, J)
    std::string validFrom;    // YYYYMMDD
    std::string validTo;      // YYYYMMDD or 长期
    std::string passNumber;   // J: 通行证号码
    std::string issueCount;   // J: 签发次数
    std::string renewalCount; // Y: 换证次数
    std::string cardVersion;  // I
    std::string authorityCode; // I: 受理机关代码

    // The name to greet (masked) and to match: the Chinese one, or the English one when there is none.
    const std::string &displayName() const { return name.empty() ? englishName : name; }
    friend bool operator==(const IdCardText &, const IdCardText &) = default;
};

// Where a field stands in the text block, in bytes (reference §1.6 resident, §1.8 J, I, Y).
struct IdCardTextField {
    std::size_t offset;
    std::size_t size;
    std::string IdCardText::*member;
};

// The character that tells the kinds apart stands at 248 (UCS-2, like every field).
inline constexpr std::size_t kIdCardTypeOffset = 248;
// The Y card's English name runs on: UCS-2 code units 1–35 in its layout's field at 52, 36–46 here.
// The two parts are one 46-unit field laid out in two places: joined before the padding is trimmed
// (a space or a surrogate pair may straddle the cut) and cut after exactly 35 units when written.
inline constexpr std::size_t kEnglishNameHeadUnits = 35;
inline constexpr IdCardTextField kEnglishNameTail{220, 22, &IdCardText::englishName};

// A kind's fields, for the encoder and the decoder alike; every layout sums to 256.
inline std::span<const IdCardTextField> idCardTextLayout(IdCardKind kind)
{
    using T = IdCardText;
    static constexpr IdCardTextField kResident[]{
        {0, 30, &T::name},        {30, 2, &T::sex},      {32, 4, &T::nation},     {36, 16, &T::birthDate},
        {52, 70, &T::address},    {122, 36, &T::idNumber}, {158, 30, &T::issuer}, {188, 16, &T::validFrom},
        {204, 16, &T::validTo},
    };
    static constexpr IdCardTextField kHkMacaoTaiwan[]{
        {0, 30, &T::name},        {30, 2, &T::sex},        {36, 16, &T::birthDate},  {52, 70, &T::address},
        {122, 36, &T::idNumber},  {158, 30, &T::issuer},   {188, 16, &T::validFrom}, {204, 16, &T::validTo},
        {220, 18, &T::passNumber}, {238, 4, &T::issueCount},
    };
    static constexpr IdCardTextField kForeigner2017[]{
        {0, 120, &T::englishName}, {120, 2, &T::sex},      {122, 30, &T::idNumber},  {152, 6, &T::nationality},
        {158, 30, &T::name},       {188, 16, &T::validFrom}, {204, 16, &T::validTo}, {220, 16, &T::birthDate},
        {236, 4, &T::cardVersion}, {240, 8, &T::authorityCode},
    };
    static constexpr IdCardTextField kForeigner2023[]{
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

// The type character of a kind: blank for the resident card.
constexpr char idCardTypeChar(IdCardKind kind)
{
    switch (kind) {
    case IdCardKind::HkMacaoTaiwan:
        return 'J';
    case IdCardKind::Foreigner2017:
        return 'I';
    case IdCardKind::Foreigner2023:
        return 'Y';
    case IdCardKind::Resident:
        break;
    }
    return ' ';
}

} // namespace hk
