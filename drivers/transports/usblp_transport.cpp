#include "drivers/transports/usblp_transport.h"

#include "drivers/transports/logging.h"

#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hk {
namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// write(2) that turns a FIFO without a reader into EPIPE instead of a SIGPIPE that would end the
// terminal: SIGPIPE is blocked on this thread for the call, and one it raised is consumed.
ssize_t writeWithoutSigpipe(int fd, const char *data, size_t size)
{
    sigset_t pipeSet;
    sigset_t old;
    sigemptyset(&pipeSet);
    sigaddset(&pipeSet, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSet, &old);
    const ssize_t n = ::write(fd, data, size);
    const int error = errno;
    if (n < 0 && error == EPIPE && !sigismember(&old, SIGPIPE)) {
        const timespec zero{};
        while (sigtimedwait(&pipeSet, nullptr, &zero) < 0 && errno == EINTR) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = error;
    return n;
}

} // namespace

UsbLpTransport::UsbLpTransport(UsbLpSettings settings, QObject *parent)
    : ByteTransport(parent)
    , m_settings(std::move(settings))
{
    m_reopen.setSingleShot(true);
    m_reopen.setInterval(m_settings.reopenIntervalMs);
    connect(&m_reopen, &QTimer::timeout, this, &UsbLpTransport::tryOpen);
    m_presence.setInterval(m_settings.reopenIntervalMs);
    connect(&m_presence, &QTimer::timeout, this, &UsbLpTransport::checkPresence);
}

UsbLpTransport::~UsbLpTransport()
{
    m_wanted = false;
    closeFd();
}

QString UsbLpTransport::describe() const
{
    return QStringLiteral("usblp:%1").arg(m_settings.path);
}

void UsbLpTransport::open()
{
    m_wanted = true;
    tryOpen();
}

void UsbLpTransport::close()
{
    m_wanted = false;
    m_reopen.stop();
    closeFd();
}

void UsbLpTransport::tryOpen()
{
    if (!m_wanted || m_fd >= 0)
        return;
    const QByteArray path = QFile::encodeName(m_settings.path);
    struct stat info {};
    int fd = -1;
    QString failure;
    if (::stat(path.constData(), &info) != 0) {
        failure = errnoText(errno);
    } else {
        // A FIFO opened for reading would swallow our own writes: a FIFO is write-only. A device
        // that refuses O_RDWR (a unidirectional printer's node may) is tried write-only too.
        const bool fifo = S_ISFIFO(info.st_mode);
        m_canRead = !fifo;
        fd = ::open(path.constData(), (fifo ? O_WRONLY : O_RDWR) | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0 && !fifo && (errno == EACCES || errno == EINVAL || errno == EROFS || errno == EPERM)) {
            m_canRead = false;
            fd = ::open(path.constData(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        }
        if (fd < 0)
            failure = errno == ENXIO && fifo ? QStringLiteral("no printer on the other end") : errnoText(errno);
    }
    if (fd < 0) {
        if (failure != m_lastFailure) {
            qCWarning(lcTransport).noquote() << describe() << "cannot open:" << failure;
            m_lastFailure = failure;
            Q_EMIT openFailed(failure);
        }
        scheduleReopen();
        return;
    }
    m_fd = fd;
    m_device = info.st_rdev;
    m_inode = info.st_ino;
    m_lastFailure.clear();
    m_readNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &UsbLpTransport::onReadable);
    // A write-only FIFO reports POLLERR when its reader goes; the read notifier sees that too.
    m_writeNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &UsbLpTransport::flush);
    m_presence.start();
    qCInfo(lcTransport).noquote() << describe() << "open" << (m_canRead ? "read-write" : "write-only");
    Q_EMIT opened();
}

