#pragma once

#include "drivers/transports/byte_transport.h"

#include <QSocketNotifier>
#include <QTimer>

#include <memory>

namespace hk {

struct EvdevSettings {
    QString path;              // /dev/input/eventN (better: a /dev/input/by-id/… link)
    bool grab = true;          // EVIOCGRAB: the scanner's keystrokes never reach the screen
    int reopenIntervalMs = 1000;
};

// Reads the raw input_event records of a Linux input device (a keyboard-wedge scanner) and takes
// the device for itself with EVIOCGRAB, so what it types goes to no window (reference §4). It
// only reads; it reopens the device after it is unplugged.
class EvdevTransport final : public ByteTransport {
    Q_OBJECT
public:
    explicit EvdevTransport(EvdevSettings settings, QObject *parent = nullptr);
    ~EvdevTransport() override;

    void open() override;
    void close() override;
    bool isOpen() const override { return m_fd >= 0; }
    bool write(const QByteArray &) override { return false; }
    qint64 bytesToWrite() const override { return 0; }
    void discardInput() override {}
    QString describe() const override;
    bool isGrabbed() const { return m_grabbed; }

private:
    void tryOpen();
    void onReadable();
    void closeFd();

    EvdevSettings m_settings;
    int m_fd = -1;
    bool m_grabbed = false;
    bool m_wanted = false;
    QString m_lastFailure;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QTimer m_reopen;
};

} // namespace hk
