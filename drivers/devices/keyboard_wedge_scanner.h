#pragma once

#include "app/ports/devices/code_scanner.h"
#include "drivers/protocols/keyboard_wedge/input_event_decoder.h"
#include "drivers/transports/byte_transport.h"

namespace hk {

// A USB keyboard-wedge scanner (reference §4): the keystrokes it types, read as input_event
// records (EvdevTransport grabs the device, so they never type into the screen), back to text up
// to Enter. Only ASCII can be typed this way; booking codes and ticket codes are ASCII.
class KeyboardWedgeScanner final : public CodeScanner {
    Q_OBJECT
public:
    explicit KeyboardWedgeScanner(ByteTransport &transport, QObject *parent = nullptr);

    void start() override;
    DeviceHealth health() const override { return m_health; }
    QString name() const override { return QStringLiteral("scanner_keyboard"); }

private:
    void onReceived(const QByteArray &bytes);
    void setHealth(DeviceHealth health);

    ByteTransport &m_transport;
    InputEventDecoder m_decoder;
    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
};

} // namespace hk
