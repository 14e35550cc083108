#pragma once

#include "app/domain/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hk {

// Secret files (DESIGN §8, §16): a platform secret, a match key, a staff file, a password file.

// Creates `path` with `bytes`, born with mode 0600: open(O_CREAT|O_EXCL|O_WRONLY|O_CLOEXEC, 0600),
// so there is no moment at which another user could open it, and an existing file (or a symlink
// planted there) is never written through. Written whole and fsynced; on an error the half-made
// file is removed. The error names the file and what the system said.
Result<void, QString> createSecretFile(const QString &path, const QByteArray &bytes);

// The permission bits of `path` if group or others may read it, else nothing (also
// when it does not exist: reading it fails later with its own message).
std::optional<unsigned> secretFileTooOpen(const QString &path);

} // namespace hk
