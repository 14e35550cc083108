#include "platform/secret_file.h"

#include "app/process/secret_file_mode.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace hk {

Result<QByteArray, QString> SecretFile::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray key = file.readLine(4096).trimmed();
    if (key.isEmpty())
        return fail(QStringLiteral("%1 is empty").arg(path));
    return key;
}

Result<QByteArray, QString> SecretFile::createIfMissing(const QString &path)
{
    if (QFileInfo::exists(path))
        return read(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(QStringLiteral("cannot create the folder of %1").arg(path));
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    const QByteArray key = bytes.toHex();
    // Born 0600 (DESIGN §16): never a moment with the default mode.
    if (auto created = createSecretFile(path, key + '\n'); !created)
        return fail(created.error());
    return key;
}

} // namespace hk
