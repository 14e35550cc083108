#pragma once

#include <string>

namespace hk {

// Checks the platform's signature on a booking QR code (DESIGN §6) offline, with the platform's
// public key from the config, so a booking made a minute ago checks in before the next sync and a
// forged code is refused. The platform adapter implements it with OpenSSL's Ed25519.
class BookingCodeVerifier {
public:
    virtual ~BookingCodeVerifier() = default;
    // `signature` is the raw 64 bytes; `signedText` the code before its last dot.
    virtual bool verify(const std::string &signedText, const std::string &signature) const = 0;
};

} // namespace hk
