#pragma once

#include "drivers/transports/byte_transport.h"

#include <QList>
#include <QTimer>

#include <functional>

namespace hk::test {

// A transport a test drives by hand (after QGroundControl's MockSerialPort): it records what is
// written, lets the test feed replies, and can fail opens, stall writes or drop the link.
class FakeTransport final : public ByteTransport {
    Q_OBJECT
public:
    using Responder = std::function<QByteArray(const QByteArray &written)>;

    void open() override
    {
        if (failOpen) {
            Q_EMIT openFailed(QStringLiteral("fake: cannot open"));
            return;
        }
        m_open = true;
        Q_EMIT opened();
    }
    void close() override { m_open = false; }
    bool isOpen() const override { return m_open; }
    bool write(const QByteArray &bytes) override
    {
        if (!m_open)
            return false;
        writes.append(bytes);
        if (!stallWrites)
            QTimer::singleShot(0, this, [this] { Q_EMIT written(); });
        if (responder) {
            const QByteArray reply = responder(bytes);
            if (!reply.isEmpty())
                QTimer::singleShot(0, this, [this, reply] { Q_EMIT received(reply); });
        }
        return true;
    }
    qint64 bytesToWrite() const override { return 0; }
    void discardInput() override { ++discards; }
    QString describe() const override { return QStringLiteral("fake:"); }

    void feed(const QByteArray &bytes) { Q_EMIT received(bytes); }
    void drop()
    {
        m_open = false;
        Q_EMIT lost(QStringLiteral("fake: unplugged"));
    }
    QByteArray allWritten() const
    {
        QByteArray all;
        for (const QByteArray &w : writes)
            all += w;
        return all;
    }

    QList<QByteArray> writes;
    Responder responder;
    bool failOpen = false;
    bool stallWrites = false;
    int discards = 0;

private:
    bool m_open = false;
};

} // namespace hk::test
