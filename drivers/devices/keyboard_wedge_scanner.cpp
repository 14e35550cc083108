#include "drivers/devices/keyboard_wedge_scanner.h"

#include "drivers/devices/logging.h"
#include "drivers/transports/evdev_transport.h"

namespace hk {

KeyboardWedgeScanner::KeyboardWedgeScanner(ByteTransport &transport, QObject *parent)
    : CodeScanner(parent)
    , m_transport(transport)
{
    connect(&m_transport, &ByteTransport::received, this, &KeyboardWedgeScanner::onReceived);
    connect(&m_transport, &ByteTransport::opened, this, [this] {
        if (std::exchange(m_wasLost, false) && m_trace)
            m_trace->reconnected();
        m_decoder.reset();
        const auto *evdev = qobject_cast<const EvdevTransport *>(&m_transport);
        if (evdev && !evdev->isGrabbed())
            setHealth({DeviceHealth::State::Warning,
                       QStringLiteral("%1 is not grabbed: scans may also type into the screen").arg(m_transport.describe()), std::nullopt});
        else
            setHealth({DeviceHealth::State::Ok, QStringLiteral("ready on %1").arg(m_transport.describe()), std::nullopt});
    });
    connect(&m_transport, &ByteTransport::lost, this, [this](const QString &reason) {
        m_wasLost = true;
        m_decoder.reset();
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1 lost: %2").arg(m_transport.describe(), reason), DeviceError::Offline});
    });
    connect(&m_transport, &ByteTransport::openFailed, this, [this](const QString &reason) {
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1: %2").arg(m_transport.describe(), reason), DeviceError::Offline});
    });
}

void KeyboardWedgeScanner::start()
{
    m_transport.open();
}

void KeyboardWedgeScanner::onReceived(const QByteArray &bytes)
{
    const auto events = m_decoder.feed(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size()));
    for (const InputEventDecoder::Event &event : events) {
        if (event.kind == InputEventDecoder::Event::Kind::Overflow) {
            qCWarning(lcScanner) << "keyboard scanner: dropped a line longer than" << InputEventDecoder::kMaxLength;
            if (m_trace) {
                m_trace->frameBad();
                m_trace->error(QStringLiteral("a typed line longer than %1 was dropped").arg(InputEventDecoder::kMaxLength));
            }
            Q_EMIT scanFailed({ScanFailure::Kind::TooLong, QStringLiteral("a typed line longer than %1").arg(InputEventDecoder::kMaxLength)});
            continue;
        }
        if (event.unknownKeys > 0)
            qCInfo(lcScanner) << "keyboard scanner:" << event.unknownKeys << "keys that type nothing known were left out";
        qCDebug(lcScanner) << "keyboard scanner: a line of" << event.text.size() << "characters";
        if (m_trace) {
            m_trace->received(QByteArray::fromStdString(event.text));
            m_trace->frameGood();
        }
        Q_EMIT scanned(QString::fromStdString(event.text));
    }
}

void KeyboardWedgeScanner::setHealth(DeviceHealth health)
{
    if (m_trace && health.error && health.state != DeviceHealth::State::Ok)
        m_trace->error(health.detail);
    if (health == m_health)
        return;
    m_health = std::move(health);
    Q_EMIT healthChanged(m_health);
}

} // namespace hk
