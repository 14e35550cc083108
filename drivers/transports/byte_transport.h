#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace hk {

// Moves bytes and knows no protocol (STYLE.md, after QGroundControl's LinkInterface). A transport
// reopens itself after it is lost, so a replugged device is used again without a restart.
class ByteTransport : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void open() = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    // Queues bytes for sending; false when closed. written() follows once all are out.
    virtual bool write(const QByteArray &bytes) = 0;
    virtual qint64 bytesToWrite() const = 0;
    // Drops bytes received but not yet delivered (stale replies before a new request).
    virtual void discardInput() = 0;
    virtual bool canRead() const { return true; }
    virtual QString describe() const = 0;
    // The device node this link holds for itself while open (a serial port, a USB printer), so a
    // second link to the same node must wait until this one lets go; empty when there is none.
    virtual QString devicePath() const { return {}; }

Q_SIGNALS:
    void opened();
    void lost(const QString &reason);   // was open, is gone (unplugged, reset, I/O error)
    void openFailed(const QString &reason);
    void received(const QByteArray &bytes);
    void written();                     // every queued byte has left
};

} // namespace hk
