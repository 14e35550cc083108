#include "app/process/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hk {
namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The temporary names of `name` in its folder: hidden, and recognisable as ours after a crash.
QString tempName(const QString &name, const char *kind)
{
    return QStringLiteral(".%1.%2-%3").arg(name, QLatin1String(kind)).arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

void removeLeftovers(const QDir &dir, const QString &name)
{
    const QStringList leftovers = dir.entryList({QStringLiteral(".%1.tmp-*").arg(name), QStringLiteral(".%1.bak-tmp-*").arg(name)},
                                                QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &leftover : leftovers)
        ::unlink(QFile::encodeName(dir.filePath(leftover)).constData());
}

// Writes `bytes` into a new file `path` (which must not exist) and syncs it. Errno on failure
// (the file is then removed).
int writeNewFile(const QByteArray &path, const QByteArray &bytes, mode_t mode)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return errno;
    int error = 0;
    if (::fchmod(fd, mode) != 0) // the umask must not narrow (or the caller widen) what was asked
        error = errno;
    qsizetype written = 0;
    while (error == 0 && written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, static_cast<size_t>(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            error = n < 0 ? errno : EIO;
        else
            written += n;
    }
    if (error == 0 && ::fsync(fd) != 0)
        error = errno;
    if (::close(fd) != 0 && error == 0)
        error = errno;
    if (error != 0)
        ::unlink(path.constData());
    return error;
}

int syncFolder(const QByteArray &folder)
{
    const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    const int error = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return error;
}

// Keeps the current `target` as `backup`, replacing an older backup in one rename: a hard link of
// the current file where the file system has them, a synced copy otherwise. `target` itself is not
// touched, so it stays whole whatever happens meanwhile.
int keepBackup(const QDir &dir, const QString &name, const QByteArray &target, const QByteArray &backup)
{
    const QByteArray temp = QFile::encodeName(dir.filePath(tempName(name, "bak-tmp")));
    if (::link(target.constData(), temp.constData()) != 0) {
        if (errno == ENOENT)
            return ENOENT;
        QFile current(QFile::decodeName(target));
        if (!current.open(QIODevice::ReadOnly))
            return EIO;
        struct stat st {};
        const mode_t mode = ::stat(target.constData(), &st) == 0 ? (st.st_mode & 0777) : 0600;
        if (const int error = writeNewFile(temp, current.readAll(), mode); error != 0)
            return error;
    }
    if (::rename(temp.constData(), backup.constData()) != 0) {
        const int error = errno;
        ::unlink(temp.constData());
        return error;
    }
    return 0;
}

} // namespace

QString atomicBackupPath(const QString &path)
{
    return path + QStringLiteral(".bak");
}

Result<void, QString> writeAtomically(const QString &path, const QByteArray &bytes, const AtomicWriteOptions &options)
{
    const QFileInfo info(path);
    const QDir dir = info.absoluteDir();
    const QString name = info.fileName();
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    const auto failed = [&path](const QString &what, int error) {
        return fail(QStringLiteral("cannot write %1: %2: %3").arg(path, what, systemError(error)));
    };
    if (name.isEmpty())
        return fail(QStringLiteral("cannot write \"%1\": not a file name").arg(path));

    removeLeftovers(dir, name);
    const QByteArray temp = QFile::encodeName(dir.filePath(tempName(name, "tmp")));
    if (const int error = writeNewFile(temp, bytes, options.groupReadable ? 0640 : 0600); error != 0)
        return failed(QStringLiteral("cannot create and sync a temporary file in %1").arg(dir.path()), error);

    if (options.beforeRename)
        options.beforeRename();

    const QByteArray backup = QFile::encodeName(atomicBackupPath(info.absoluteFilePath()));
    if (const int error = keepBackup(dir, name, target, backup); error != 0 && error != ENOENT) {
        ::unlink(temp.constData());
        return failed(QStringLiteral("cannot keep the previous version as %1").arg(atomicBackupPath(path)), error);
    }
    if (::rename(temp.constData(), target.constData()) != 0) {
        const int error = errno;
        ::unlink(temp.constData());
        return failed(QStringLiteral("cannot rename the temporary file over it"), error);
    }
    // The renames are durable only once the folder's entries are on disk.
    if (const int error = syncFolder(QFile::encodeName(dir.absolutePath())); error != 0)
        return failed(QStringLiteral("written, but the folder %1 cannot be synced").arg(dir.path()), error);
    return Ok{};
}

} // namespace hk
