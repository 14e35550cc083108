#include "app/domain/booking/id_number.h"

namespace hk {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool allDigits(std::string_view s)
{
    for (char c : s) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

} // namespace

std::optional<char> gb11643CheckCharacter(std::string_view first17)
{
    // Weights 2^(18−i) mod 11 for i = 1..17 (reference §2).
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char kCheck[] = "10X98765432";
    if (first17.size() != 17 || !allDigits(first17))
        return std::nullopt;
    int sum = 0;
    for (size_t i = 0; i < 17; ++i)
        sum += (first17[i] - '0') * kWeights[i];
    return kCheck[sum % 11];
}

bool hasValidGb11643Check(std::string_view number)
{
    if (number.size() != 18)
        return false;
    const auto expected = gb11643CheckCharacter(number.substr(0, 17));
    if (!expected)
        return false;
    const char last = number[17] == 'x' ? 'X' : number[17];
    return last == *expected;
}

std::optional<IdNumberKind> classifyIdNumber(std::string_view number)
{
    if (number.size() == 15) {
        const bool letters = number[0] >= 'A' && number[0] <= 'Z' && number[1] >= 'A' && number[1] <= 'Z' &&
                             number[2] >= 'A' && number[2] <= 'Z';
        if (letters && allDigits(number.substr(3)))
            return IdNumberKind::Foreigner2017;
        return std::nullopt;
    }
    if (!hasValidGb11643Check(number))
        return std::nullopt;
    if (number[0] == '9')
        return IdNumberKind::Foreigner2023;
    // 810000 Hong Kong, 820000 Macao, 830000 Taiwan (reference §2).
    if (number[0] == '8' && (number[1] == '1' || number[1] == '2' || number[1] == '3') && number.substr(2, 4) == "0000")
        return IdNumberKind::HkMacaoTaiwan;
    return IdNumberKind::Resident;
}

} // namespace hk
