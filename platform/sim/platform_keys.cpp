#include "platform/sim/platform_keys.h"

#include "app/process/secret_file_mode.h"
#include "platform/secret_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace hk {
namespace {

Result<void, QString> writeFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(permissions);
    if (file.write(bytes) != bytes.size() || !file.flush())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Ok{};
}

} // namespace

PlatformKeys::PlatformKeys(QString dataDir, Ed25519PrivateKey key, QByteArray matchKey)
    : m_dataDir(std::move(dataDir))
    , m_signingKey(std::move(key))
    , m_matchKey(std::move(matchKey))
{
}

bool PlatformKeys::isValidTerminalId(const QString &terminalId)
{
    static const QRegularExpression kId(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return kId.match(terminalId).hasMatch();
}

Result<PlatformKeys, QString> PlatformKeys::openOrCreate(const QString &dataDir)
{
    if (!QDir().mkpath(QDir(dataDir).filePath(QStringLiteral("terminals"))))
        return fail(QStringLiteral("cannot create %1").arg(dataDir));
    const QString privatePath = QDir(dataDir).filePath(QStringLiteral("platform-private.pem"));
    const QString publicPath = QDir(dataDir).filePath(QStringLiteral("platform-public.pem"));
    std::optional<Ed25519PrivateKey> key;
    if (QFileInfo::exists(privatePath)) {
        auto loaded = Ed25519PrivateKey::loadFile(privatePath);
        if (!loaded)
            return fail(loaded.error());
        key = loaded.value();
    } else {
        auto made = Ed25519PrivateKey::generate();
        if (!made)
            return fail(made.error());
        key = made.value();
        if (auto written = createSecretFile(privatePath, key->toPem()); !written) // born 0600 (DESIGN §16)
            return fail(written.error());
    }
    // Exported every start, so a deleted copy comes back and always matches the private key.
    if (auto written = writeFile(publicPath, key->publicKey().toPem(),
                                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        !written)
        return fail(written.error());
    auto match = SecretFile::createIfMissing(QDir(dataDir).filePath(QStringLiteral("match.key")));
    if (!match)
        return fail(match.error());
    return PlatformKeys(dataDir, *key, match.value());
}

QString PlatformKeys::publicKeyPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("platform-public.pem"));
}

QString PlatformKeys::matchKeyPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("match.key"));
}

QString PlatformKeys::secretPath(const QString &terminalId) const
{
    return QDir(m_dataDir).filePath(QStringLiteral("terminals/%1.secret").arg(terminalId));
}

Result<QString, QString> PlatformKeys::provisionTerminal(const QString &terminalId)
{
    if (!isValidTerminalId(terminalId))
        return fail(QStringLiteral("terminal id \"%1\": use letters, digits, - and _").arg(terminalId));
    auto secret = SecretFile::createIfMissing(secretPath(terminalId));
    if (!secret)
        return fail(secret.error());
    m_secrets.insert(terminalId, secret.value());
    return secretPath(terminalId);
}

std::optional<QByteArray> PlatformKeys::secretOf(const QString &terminalId)
{
    if (auto known = m_secrets.constFind(terminalId); known != m_secrets.constEnd())
        return *known;
    if (!isValidTerminalId(terminalId))
        return std::nullopt;
    auto secret = SecretFile::read(secretPath(terminalId));
    if (!secret)
        return std::nullopt;
    m_secrets.insert(terminalId, secret.value());
    return secret.value();
}

} // namespace hk
