#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <utility>
#include <vector>

namespace hk {

// A gzip-compressed POSIX ustar archive of `files` (name, bytes), as `tar -xzf` reads it: regular
// files of mode 0644, owner root (0/0), all of time `mtime`; sub-folders in a name ("frames/printer.txt")
// are created by tar on extraction. A name is at most 255 bytes of UTF-8 (split into ustar's
// prefix and name at a '/'); a longer one, or one that cannot be split, is cut to fit.
QByteArray tarGz(const std::vector<std::pair<QString, QByteArray>> &files, const QDateTime &mtime);

} // namespace hk
