#pragma once

#include "app/ports/devices/code_scanner.h"
#include "app/ports/devices/device_trace.h"
#include "drivers/protocols/keyboard_wedge/input_event_decoder.h"
#include "drivers/transports/byte_transport.h"

namespace hk {

// A USB keyboard-wedge scanner (reference §4): the keystrokes it types, read as input_event
// records (EvdevTransport grabs the device, so they never type into the screen), back to text up
// to Enter. Only ASCII can be typed this way; booking codes and ticket codes are ASCII. With a
// trace, each line it decoded is recorded as received (the raw records are 24 bytes a key stroke
// and say nothing to a technician) and counted a good frame; an overlong line is a bad one.
class KeyboardWedgeScanner final : public CodeScanner {
    Q_OBJECT
public:
    explicit KeyboardWedgeScanner(ByteTransport &transport, QObject *parent = nullptr);

    void start() override;
    DeviceHealth health() const override { return m_health; }
    QString name() const override { return QStringLiteral("scanner_keyboard"); }
    // Nullable, not owned: nothing is recorded without one.
    void setTrace(DeviceTrace *trace) { m_trace = trace; }

private:
    void onReceived(const QByteArray &bytes);
    void setHealth(DeviceHealth health);

    ByteTransport &m_transport;
    InputEventDecoder m_decoder;
    DeviceTrace *m_trace = nullptr;
    bool m_wasLost = false;
    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
};

} // namespace hk
