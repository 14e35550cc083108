#include "app/process/secret_file_mode.h"

#include <QFile>

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
} // namespace

Result<void, QString> createSecretFile(const QString &path, const QByteArray &bytes)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return fail(QStringLiteral("cannot create %1: %2").arg(path, systemError(errno)));
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(native.constData());
            return fail(QStringLiteral("cannot write %1: %2").arg(path, systemError(error)));
        }
        written += n;
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        ::unlink(native.constData());
        return fail(QStringLiteral("cannot write %1: %2").arg(path, systemError(error)));
    }
    return Ok{};
}

std::optional<unsigned> secretFileTooOpen(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    const unsigned mode = unsigned(st.st_mode) & 07777u;
    if (mode & (S_IRGRP | S_IROTH))
        return mode;
    return std::nullopt;
}

} // namespace hk
