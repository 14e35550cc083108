#include "app/config/local_override_file.h"

#include "app/config/config_loader.h"
#include "app/config/json_merge.h"
#include "app/config/json_object_reader.h"
#include "app/process/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace hk {
namespace {

const QString kFileName = QStringLiteral("local.json");

// The leaves of a JSON object as dotted key paths ("devices.printer"), with their values.
void leaves(const QJsonObject &object, const QString &prefix, QList<std::pair<QString, QJsonValue>> &out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it.value().isObject()) // an empty object sets nothing
            leaves(it.value().toObject(), key, out);
        else
            out.append({key, it.value()});
    }
}

QString valueProblem(const QString &key, const QJsonValue &value)
{
    if (key == QLatin1String("devices.printer_profile"))
        return value.isString() ? QString() : QStringLiteral("must be a profile name or file (a string), not %1").arg(describeJsonType(value));
    return value.isString() || value.isNull() ? QString()
                                              : QStringLiteral("must be a device URI (a string) or null, not %1").arg(describeJsonType(value));
}

QJsonObject withKey(QJsonObject object, const QStringList &path, int at, const QJsonValue &value)
{
    if (at == path.size() - 1) {
        object.insert(path[at], value);
        return object;
    }
    object.insert(path[at], withKey(object.value(path[at]).toObject(), path, at + 1, value));
    return object;
}

} // namespace

const QStringList &LocalOverrideFile::allowedKeys()
{
    static const QStringList kKeys{QStringLiteral("devices.printer"), QStringLiteral("devices.printer_profile"),
                                   QStringLiteral("devices.idcard"), QStringLiteral("devices.scanner"),
                                   QStringLiteral("devices.hallbus")};
    return kKeys;
}

QString LocalOverrideFile::pathFor(const Config &config)
{
    if (config.database.isEmpty() || config.database == QLatin1String(":memory:"))
        return {};
    return QFileInfo(config.database).absoluteDir().filePath(kFileName);
}

LocalOverrideFile::LocalOverrideFile(const Config &config)
    : LocalOverrideFile(config.fileJson, config.baseDir, config.local.path.isEmpty() ? pathFor(config) : config.local.path,
                        config.local.overrides)
{
    m_fileIsCurrent = config.local.usedPath.isEmpty() ? !QFileInfo::exists(m_path) : config.local.usedPath == m_path;
}

LocalOverrideFile::LocalOverrideFile(QJsonObject fileJson, QString baseDir, QString path, QJsonObject overrides)
    : m_fileJson(std::move(fileJson))
    , m_baseDir(std::move(baseDir))
    , m_path(std::move(path))
    , m_overrides(std::move(overrides))
{
}

QStringList LocalOverrideFile::problems(const QJsonObject &overrides, const QJsonObject &fileJson, const QString &baseDir)
{
    QStringList found;
    QList<std::pair<QString, QJsonValue>> keys;
    leaves(overrides, QString(), keys);
    for (const auto &[key, value] : keys) {
        if (!allowedKeys().contains(key))
            found << QStringLiteral("%1: may not be set here (a technician may set %2)").arg(key, allowedKeys().join(QStringLiteral(", ")));
        else if (const QString problem = valueProblem(key, value); !problem.isEmpty())
            found << QStringLiteral("%1: %2").arg(key, problem);
    }
    if (!found.isEmpty())
        return found;
    auto merged = ConfigLoader::parse(QJsonDocument(mergeJson(fileJson, overrides)).toJson(), baseDir);
    if (!merged) {
        for (const ConfigError &error : merged.error())
            found << error.toString();
    }
    return found;
}

LocalOverrideFile::Read LocalOverrideFile::read(const QString &path, const QJsonObject &fileJson, const QString &baseDir)
{
    Read read;
    // No file: nothing was ever set (a .bak without it is not ours to revive).
    if (!QFileInfo::exists(path))
        return read;
    for (const QString &candidate : {path, atomicBackupPath(path)}) {
        const bool isBackup = candidate != path;
        const QString next = isBackup ? QStringLiteral("running without local overrides") : QStringLiteral("trying %1").arg(atomicBackupPath(path));
        QFile file(candidate);
        if (isBackup && !file.exists()) {
            read.warnings << QStringLiteral("%1: there is none; running without local overrides").arg(candidate);
            break;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            read.warnings << QStringLiteral("%1: cannot be read: %2; %3").arg(candidate, file.errorString(), next);
            continue;
        }
        auto parsed = parseJsonFile(file.readAll());
        if (!parsed) {
            read.warnings << QStringLiteral("%1: %2; %3").arg(candidate, parsed.error().first().toString(), next);
            continue;
        }
        if (!parsed->isObject()) {
            read.warnings << QStringLiteral("%1: must hold one JSON object; %2").arg(candidate, next);
            continue;
        }
        const QJsonObject overrides = parsed->object();
        if (const QStringList problems = LocalOverrideFile::problems(overrides, fileJson, baseDir); !problems.isEmpty()) {
            read.warnings << QStringLiteral("%1: %2; %3").arg(candidate, problems.join(QStringLiteral("; ")), next);
            continue;
        }
        read.overrides = overrides;
        read.usedPath = candidate;
        if (isBackup)
            read.warnings << QStringLiteral("%1: used instead of %2").arg(candidate, path);
        break;
    }
    return read;
}

Result<void, QString> LocalOverrideFile::set(const QString &keyPath, const QJsonValue &value)
{
    if (!allowedKeys().contains(keyPath))
        return fail(QStringLiteral("%1: may not be set here (a technician may set %2)").arg(keyPath, allowedKeys().join(QStringLiteral(", "))));
    if (const QString problem = valueProblem(keyPath, value); !problem.isEmpty())
        return fail(QStringLiteral("%1: %2").arg(keyPath, problem));
    const QJsonObject changed = withKey(m_overrides, keyPath.split(QLatin1Char('.')), 0, value);
    if (const QStringList problems = LocalOverrideFile::problems(changed, m_fileJson, m_baseDir); !problems.isEmpty())
        return fail(problems.join(QStringLiteral("; ")));
    if (m_path.isEmpty())
        return fail(QStringLiteral("%1: the terminal has no state directory (an in-memory database)").arg(keyPath));
    if (!m_fileIsCurrent && QFileInfo::exists(m_path)) {
        // The terminal runs from the .bak (or without either) because this file was unusable: set
        // it aside, so the write below keeps the good .bak instead of replacing it with this one.
        const QString rejected = m_path + QStringLiteral(".rejected");
        QFile::remove(rejected);
        if (!QFile::rename(m_path, rejected))
            return fail(QStringLiteral("cannot set the unusable %1 aside as %2").arg(m_path, rejected));
    }
    if (auto written = writeAtomically(m_path, QJsonDocument(changed).toJson(QJsonDocument::Indented)); !written)
        return fail(written.error());
    m_overrides = changed;
    m_fileIsCurrent = true;
    return Ok{};
}

} // namespace hk
