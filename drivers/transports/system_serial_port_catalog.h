#pragma once

#include "app/ports/maintenance/serial_port_catalog.h"

#include <QStringList>

namespace hk {

// The serial ports of this machine (DESIGN §12, 端口): QSerialPortInfo's list, and every symlink in
// the link folders that leads to a character device — /dev/serial/by-id (udev's names) and
// /dev/hallkiosk (the stable names of §15); a pseudo-terminal, such as a simulator's, is only found
// that way. A node reached both ways is one entry, its links listed as aliases; a dangling link, or
// one to anything but a character device, is left out. Vendor, product, description, maker and
// serial number come from QSerialPortInfo where it knows the node.
class SystemSerialPortCatalog final : public SerialPortCatalog {
public:
    static QStringList defaultLinkFolders();

    explicit SystemSerialPortCatalog(QStringList linkFolders = defaultLinkFolders());

    QList<SerialPortEntry> ports() const override;

private:
    QStringList m_linkFolders;
};

} // namespace hk
