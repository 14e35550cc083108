#include "app/services/staff/pin_hasher.h"

#include <QRandomGenerator>
#include <QStringList>

#include <openssl/evp.h>

#include <algorithm>

namespace hk {

namespace {

const QString kScheme = QStringLiteral("pbkdf2-sha256");
constexpr int kMaxIterations = 10'000'000;

bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace

QByteArray PinHasher::pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations, int keyBytes)
{
    // OpenSSL's derivation: the HMAC's padded key hashed once, not again for every iteration as a
    // loop over QMessageAuthenticationCode does — about 9 times faster at the same iterations
    // (tests/bench/README.md), so the cost an attacker meets is the same and ours is smaller.
    QByteArray out(keyBytes, '\0');
    if (PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
                          int(salt.size()), iterations, EVP_sha256(), keyBytes, reinterpret_cast<unsigned char *>(out.data()))
        != 1)
        return {}; // never equal to a stored key (those are 32 bytes)
    return out;
}

QString PinHasher::decoy(int iterations)
{
    // A random key no PIN derives to (one chance in 2^256): checking a PIN against it costs what
    // checking a real hash of these iterations costs, and says no. Made without deriving anything.
    QByteArray salt(kSaltBytes, '\0');
    QByteArray key(kKeyBytes, '\0');
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    QRandomGenerator::system()->generate(key.begin(), key.end());
    return QStringLiteral("%1$%2$%3$%4")
        .arg(kScheme)
        .arg(std::clamp(iterations, 1, kMaxIterations))
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
}

QString PinHasher::hash(const QString &pin, int iterations)
{
    QByteArray salt(kSaltBytes, '\0');
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    return hash(pin, salt, iterations);
}

QString PinHasher::hash(const QString &pin, const QByteArray &salt, int iterations)
{
    const QByteArray key = pbkdf2Sha256(pin.toUtf8(), salt, iterations, kKeyBytes);
    return QStringLiteral("%1$%2$%3$%4")
        .arg(kScheme)
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
}

std::optional<PinHasher::Parsed> PinHasher::parse(const QString &hashString)
{
    const QStringList parts = hashString.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != kScheme)
        return std::nullopt;
    bool ok = false;
    Parsed p;
    p.iterations = parts.at(1).toInt(&ok);
    if (!ok || p.iterations < 1 || p.iterations > kMaxIterations)
        return std::nullopt;
    const auto salt = QByteArray::fromBase64Encoding(parts.at(2).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto key = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || !key || salt.decoded.size() < 8 || key.decoded.size() != kKeyBytes)
        return std::nullopt;
    p.salt = salt.decoded;
    p.key = key.decoded;
    return p;
}

bool PinHasher::isWellFormed(const QString &hashString)
{
    return parse(hashString).has_value();
}

bool PinHasher::verify(const QString &pin, const QString &hashString)
{
    const auto parsed = parse(hashString);
    if (!parsed)
        return false;
    return equalInConstantTime(pbkdf2Sha256(pin.toUtf8(), parsed->salt, parsed->iterations, kKeyBytes), parsed->key);
}

} // namespace hk
