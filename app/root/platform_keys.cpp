#include "app/root/platform_keys.h"

#include "app/root/logging.h"
#include "platform/ed25519_key.h"

#include <QFile>

namespace hk {

Result<PlatformKeys, StartupError> PlatformKeys::load(const Config &config)
{
    PlatformKeys keys;
    if (const auto &path = config.platform.publicKeyFile) {
        auto key = Ed25519PublicKey::loadFile(*path);
        if (!key)
            return fail(StartupError{2, QStringLiteral("platform.public_key_file: %1").arg(key.error())});
        keys.verifier = std::make_unique<Ed25519PublicKey>(std::move(key).value());
    } else if (config.devices.scanner || config.devices.scannerKeyboard || config.devices.camera) {
        qCWarning(lcRoot) << "no platform.public_key_file: booking QR codes cannot be verified and will be refused";
    }
    if (const auto &path = config.platform.matchKeyFile) {
        QFile file(*path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(StartupError{2, QStringLiteral("platform.match_key_file: cannot read %1: %2").arg(*path, file.errorString())});
        // One line; the key is its UTF-8 bytes without surrounding white space (DESIGN §8).
        keys.matchKey = file.readLine().trimmed();
        if (keys.matchKey.isEmpty())
            return fail(StartupError{2, QStringLiteral("platform.match_key_file: %1 holds no key").arg(*path)});
    } else if (config.devices.idcard) {
        qCWarning(lcRoot) << "no platform.match_key_file: ID cards cannot be matched to bookings";
    }
    return keys;
}

} // namespace hk
