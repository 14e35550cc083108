#include "drivers/transports/evdev_transport.h"

#include "drivers/transports/logging.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace hk {

EvdevTransport::EvdevTransport(EvdevSettings settings, QObject *parent)
    : ByteTransport(parent)
    , m_settings(std::move(settings))
{
    m_reopen.setSingleShot(true);
    m_reopen.setInterval(m_settings.reopenIntervalMs);
    connect(&m_reopen, &QTimer::timeout, this, &EvdevTransport::tryOpen);
}

EvdevTransport::~EvdevTransport()
{
    m_wanted = false;
    closeFd();
}

QString EvdevTransport::describe() const
{
    return QStringLiteral("evdev:%1").arg(m_settings.path);
}

void EvdevTransport::open()
{
    m_wanted = true;
    tryOpen();
}

void EvdevTransport::close()
{
    m_wanted = false;
    m_reopen.stop();
    closeFd();
}

void EvdevTransport::closeFd()
{
    m_notifier.reset();
    if (m_fd >= 0) {
        if (m_grabbed)
            ::ioctl(m_fd, EVIOCGRAB, 0);
        ::close(m_fd);
    }
    m_fd = -1;
    m_grabbed = false;
}

void EvdevTransport::tryOpen()
{
    if (!m_wanted || m_fd >= 0)
        return;
    const QByteArray path = QFile::encodeName(m_settings.path);
    const int fd = ::open(path.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        if (reason != m_lastFailure) {
            qCWarning(lcTransport).noquote() << describe() << "cannot open:" << reason;
            m_lastFailure = reason;
            Q_EMIT openFailed(reason);
        }
        m_reopen.start();
        return;
    }
    m_fd = fd;
    m_lastFailure.clear();
    if (m_settings.grab) {
        if (::ioctl(m_fd, EVIOCGRAB, 1) == 0) {
            m_grabbed = true;
        } else {
            // Not an input device (a test's pty), or another program holds it: the scans still
            // arrive, but may also type into whatever has the focus.
            qCWarning(lcTransport).noquote() << describe() << "cannot take the device for itself (EVIOCGRAB):"
                                             << QString::fromLocal8Bit(std::strerror(errno));
        }
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &EvdevTransport::onReadable);
    qCInfo(lcTransport).noquote() << describe() << "open" << (m_grabbed ? "(grabbed)" : "(not grabbed)");
    Q_EMIT opened();
}

void EvdevTransport::onReadable()
{
    char buffer[64 * sizeof(input_event)];
    const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
    if (n > 0) {
        Q_EMIT received(QByteArray(buffer, qsizetype(n)));
        return;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    // ENODEV: unplugged; 0 or EIO: the other end is gone. Close, say so, look again later.
    const QString reason = n == 0 ? QStringLiteral("end of input") : QString::fromLocal8Bit(std::strerror(errno));
    qCWarning(lcTransport).noquote() << describe() << "lost:" << reason;
    closeFd();
    m_lastFailure = reason;
    Q_EMIT lost(reason);
    if (m_wanted)
        m_reopen.start();
}

} // namespace hk
