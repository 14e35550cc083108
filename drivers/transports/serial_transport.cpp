#include "drivers/transports/serial_transport.h"

#include "drivers/transports/logging.h"

namespace hk {

SerialTransport::SerialTransport(SerialSettings settings, QObject *parent)
    : ByteTransport(parent)
    , m_settings(std::move(settings))
{
    m_reopen.setSingleShot(true);
    m_reopen.setInterval(m_settings.reopenIntervalMs);
    connect(&m_reopen, &QTimer::timeout, this, &SerialTransport::tryOpen);
    connect(&m_port, &QSerialPort::readyRead, this, [this] {
        const QByteArray bytes = m_port.readAll();
        if (!bytes.isEmpty()) {
            if (m_settings.logReceivedBytes)
                qCDebug(lcTransport).noquote() << describe() << "rx" << bytes.toHex(' ');
            else
                qCDebug(lcTransport).noquote() << describe() << "rx" << bytes.size() << "bytes";
            Q_EMIT received(bytes);
        }
    });
    connect(&m_port, &QSerialPort::bytesWritten, this, &SerialTransport::onBytesWritten);
    connect(&m_port, &QSerialPort::errorOccurred, this, &SerialTransport::onError);
}

SerialTransport::~SerialTransport()
{
    m_wanted = false;
    m_port.close();
}

QString SerialTransport::describe() const
{
    return QStringLiteral("serial:%1@%2").arg(m_settings.path).arg(m_settings.baud);
}

void SerialTransport::open()
{
    m_wanted = true;
    tryOpen();
}

void SerialTransport::close()
{
    m_wanted = false;
    m_reopen.stop();
    m_port.close();
}

void SerialTransport::tryOpen()
{
    if (!m_wanted || m_port.isOpen())
        return;
    // Names starting with '/' are used verbatim by QSerialPort; one canonical path avoids two
    // handles on one device (toolchain notes §2.1).
    m_port.setPortName(m_settings.path);
    m_port.setBaudRate(m_settings.baud);
    m_port.setDataBits(QSerialPort::Data8);
    m_port.setParity(m_settings.parity);
    m_port.setStopBits(QSerialPort::OneStop);
    m_port.setFlowControl(QSerialPort::NoFlowControl);
    if (!m_port.open(QIODevice::ReadWrite)) {
        const QString reason = m_port.errorString();
        if (reason != m_lastFailure) {
            qCWarning(lcTransport).noquote() << describe() << "cannot open:" << reason;
            m_lastFailure = reason;
            Q_EMIT openFailed(reason);
        }
        scheduleReopen();
        return;
    }
    m_lastFailure.clear();
    qCInfo(lcTransport).noquote() << describe() << "open";
    Q_EMIT opened();
}

bool SerialTransport::write(const QByteArray &bytes)
{
    if (!m_port.isOpen())
        return false;
    qCDebug(lcTransport).noquote() << describe() << "tx" << bytes.size() << "bytes";
    return m_port.write(bytes) == bytes.size();
}

void SerialTransport::discardInput()
{
    if (m_port.isOpen()) {
        m_port.readAll();
        m_port.clear(QSerialPort::Input);
    }
}

void SerialTransport::onBytesWritten()
{
    if (m_port.bytesToWrite() == 0)
        Q_EMIT written();
}

void SerialTransport::onError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
        return;
    if (!m_port.isOpen())
        return; // open() failures are handled in tryOpen()
    const QString reason = m_port.errorString();
    // A pty whose other end closed, or a USB adapter pulled out, reports a resource error; any
    // other error on an open port leaves it unusable too. Close, say so, and try again.
    qCWarning(lcTransport).noquote() << describe() << "lost:" << reason;
    m_port.close();
    m_lastFailure = reason;
    Q_EMIT lost(reason);
    scheduleReopen();
}

void SerialTransport::scheduleReopen()
{
    if (m_wanted && !m_reopen.isActive())
        m_reopen.start();
}

} // namespace hk
