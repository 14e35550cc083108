#pragma once

#include "drivers/transports/byte_transport.h"

#include <QSocketNotifier>
#include <QTimer>

#include <memory>
#include <sys/types.h>

namespace hk {

struct UsbLpSettings {
    QString path;               // /dev/usb/lp0, or a stand-in (pty, FIFO) at a path
    int reopenIntervalMs = 250; // how often a missing device is looked for, and a present one checked
};

// The Linux USB printer class device (/dev/usb/lp*) as a byte transport: raw, non-blocking reads
// and writes on the device node. Read-back (DLE EOT replies) works where the printer is
// bidirectional; a device that refuses reads, or a FIFO, is used write-only (canRead() false).
// The device node vanishing (unplugged) or any I/O error closes it; it is looked for again every
// reopenIntervalMs, so a replugged printer is used again without a restart.
class UsbLpTransport final : public ByteTransport {
    Q_OBJECT
public:
    explicit UsbLpTransport(UsbLpSettings settings, QObject *parent = nullptr);
    ~UsbLpTransport() override;

    void open() override;
    void close() override;
    bool isOpen() const override { return m_fd >= 0; }
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override { return m_pending.size(); }
    void discardInput() override;
    bool canRead() const override { return m_fd >= 0 && m_canRead; }
    QString describe() const override;
    QString devicePath() const override { return m_settings.path; }

private:
    void tryOpen();
    void onReadable();
    void flush();
    void checkPresence();
    void closeFd();
    void drop(const QString &reason);   // lost, now
    void dropLater(const QString &reason); // lost, from the event loop (never inside write())
    void scheduleReopen();

    UsbLpSettings m_settings;
    int m_fd = -1;
    bool m_canRead = false;
    dev_t m_device = 0; // what was opened, to notice a different device at the same path
    ino_t m_inode = 0;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    QByteArray m_pending;
    QTimer m_reopen;
    QTimer m_presence;
    bool m_broken = false; // a write failed; lost() is on its way
    bool m_wanted = false;
    QString m_lastFailure;
};

} // namespace hk