void UsbLpTransport::closeFd()
{
    m_presence.stop();
    m_readNotifier.reset();
    m_writeNotifier.reset();
    m_pending.clear();
    m_broken = false;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

bool UsbLpTransport::write(const QByteArray &bytes)
{
    if (m_fd < 0)
        return false;
    qCDebug(lcTransport).noquote() << describe() << "tx" << bytes.size() << "bytes";
    if (m_broken)
        return false;
    m_pending.append(bytes);
    flush();
    return !m_broken;
}

void UsbLpTransport::flush()
{
    while (m_fd >= 0 && !m_broken && !m_pending.isEmpty()) {
        const ssize_t n = writeWithoutSigpipe(m_fd, m_pending.constData(), size_t(m_pending.size()));
        if (n > 0) {
            m_pending.remove(0, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writeNotifier->setEnabled(true); // the printer's buffer is full: wait until it drains
            return;
        }
        dropLater(n < 0 ? errnoText(errno) : QStringLiteral("write returned 0"));
        return;
    }
    if (m_fd < 0 || m_broken)
        return;
    m_writeNotifier->setEnabled(false);
    // Queued, so that written() never runs inside the write() call that queued the bytes.
    QMetaObject::invokeMethod(this, [this] {
        if (m_fd >= 0 && m_pending.isEmpty())
            Q_EMIT written();
    }, Qt::QueuedConnection);
}

void UsbLpTransport::onReadable()
{
    if (!m_canRead) {
        // Write-only: nothing to read, but the kernel reports a hang-up (a FIFO's reader gone,
        // an unplugged device) the same way.
        pollfd p{m_fd, POLLOUT, 0};
        if (::poll(&p, 1, 0) > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)))
            drop(QStringLiteral("the device went away"));
        else if (m_readNotifier)
            m_readNotifier->setEnabled(false); // nothing to report; the presence check goes on
        return;
    }
    char buffer[512];
    QByteArray bytes;
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n > 0) {
            bytes.append(buffer, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0 && m_canRead && (errno == EINVAL || errno == EOPNOTSUPP || errno == ENOSYS)) {
            // A unidirectional printer: no read-back, so no DLE EOT either.
            qCInfo(lcTransport).noquote() << describe() << "does not read back; using it write-only";
            m_canRead = false;
            break;
        }
        if (n == 0 && m_canRead)
            break; // a read that returned nothing; usblp does this for zero-length replies
        // EIO (a pty whose other end closed), ENODEV (unplugged), POLLERR on a FIFO: gone.
        drop(n < 0 ? errnoText(errno) : QStringLiteral("the device went away"));
        return;
    }
    if (!bytes.isEmpty()) {
        qCDebug(lcTransport).noquote() << describe() << "rx" << bytes.toHex(' ');
        Q_EMIT received(bytes);
    }
}

void UsbLpTransport::discardInput()
{
    if (m_fd < 0 || !m_canRead)
        return;
    char buffer[256];
    while (::read(m_fd, buffer, sizeof buffer) > 0) {
    }
}

void UsbLpTransport::checkPresence()
{
    // A write-only device never reports a hang-up by itself: look at the node instead.
    struct stat info {};
    const QByteArray path = QFile::encodeName(m_settings.path);
    if (::stat(path.constData(), &info) != 0)
        drop(QStringLiteral("%1 is gone").arg(m_settings.path));
    else if (info.st_rdev != m_device || info.st_ino != m_inode)
        drop(QStringLiteral("%1 is another device now").arg(m_settings.path));
}

void UsbLpTransport::drop(const QString &reason)
{
    if (m_fd < 0)
        return;
    qCWarning(lcTransport).noquote() << describe() << "lost:" << reason;
    closeFd();
    m_lastFailure = reason;
    Q_EMIT lost(reason);
    scheduleReopen();
}

void UsbLpTransport::dropLater(const QString &reason)
{
    // Stop using the descriptor at once, report it from the event loop.
    m_broken = true;
    m_readNotifier.reset();
    m_writeNotifier->setEnabled(false);
    QMetaObject::invokeMethod(this, [this, reason] { drop(reason); }, Qt::QueuedConnection);
    m_pending.clear();
}

void UsbLpTransport::scheduleReopen()
{
    if (m_wanted && !m_reopen.isActive())
        m_reopen.start();
}

} // namespace hk
