#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace hk {

// A serial port present on the machine, as the 端口 page lists it (DESIGN §12).
struct SerialPortEntry {
    QString path;        // the device node: /dev/ttyUSB0, /dev/pts/7 (a simulator's link)
    QStringList aliases; // names that lead to it: /dev/serial/by-id/…, /dev/hallkiosk/printer (§15)
    QString description;
    QString manufacturer;
    QString serialNumber;
    std::optional<quint16> vendorId;
    std::optional<quint16> productId;
};

// The serial ports present now: QSerialPortInfo's, and every node the by-id and stable-name folders
// link to (a pseudo-terminal is only found that way).
class SerialPortCatalog {
public:
    virtual ~SerialPortCatalog() = default;
    virtual QList<SerialPortEntry> ports() const = 0;
};

} // namespace hk
