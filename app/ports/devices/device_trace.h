#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMutex>
#include <QString>

#include <deque>
#include <functional>
#include <vector>

namespace hk {

// One chunk of bytes as it crossed the wire, as the driver wrote or read it (DESIGN §12).
struct DeviceFrame {
    enum class Dir { Tx, Rx };
    QDateTime at;
    Dir dir = Dir::Tx;
    QByteArray bytes;   // at most DeviceTrace::kFrameBytes of them
    qsizetype size = 0; // how many crossed: a long ticket is kept by its head
};

// What a device did since start-up, for the maintenance menu's 设备 page and the diagnostics bundle.
struct DeviceCounters {
    qint64 bytesTx = 0;
    qint64 bytesRx = 0;
    qint64 framesGood = 0;     // replies or frames the protocol accepted
    qint64 framesBad = 0;      // malformed, bad checksum, unexpected, timed out
    qint64 reconnects = 0;     // the link came back after it was lost
    qint64 ticketsPrinted = 0; // printers only
    QString lastError;         // for technicians, English, never personal data
    QDateTime lastErrorAt;
};

// A device's counters and the ring of its last kCapacity frames, written by the driver itself at the
// point where it writes to or reads from its transport, so the log shows what really crossed the
// wire. Safe to use from any thread (the CUPS transport writes from its worker).
class DeviceTrace {
public:
    static constexpr int kCapacity = 200;
    static constexpr qsizetype kFrameBytes = 512;

    // `now` dates the frames; the system clock's UTC when not given.
    explicit DeviceTrace(std::function<QDateTime()> now = {});

    void sent(const QByteArray &bytes);
    void received(const QByteArray &bytes);
    void frameGood();
    void frameBad();
    void reconnected();
    void ticketPrinted();
    void error(const QString &why);

    DeviceCounters counters() const;
    // The last `limit` frames (at most kCapacity), oldest first.
    std::vector<DeviceFrame> frames(int limit = kCapacity) const;

private:
    void record(DeviceFrame::Dir dir, const QByteArray &bytes);

    std::function<QDateTime()> m_now;
    mutable QMutex m_mutex;
    DeviceCounters m_counters;
    std::deque<DeviceFrame> m_frames;
};

} // namespace hk
