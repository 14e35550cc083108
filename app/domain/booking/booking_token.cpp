#include "app/domain/booking/booking_token.h"

#include <array>
#include <charconv>
#include <vector>

namespace hk {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr size_t kMaxCodeLength = 64;
constexpr size_t kSignatureBytes = 64; // Ed25519

bool isCode(std::string_view s)
{
    if (s.empty() || s.size() > kMaxCodeLength)
        return false;
    for (char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

std::optional<long long> unixSeconds(std::string_view s)
{
    // Plain decimal digits only: no sign, no leading zeros beyond "0", at most 12 digits.
    if (s.empty() || s.size() > 12 || (s.size() > 1 && s.front() == '0'))
        return std::nullopt;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    long long value = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (error != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return value;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

} // namespace

std::string base64UrlEncode(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = (unsigned(static_cast<unsigned char>(bytes[i])) << 16) |
                           (unsigned(static_cast<unsigned char>(bytes[i + 1])) << 8) | unsigned(static_cast<unsigned char>(bytes[i + 2]));
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    const size_t rest = bytes.size() - i;
    if (rest > 0) {
        unsigned v = unsigned(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2)
            v |= unsigned(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        if (rest == 2)
            out += kAlphabet[(v >> 6) & 63];
    }
    return out;
}

std::optional<std::string> base64UrlDecode(std::string_view text)
{
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::array<int, 256> value{};
    value.fill(-1);
    for (size_t i = 0; i < kAlphabet.size(); ++i)
        value[static_cast<unsigned char>(kAlphabet[i])] = int(i);
    std::string out;
    out.reserve(text.size() * 3 / 4);
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int v = value[static_cast<unsigned char>(c)];
        if (v < 0)
            return std::nullopt; // padding, '+', '/', white space: not what the platform writes
        buffer = (buffer << 6) | unsigned(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    // Strict: the unused low bits of the last character must be zero, so one signature has one text.
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

std::string BookingToken::signedText() const
{
    return std::string(kPrefix) + "." + center + "." + bookingId + "." + matter + "." + std::to_string(slotStartUnix) + "." +
           std::to_string(expiresUnix);
}

std::string BookingToken::format() const
{
    return signedText() + "." + base64UrlEncode(signature);
}

Result<BookingToken, BookingToken::Error> BookingToken::parse(std::string_view text)
{
    // Scanners end lines with CR/LF; a stray one at the end is not part of the code.
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    if (text.size() < kPrefix.size() + 1 || text.substr(0, kPrefix.size() + 1) != "YY1.")
        return fail(Error::NotABookingCode);
    if (text.size() > kMaxLength)
        return fail(Error::Malformed);
    const std::vector<std::string_view> parts = split(text, '.');
    if (parts.size() != 7)
        return fail(Error::Malformed);
    BookingToken token;
    if (!isCode(parts[1]) || !isCode(parts[2]) || !isCode(parts[3]))
        return fail(Error::Malformed);
    const auto slot = unixSeconds(parts[4]);
    const auto expires = unixSeconds(parts[5]);
    auto signature = base64UrlDecode(parts[6]);
    if (!slot || !expires || !signature || signature->size() != kSignatureBytes)
        return fail(Error::Malformed);
    token.center = std::string(parts[1]);
    token.bookingId = std::string(parts[2]);
    token.matter = std::string(parts[3]);
    token.slotStartUnix = *slot;
    token.expiresUnix = *expires;
    token.signature = std::move(*signature);
    return token;
}

} // namespace hk
