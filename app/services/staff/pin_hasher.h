#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace hk {

// Staff PINs as salted PBKDF2-HMAC-SHA256 hash strings (DESIGN §7, §8), the form `hallkiosk
// --hash-pin` prints and the staff file holds:
//
//   pbkdf2-sha256$<iterations>$<salt, base64>$<32-byte key, base64>
//
// A PIN has few possible values, so no hash alone protects it from someone holding the file; the
// lock-out after five wrong tries is what protects the console, and the iterations make a stolen
// staff file slower to use.
class PinHasher {
public:
    static constexpr int kDefaultIterations = 60000;
    static constexpr int kSaltBytes = 16;
    static constexpr int kKeyBytes = 32;

    static QString hash(const QString &pin, int iterations = kDefaultIterations);
    static QString hash(const QString &pin, const QByteArray &salt, int iterations);
    static bool verify(const QString &pin, const QString &hashString);
    static bool isWellFormed(const QString &hashString);
    // A well-formed hash string of `iterations` that no PIN verifies against: for unknown staff
    // ids, so they cost what a wrong PIN costs. Made at no cost (nothing is derived).
    static QString decoy(int iterations);

    // RFC 8018 §5.2 with HMAC-SHA256 (exposed for the RFC 7914 test vectors).
    static QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations, int keyBytes);

private:
    struct Parsed {
        int iterations = 0;
        QByteArray salt;
        QByteArray key;
    };
    static std::optional<Parsed> parse(const QString &hashString);
};

} // namespace hk
