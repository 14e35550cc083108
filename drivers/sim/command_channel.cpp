#include "drivers/sim/command_channel.h"

#include "drivers/sim/logging.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hk {

CommandChannel::CommandChannel(int fd, int replyFd, Handler handler, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_replyFd(replyFd)
    , m_handler(std::move(handler))
{
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &CommandChannel::onReadable);
}

std::unique_ptr<CommandChannel> CommandChannel::openFifo(const QString &path, Handler handler, QObject *parent)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st{};
    if (::stat(native.constData(), &st) == 0 && !S_ISFIFO(st.st_mode))
        QFile::remove(path);
    if (::mkfifo(native.constData(), 0600) != 0 && errno != EEXIST)
        return nullptr;
    // Opened read-write so the FIFO never reports end-of-file between writers.
    const int fd = ::open(native.constData(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    return std::make_unique<CommandChannel>(fd, -1, std::move(handler), parent);
}

CommandChannel::~CommandChannel()
{
    m_notifier.reset();
    if (m_fd > STDIN_FILENO)
        ::close(m_fd);
}

void CommandChannel::onReadable()
{
    char buffer[1024];
    const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
    if (n == 0) {
        m_notifier->setEnabled(false);
        Q_EMIT endOfInput();
        return;
    }
    if (n < 0)
        return;
    m_buffer.append(buffer, n);
    for (qsizetype eol = m_buffer.indexOf('\n'); eol >= 0; eol = m_buffer.indexOf('\n')) {
        const QString line = QString::fromUtf8(m_buffer.left(eol)).trimmed();
        m_buffer.remove(0, eol + 1);
        if (line.isEmpty())
            continue;
        const QString reply = m_handler(line);
        qCInfo(lcSim).noquote() << "control:" << line << "->" << reply.section(QLatin1Char('\n'), 0, 0);
        if (m_replyFd >= 0 && !reply.isEmpty()) {
            const QByteArray bytes = reply.toUtf8() + '\n';
            if (::write(m_replyFd, bytes.constData(), size_t(bytes.size())) < 0)
                qCWarning(lcSim) << "cannot write a control reply";
        }
    }
}

} // namespace hk
