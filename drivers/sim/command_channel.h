#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <QString>

#include <functional>
#include <memory>

namespace hk {

// Reads control lines from a file descriptor (standard input, or a FIFO a technician can write to
// with `echo status paper_out > FIFO`) and hands each to a handler; answers go to `replyFd` if set.
class CommandChannel : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<QString(const QString &line)>;

    // Takes over `fd` (closes it at the end unless it is standard input).
    CommandChannel(int fd, int replyFd, Handler handler, QObject *parent = nullptr);
    // Creates (if needed) and opens a FIFO at `path`; it stays open for any number of writers.
    static std::unique_ptr<CommandChannel> openFifo(const QString &path, Handler handler, QObject *parent = nullptr);
    ~CommandChannel() override;

Q_SIGNALS:
    void endOfInput();

private:
    void onReadable();

    int m_fd;
    int m_replyFd;
    Handler m_handler;
    QByteArray m_buffer;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace hk
