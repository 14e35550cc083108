#include "drivers/sim/pseudo_terminal.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace hk {

Result<std::unique_ptr<PseudoTerminal>, QString> PseudoTerminal::open(const QString &linkPath)
{
    std::unique_ptr<PseudoTerminal> pty(new PseudoTerminal);
    char name[256] = {};
    termios raw{};
    cfmakeraw(&raw);
    if (::openpty(&pty->m_master, &pty->m_slave, name, &raw, nullptr) != 0)
        return fail(QStringLiteral("openpty: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    ::fcntl(pty->m_master, F_SETFL, ::fcntl(pty->m_master, F_GETFL) | O_NONBLOCK);
    ::fcntl(pty->m_master, F_SETFD, FD_CLOEXEC);
    ::fcntl(pty->m_slave, F_SETFD, FD_CLOEXEC);
    pty->m_slavePath = QString::fromLocal8Bit(name);
    if (!linkPath.isEmpty()) {
        QFile::remove(linkPath);
        if (!QFile::link(pty->m_slavePath, linkPath))
            return fail(QStringLiteral("cannot link %1 to %2").arg(linkPath, pty->m_slavePath));
        pty->m_linkPath = linkPath;
    }
    return pty;
}

PseudoTerminal::~PseudoTerminal()
{
    if (!m_linkPath.isEmpty())
        QFile::remove(m_linkPath);
    if (m_slave >= 0)
        ::close(m_slave);
    if (m_master >= 0)
        ::close(m_master);
}

} // namespace hk
