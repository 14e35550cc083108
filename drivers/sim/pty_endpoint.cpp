#include "drivers/sim/pty_endpoint.h"

#include <cerrno>
#include <unistd.h>

namespace hk {

Result<std::unique_ptr<PtyEndpoint>, QString> PtyEndpoint::open(const QString &linkPath)
{
    std::unique_ptr<PtyEndpoint> endpoint(new PtyEndpoint(linkPath));
    if (auto plugged = endpoint->plug(); !plugged)
        return fail(plugged.error());
    return endpoint;
}

Result<void, QString> PtyEndpoint::plug()
{
    if (m_pty)
        return Ok{};
    auto pty = PseudoTerminal::open(m_linkPath);
    if (!pty)
        return fail(pty.error());
    m_pty = std::move(pty).value();
    m_notifier = std::make_unique<QSocketNotifier>(m_pty->masterFd(), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &PtyEndpoint::onReadable);
    return Ok{};
}

void PtyEndpoint::unplug()
{
    // Closing both sides hangs the host's descriptor up (EIO), as pulling a USB adapter does.
    m_notifier.reset();
    m_pty.reset();
}

bool PtyEndpoint::send(const QByteArray &bytes)
{
    return m_pty && ::write(m_pty->masterFd(), bytes.constData(), size_t(bytes.size())) == bytes.size();
}

void PtyEndpoint::onReadable()
{
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(m_pty->masterFd(), buffer, sizeof buffer);
        if (n > 0) {
            Q_EMIT received(QByteArray(buffer, n));
            if (!m_pty)
                return; // unplugged by whoever took those bytes
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // EAGAIN: drained
    }
}

} // namespace hk
