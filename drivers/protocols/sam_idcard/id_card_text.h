#pragma once

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

} // namespace hk
