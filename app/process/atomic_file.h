#pragma once

#include "app/domain/result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace hk {

struct AtomicWriteOptions {
    // 0640 (the service's group may read it) instead of 0600.
    bool groupReadable = false;
    // Test-only: called once the new bytes are in a synced temporary file, before the previous file
    // is kept as `.bak` and the temporary one renamed over it (a crash test kills the process here).
    std::function<void()> beforeRename;
};

// Replaces the file at `path` with `bytes` so that a crash or a power cut at any moment leaves the
// old file or the new one, never half of either (DESIGN §12): the bytes go into a temporary file in
// the same folder (O_CREAT|O_EXCL, mode 0600 or 0640), are synced, the previous file (if any) is kept
// as `path.bak` (itself replaced atomically), the temporary file is renamed over `path` and the
// folder synced. Temporary files an earlier crash left behind are removed first. One writer per
// file. The error names the file and what the system said; the old file is then untouched.
Result<void, QString> writeAtomically(const QString &path, const QByteArray &bytes, const AtomicWriteOptions &options = {});

// `path` + ".bak": where writeAtomically keeps the previous version.
QString atomicBackupPath(const QString &path);

} // namespace hk
