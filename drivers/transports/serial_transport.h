#pragma once

#include "drivers/transports/byte_transport.h"

#include <QSerialPort>
#include <QTimer>

namespace hk {

struct SerialSettings {
    QString path;
    int baud = 9600;
    QSerialPort::Parity parity = QSerialPort::NoParity;
    int reopenIntervalMs = 500;
    // Received bytes go to the debug log as hex, unless they may be a person's data (an ID card's
    // text): then only their count does.
    bool logReceivedBytes = true;
};

class SerialTransport final : public ByteTransport {
    Q_OBJECT
public:
    explicit SerialTransport(SerialSettings settings, QObject *parent = nullptr);
    ~SerialTransport() override;

    void open() override;
    void close() override;
    bool isOpen() const override { return m_port.isOpen(); }
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override { return m_port.isOpen() ? m_port.bytesToWrite() : 0; }
    void discardInput() override;
    QString describe() const override;
    QString devicePath() const override { return m_settings.path; }

private:
    void tryOpen();
    void onError(QSerialPort::SerialPortError error);
    void onBytesWritten();
    void scheduleReopen();

    SerialSettings m_settings;
    QSerialPort m_port;
    QTimer m_reopen;
    bool m_wanted = false;      // open() was called and close() was not
    QString m_lastFailure;      // report a failing open once, not every retry
};

} // namespace hk
