#include "app/ports/devices/device_trace.h"

#include <QMutexLocker>

#include <algorithm>

namespace hk {

DeviceTrace::DeviceTrace(std::function<QDateTime()> now)
    : m_now(now ? std::move(now) : [] { return QDateTime::currentDateTimeUtc(); })
{
}

void DeviceTrace::record(DeviceFrame::Dir dir, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    DeviceFrame frame{m_now(), dir, bytes.left(kFrameBytes), bytes.size()};
    QMutexLocker lock(&m_mutex);
    (dir == DeviceFrame::Dir::Tx ? m_counters.bytesTx : m_counters.bytesRx) += bytes.size();
    m_frames.push_back(std::move(frame));
    while (m_frames.size() > size_t(kCapacity))
        m_frames.pop_front();
}

void DeviceTrace::sent(const QByteArray &bytes)
{
    record(DeviceFrame::Dir::Tx, bytes);
}

void DeviceTrace::received(const QByteArray &bytes)
{
    record(DeviceFrame::Dir::Rx, bytes);
}

void DeviceTrace::frameGood()
{
    QMutexLocker lock(&m_mutex);
    ++m_counters.framesGood;
}

void DeviceTrace::frameBad()
{
    QMutexLocker lock(&m_mutex);
    ++m_counters.framesBad;
}

void DeviceTrace::reconnected()
{
    QMutexLocker lock(&m_mutex);
    ++m_counters.reconnects;
}

void DeviceTrace::ticketPrinted()
{
    QMutexLocker lock(&m_mutex);
    ++m_counters.ticketsPrinted;
}

void DeviceTrace::error(const QString &why)
{
    const QDateTime at = m_now();
    QMutexLocker lock(&m_mutex);
    m_counters.lastError = why;
    m_counters.lastErrorAt = at;
}

DeviceCounters DeviceTrace::counters() const
{
    QMutexLocker lock(&m_mutex);
    return m_counters;
}

std::vector<DeviceFrame> DeviceTrace::frames(int limit) const
{
    QMutexLocker lock(&m_mutex);
    const size_t n = std::min(m_frames.size(), size_t(std::clamp(limit, 0, kCapacity)));
    return {m_frames.end() - std::ptrdiff_t(n), m_frames.end()};
}

} // namespace hk
