#pragma once

#include "app/domain/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace hk {

// The device side of a link a simulated device is reached through: a pseudo-terminal (serial, or
// a stand-in for /dev/usb/lp0), a FIFO (a write-only lp device), or a TCP listener (port 9100, or
// the far end of a CUPS socket:// queue). It can be unplugged and plugged back, as a cable can.
class SimEndpoint : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // What the host is pointed at: a device path, or HOST:PORT.
    virtual QString address() const = 0;
    // A reply to the host; false when this link has no way back (a FIFO) or nobody is connected.
    virtual bool send(const QByteArray &bytes) = 0;
    // The host sees the device vanish (pty closed, connection reset, node removed).
    virtual void unplug() = 0;
    // The device is back at the same address.
    virtual Result<void, QString> plug() = 0;
    virtual bool isPlugged() const = 0;

Q_SIGNALS:
    void received(const QByteArray &bytes);
    void hostGone(); // one host connection ended (TCP): whatever it was sending is cut off
};

} // namespace hk
