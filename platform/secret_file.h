#pragma once

#include "app/domain/result.h"

#include <QByteArray>
#include <QString>

namespace hk {

// A secret file (DESIGN §8): one line; the key is its UTF-8 bytes without surrounding white space.
// The terminal's HMAC secret and the center's match key are kept this way.
class SecretFile {
public:
    static Result<QByteArray, QString> read(const QString &path);
    // Writes a fresh random secret (32 bytes as 64 hex digits), mode 0600, unless the file exists.
    static Result<QByteArray, QString> createIfMissing(const QString &path);
};

} // namespace hk
