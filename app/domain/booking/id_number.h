#pragma once

#include <optional>
#include <string_view>

namespace hk {

// The numbers an identity card carries (reference/device-protocols.md §2). The resident ID number
// of GB 11643-1999 is 18 characters: a 6-digit area code, the birth date YYYYMMDD, a 3-digit
// sequence and a check character of ISO 7064 MOD 11-2. The residence permit of Hong Kong, Macao
// and Taiwan residents (810000/820000/830000…) and the 2023 foreigner's permanent-residence card
// (9…) use the same structure and check; the 2017 foreigner card has 3 letters and 12 digits.
enum class IdNumberKind {
    Resident,          // 公民身份号码
    HkMacaoTaiwan,     // 港澳台居民居住证 (81/82/83 0000 …)
    Foreigner2023,     // 外国人永久居留身份证, 2023 edition (9 …)
    Foreigner2017,     // 外国人永久居留身份证, 2017 edition: 3 letters + 12 digits
};

// MOD 11-2 check character for the first 17 characters, "10X98765432"[Σ aᵢ·Wᵢ mod 11]; none when
// they are not 17 decimal digits.
std::optional<char> gb11643CheckCharacter(std::string_view first17);

// The 18-character form with a correct check character (a final lower-case x is accepted).
bool hasValidGb11643Check(std::string_view number);

// What kind of number this is, if it is well formed: the 18-character kinds must carry a correct
// check character; the 2017 foreigner number has no published check.
std::optional<IdNumberKind> classifyIdNumber(std::string_view number);

} // namespace hk
