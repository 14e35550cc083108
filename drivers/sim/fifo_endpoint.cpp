#include "drivers/sim/fifo_endpoint.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hk {

Result<std::unique_ptr<FifoEndpoint>, QString> FifoEndpoint::create(const QString &path)
{
    std::unique_ptr<FifoEndpoint> endpoint(new FifoEndpoint(path));
    if (auto plugged = endpoint->plug(); !plugged)
        return fail(plugged.error());
    return endpoint;
}

FifoEndpoint::~FifoEndpoint()
{
    unplug();
}

Result<void, QString> FifoEndpoint::plug()
{
    if (m_reader >= 0)
        return Ok{};
    const QByteArray path = QFile::encodeName(m_path);
    ::unlink(path.constData());
    if (::mkfifo(path.constData(), 0600) != 0)
        return fail(QStringLiteral("mkfifo %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    m_reader = ::open(path.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    m_keepOpen = ::open(path.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (m_reader < 0 || m_keepOpen < 0) {
        const QString error = QString::fromLocal8Bit(std::strerror(errno));
        unplug();
        return fail(QStringLiteral("open %1: %2").arg(m_path, error));
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_reader, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &FifoEndpoint::onReadable);
    return Ok{};
}

void FifoEndpoint::unplug()
{
    m_notifier.reset();
    for (int *fd : {&m_reader, &m_keepOpen}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
    ::unlink(QFile::encodeName(m_path).constData());
}

void FifoEndpoint::onReadable()
{
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(m_reader, buffer, sizeof buffer);
        if (n > 0) {
            Q_EMIT received(QByteArray(buffer, n));
            if (m_reader < 0)
                return;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break;
    }
}

} // namespace hk
