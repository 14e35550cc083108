#pragma once

#include "app/domain/result.h"
#include "platform/ed25519_key.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace hk {

// The reference platform's key material in its data folder, made on first start:
//   platform-private.pem  Ed25519 key that signs booking QR codes (mode 0600)
//   platform-public.pem   its public half, for the terminals' platform.public_key_file
//   match.key             the center's match key for id_digest (platform.match_key_file)
//   terminals/ID.secret   each terminal's HMAC secret (platform.secret_file)
class PlatformKeys {
public:
    static Result<PlatformKeys, QString> openOrCreate(const QString &dataDir);

    const Ed25519PrivateKey &signingKey() const { return m_signingKey; }
    const QByteArray &matchKey() const { return m_matchKey; }
    QString publicKeyPath() const;
    QString matchKeyPath() const;
    QString secretPath(const QString &terminalId) const;

    // Makes the terminal's secret file unless it exists; returns its path.
    Result<QString, QString> provisionTerminal(const QString &terminalId);
    // The terminal's secret, read from its file (a file added while running counts too).
    std::optional<QByteArray> secretOf(const QString &terminalId);

    static bool isValidTerminalId(const QString &terminalId);

private:
    PlatformKeys(QString dataDir, Ed25519PrivateKey key, QByteArray matchKey);

    QString m_dataDir;
    Ed25519PrivateKey m_signingKey;
    QByteArray m_matchKey;
    QHash<QString, QByteArray> m_secrets;
};

} // namespace hk
