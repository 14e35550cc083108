#pragma once

#include "app/config/config.h"
#include "app/ports/maintenance/local_settings.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hk {

// The terminal's local override file (DESIGN §12): `local.json` in its state directory — the folder
// of the config's `database` (/var/lib/hallkiosk for the packaged /var/lib/hallkiosk/hallkiosk.db) —
// holding only what a technician may change from the maintenance menu, the device endpoints and the
// printer's profile, as a JSON object laid over the config at start-up
// (ConfigLoader::withLocalOverrides). The packaged config in /etc is never written.
//
// set() refuses any other key (naming it), lays the changed file over the config and runs the
// config's own validation on the result, and only then writes the file with writeAtomically (temp
// file, fsync, the previous one kept as `local.json.bak`, rename). A refused or failed change leaves
// the file as it was.
class LocalOverrideFile : public LocalSettings {
public:
    // The keys a technician may set: a device URI string or null (absent), the profile a string.
    static const QStringList &allowedKeys();
    // `local.json` in the folder of `config.database`; empty for an in-memory database.
    static QString pathFor(const Config &config);

    // The file as `config` was loaded with it (`config.local`), for its `fileJson` and `baseDir`.
    explicit LocalOverrideFile(const Config &config);
    LocalOverrideFile(QJsonObject fileJson, QString baseDir, QString path, QJsonObject overrides);

    Result<void, QString> set(const QString &keyPath, const QJsonValue &value) override;
    QJsonObject current() const override { return m_overrides; }
    QString path() const override { return m_path; }

    // What to lay over `fileJson` from the local file at `path`: the file itself, or its `.bak`
    // when the file is unusable, or nothing (see ConfigLoader::withLocalOverrides).
    struct Read {
        QJsonObject overrides;
        QString usedPath;     // path, path.bak, or empty
        QStringList warnings; // each file passed over, and why (file: key: problem)
    };
    static Read read(const QString &path, const QJsonObject &fileJson, const QString &baseDir);
    // The problems of `overrides` as a local file: keys not allowed, values of the wrong type,
    // and what the config's validation finds in `fileJson` with them laid over. Empty when none.
    static QStringList problems(const QJsonObject &overrides, const QJsonObject &fileJson, const QString &baseDir);

private:
    QJsonObject m_fileJson;
    QString m_baseDir;
    QString m_path;
    QJsonObject m_overrides;
    bool m_fileIsCurrent = true; // false while running from the .bak or without the file it holds
};

} // namespace hk
