#include "app/process/log_ring.h"

#include <QMutexLocker>

#include <atomic>

namespace hk {
namespace {

// Qt's message handler is a plain function: it finds the ring here.
std::atomic<LogRing *> g_installed{nullptr};

} // namespace

LogRing::LogRing(int capacity)
    : m_capacity(qMax(1, capacity))
{
    m_ring.reserve(static_cast<std::size_t>(qMin(m_capacity, kDefaultCapacity)));
}

LogRing::~LogRing()
{
    uninstall();
}

bool LogRing::install()
{
    LogRing *expected = nullptr;
    if (!g_installed.compare_exchange_strong(expected, this))
        return expected == this;
    m_previous = qInstallMessageHandler(&LogRing::handle);
    m_installed = true;
    return true;
}

void LogRing::uninstall()
{
    if (!m_installed)
        return;
    qInstallMessageHandler(m_previous);
    g_installed.store(nullptr);
    m_installed = false;
}

void LogRing::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogRing *ring = g_installed.load();
    if (ring) {
        ring->append(qFormatLogMessage(type, context, message));
        if (ring->m_previous)
            ring->m_previous(type, context, message);
    }
}

void LogRing::append(const QString &line)
{
    QMutexLocker lock(&m_mutex);
    ++m_total;
    if (m_ring.size() < static_cast<std::size_t>(m_capacity)) {
        m_ring.push_back(line);
        return;
    }
    m_ring[m_next] = line;
    m_next = (m_next + 1) % m_ring.size();
}

QStringList LogRing::lines() const
{
    QMutexLocker lock(&m_mutex);
    QStringList out;
    out.reserve(static_cast<qsizetype>(m_ring.size()));
    for (std::size_t i = 0; i < m_ring.size(); ++i)
        out << m_ring[(m_next + i) % m_ring.size()];
    return out;
}

qint64 LogRing::total() const
{
    QMutexLocker lock(&m_mutex);
    return m_total;
}

} // namespace hk
