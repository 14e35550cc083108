#pragma once

#include "app/domain/result.h"

#include <optional>
#include <string>
#include <string_view>

namespace hk {

// The booking QR code (DESIGN §6):
//   YY1.<center>.<booking_id>.<matter>.<slot_start_unix>.<expires_unix>.<sig>
// where sig is the base64url (no padding) Ed25519 signature by the platform over the UTF-8 text
// before the last dot, and the codes use only A-Z a-z 0-9 - _. This is the pure codec: it splits
// and checks the text; verifying the signature is the platform adapter's (OpenSSL), so the parser
// builds with clang alone for the fuzzer.
struct BookingToken {
    std::string center;
    std::string bookingId;
    std::string matter;
    long long slotStartUnix = 0;
    long long expiresUnix = 0;
    std::string signature; // the 64 raw signature bytes

    // The text the signature covers: everything before the last dot.
    std::string signedText() const;
    // The whole code, given the signature (for the reference platform and tests).
    std::string format() const;

    enum class Error {
        NotABookingCode, // not "YY1." at all: another QR code (a ticket's, a URL) or noise
        Malformed,       // YY1 but wrong fields, characters, numbers or signature encoding
    };
    static Result<BookingToken, Error> parse(std::string_view text);

    static constexpr std::string_view kPrefix = "YY1";
    static constexpr size_t kMaxLength = 512; // codes are short; longer text is refused unread
};

// base64url without padding (RFC 4648 §5), as the token's signature is written.
std::string base64UrlEncode(std::string_view bytes);
std::optional<std::string> base64UrlDecode(std::string_view text); // nullopt: not strict base64url

} // namespace hk
