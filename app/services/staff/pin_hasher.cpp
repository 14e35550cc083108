#include "app/services/staff/pin_hasher.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QStringList>

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
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, password);
    QByteArray out;
    for (quint32 block = 1; out.size() < keyBytes; ++block) {
        QByteArray index(4, '\0');
        index[0] = char(block >> 24);
        index[1] = char(block >> 16);
        index[2] = char(block >> 8);
        index[3] = char(block);
        mac.reset();
        mac.addData(salt);
        mac.addData(index);
        QByteArray u = mac.result();
        QByteArray t = u;
        for (int i = 1; i < iterations; ++i) {
            mac.reset();
            mac.addData(u);
            u = mac.result();
            for (qsizetype j = 0; j < t.size(); ++j)
                t[j] = char(t.at(j) ^ u.at(j));
        }
        out.append(t);
    }
    return out.left(keyBytes);
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
