#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <vector>

namespace hk {

// The last lines the program logged, kept in memory for the diagnostics bundle (DESIGN §12). While
// installed it is the process's Qt message handler and hands every message on to the handler that was
// there before, so what reaches journald or stderr does not change. Lines are formatted as that output
// is (qFormatLogMessage, the program's message pattern). Qt has one handler per process: one ring at a
// time is installed, and it must outlive every thread that logs while it is.
class LogRing {
public:
    static constexpr int kDefaultCapacity = 5000;

    explicit LogRing(int capacity = kDefaultCapacity);
    ~LogRing(); // uninstalls
    LogRing(const LogRing &) = delete;
    LogRing &operator=(const LogRing &) = delete;

    // Becomes the message handler, chaining the current one. False if another ring is installed.
    bool install();
    void uninstall();

    // The kept lines, oldest first.
    QStringList lines() const;
    int capacity() const { return m_capacity; }
    // Every line ever added, including those that fell out of the ring.
    qint64 total() const;

    void append(const QString &line);

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);

    const int m_capacity;
    mutable QMutex m_mutex;
    std::vector<QString> m_ring; // circular once full; m_next is the oldest then
    std::size_t m_next = 0;
    qint64 m_total = 0;
    bool m_installed = false;
    QtMessageHandler m_previous = nullptr;
};

} // namespace hk
