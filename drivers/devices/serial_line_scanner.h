#pragma once

#include "app/ports/devices/code_scanner.h"
#include "app/ports/devices/device_trace.h"
#include "drivers/protocols/scanner_line/scanner_line_decoder.h"
#include "drivers/transports/byte_transport.h"

#include <QTimer>

namespace hk {

// A QR / barcode scanner in serial line mode (reference §4), over any byte transport: bytes up to
// the configured suffix make one scan; a scanner that sends no suffix is read by the inter-byte
// timeout. Content is read as UTF-8 or, when it is not valid UTF-8, as GBK (GB 18030). With a
// trace, the bytes are recorded as they arrive, a line that decodes as a good frame, one that does
// not (or is too long) as a bad one.
class SerialLineScanner final : public CodeScanner {
    Q_OBJECT
public:
    struct Settings {
        ScannerLineDecoder::Suffix suffix = ScannerLineDecoder::Suffix::Cr;
        int interByteTimeoutMs = 100; // reference §4: about 50–100 ms
        QString name = QStringLiteral("scanner");
    };

    SerialLineScanner(ByteTransport &transport, Settings settings, QObject *parent = nullptr);

    void start() override;
    DeviceHealth health() const override { return m_health; }
    QString name() const override { return m_settings.name; }
    // Nullable, not owned: nothing is recorded without one.
    void setTrace(DeviceTrace *trace) { m_trace = trace; }

private:
    void onReceived(const QByteArray &bytes);
    void onEvent(const ScannerLineDecoder::Event &event);
    void setHealth(DeviceHealth health);

    ByteTransport &m_transport;
    Settings m_settings;
    ScannerLineDecoder m_decoder;
    QTimer m_interByte;
    DeviceTrace *m_trace = nullptr;
    bool m_wasLost = false;
    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
};

} // namespace hk
