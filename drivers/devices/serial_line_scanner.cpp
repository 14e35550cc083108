#include "drivers/devices/serial_line_scanner.h"

#include "drivers/devices/logging.h"

#include <QStringDecoder>

namespace hk {

SerialLineScanner::SerialLineScanner(ByteTransport &transport, Settings settings, QObject *parent)
    : CodeScanner(parent)
    , m_transport(transport)
    , m_settings(std::move(settings))
    , m_decoder(m_settings.suffix)
{
    m_interByte.setSingleShot(true);
    m_interByte.setInterval(m_settings.interByteTimeoutMs);
    connect(&m_interByte, &QTimer::timeout, this, [this] {
        if (auto event = m_decoder.flush())
            onEvent(*event);
    });
    connect(&m_transport, &ByteTransport::received, this, &SerialLineScanner::onReceived);
    connect(&m_transport, &ByteTransport::opened, this, [this] {
        if (std::exchange(m_wasLost, false) && m_trace)
            m_trace->reconnected();
        m_decoder.reset();
        setHealth({DeviceHealth::State::Ok, QStringLiteral("ready on %1").arg(m_transport.describe()), std::nullopt});
    });
    connect(&m_transport, &ByteTransport::lost, this, [this](const QString &reason) {
        m_wasLost = true;
        m_interByte.stop();
        m_decoder.reset();
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1 lost: %2").arg(m_transport.describe(), reason), DeviceError::Offline});
    });
    connect(&m_transport, &ByteTransport::openFailed, this, [this](const QString &reason) {
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1: %2").arg(m_transport.describe(), reason), DeviceError::Offline});
    });
}

void SerialLineScanner::start()
{
    m_transport.open();
}

void SerialLineScanner::onReceived(const QByteArray &bytes)
{
    qCDebug(lcScanner).noquote() << m_settings.name << "rx" << bytes.size() << "bytes";
    if (m_trace)
        m_trace->received(bytes);
    const auto events = m_decoder.feed(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size()));
    for (const ScannerLineDecoder::Event &event : events)
        onEvent(event);
    // A scanner without a suffix has finished when the line goes quiet.
    if (m_decoder.hasPending())
        m_interByte.start();
    else
        m_interByte.stop();
}

void SerialLineScanner::onEvent(const ScannerLineDecoder::Event &event)
{
    if (event.kind == ScannerLineDecoder::Event::Kind::Overflow) {
        qCWarning(lcScanner).noquote() << m_settings.name << "dropped a scan longer than" << ScannerLineDecoder::kDefaultMaxLength << "bytes";
        if (m_trace) {
            m_trace->frameBad();
            m_trace->error(QStringLiteral("a scan longer than %1 bytes was dropped").arg(ScannerLineDecoder::kDefaultMaxLength));
        }
        Q_EMIT scanFailed({ScanFailure::Kind::TooLong, QStringLiteral("a scan longer than %1 bytes").arg(ScannerLineDecoder::kDefaultMaxLength)});
        return;
    }
    const QByteArray bytes = QByteArray::fromStdString(event.bytes);
    QString text;
    switch (event.encoding) {
    case ScannedTextEncoding::Ascii:
    case ScannedTextEncoding::Utf8:
        text = QString::fromUtf8(bytes);
        break;
    case ScannedTextEncoding::Gb18030: {
        QStringDecoder gb18030("GB18030"); // by name: Qt's enum has no GB 18030 (toolchain notes §2.4)
        text = gb18030(bytes);
        if (gb18030.hasError())
            text.clear();
        break;
    }
    case ScannedTextEncoding::Binary:
        break;
    }
    if (text.isEmpty()) {
        qCWarning(lcScanner).noquote() << m_settings.name << "a scan of" << bytes.size() << "bytes is neither UTF-8 nor GBK";
        if (m_trace) {
            m_trace->frameBad();
            m_trace->error(QStringLiteral("a scan of %1 bytes is neither UTF-8 nor GBK").arg(bytes.size()));
        }
        Q_EMIT scanFailed({ScanFailure::Kind::Undecodable, QStringLiteral("%1 bytes neither UTF-8 nor GBK").arg(bytes.size())});
        return;
    }
    qCDebug(lcScanner).noquote() << m_settings.name << "scan of" << bytes.size() << "bytes:" << bytes.left(16).toHex(' ');
    if (m_trace)
        m_trace->frameGood();
    Q_EMIT scanned(text);
}

void SerialLineScanner::setHealth(DeviceHealth health)
{
    if (m_trace && health.error && health.state != DeviceHealth::State::Ok)
        m_trace->error(health.detail);
    if (health == m_health)
        return;
    m_health = std::move(health);
    Q_EMIT healthChanged(m_health);
}

} // namespace hk
