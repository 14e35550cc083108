#pragma once

#include "app/ports/devices/device_health.h"

#include <QObject>
#include <QString>

namespace hk {

// Why a scan gave no text.
struct ScanFailure {
    enum class Kind {
        Undecodable, // bytes that are neither UTF-8 nor GBK: a damaged read
        TooLong,     // longer than any code the terminal reads
    };
    Kind kind = Kind::Undecodable;
    QString detail;
};

// A QR / barcode scanner as the services see it — serial line mode, a keyboard wedge on evdev or a
// camera: each scan once, as text.
class CodeScanner : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual DeviceHealth health() const = 0;
    virtual QString name() const = 0; // "scanner", "scanner_keyboard", "camera": the health key

Q_SIGNALS:
    void scanned(const QString &text);
    void scanFailed(const hk::ScanFailure &failure);
    void healthChanged(const hk::DeviceHealth &health);
};

} // namespace hk

Q_DECLARE_METATYPE(hk::ScanFailure)
