// libFuzzer target: the booking QR token parser (app/domain/booking/booking_token.cpp) and its strict
// base64url, on whatever a scanner can deliver. Beyond not crashing: a token that parses formats
// back to the very text it came from (so one signature has one text), and base64url round-trips.

#include "app/domain/booking/booking_token.h"

#include <cstdlib>
#include <string>

using namespace hk;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto token = BookingToken::parse(text);
    if (token) {
        std::string_view trimmed = text;
        while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == '\n'))
            trimmed.remove_suffix(1);
        check(token->format() == trimmed);
        check(token->signature.size() == 64);
        check(token->signedText().size() < trimmed.size());
        const auto again = BookingToken::parse(token->format());
        check(again.ok() && again->format() == token->format());
    } else {
        check(token.error() == BookingToken::Error::NotABookingCode || token.error() == BookingToken::Error::Malformed);
    }
    if (const auto decoded = base64UrlDecode(text)) {
        check(base64UrlEncode(*decoded) == text);
    }
    const std::string encoded = base64UrlEncode(text);
    const auto back = base64UrlDecode(encoded);
    check(back && *back == text);
    return 0;
}
