#include "drivers/transports/system_serial_port_catalog.h"

#include <QDir>
#include <QFileInfo>
#include <QSerialPortInfo>

#include <algorithm>
#include <map>
#include <sys/stat.h>

namespace hk {
namespace {

bool isCharacterDevice(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISCHR(st.st_mode);
}

// One name for a node however it is reached: /dev/serial/by-id/… and /dev/ttyUSB0 are one port.
QString nodeOf(const QString &path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return canonical.isEmpty() ? path : canonical;
}

} // namespace

QStringList SystemSerialPortCatalog::defaultLinkFolders()
{
    return {QStringLiteral("/dev/serial/by-id"), QStringLiteral("/dev/hallkiosk")};
}

SystemSerialPortCatalog::SystemSerialPortCatalog(QStringList linkFolders)
    : m_linkFolders(std::move(linkFolders))
{
}

QList<SerialPortEntry> SystemSerialPortCatalog::ports() const
{
    std::map<QString, SerialPortEntry> byNode; // sorted by the node's path
    for (const QSerialPortInfo &info : QSerialPortInfo::availablePorts()) {
        const QString node = nodeOf(info.systemLocation());
        SerialPortEntry &entry = byNode[node];
        entry.path = node;
        if (info.systemLocation() != node)
            entry.aliases << info.systemLocation();
        entry.description = info.description();
        entry.manufacturer = info.manufacturer();
        entry.serialNumber = info.serialNumber();
        if (info.hasVendorIdentifier())
            entry.vendorId = info.vendorIdentifier();
        if (info.hasProductIdentifier())
            entry.productId = info.productIdentifier();
    }
    for (const QString &folder : m_linkFolders) {
        const QDir dir(folder);
        const QFileInfoList links = dir.entryInfoList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo &link : links) {
            if (!link.isSymLink())
                continue;
            const QString node = link.canonicalFilePath(); // empty for a dangling link
            if (node.isEmpty() || !isCharacterDevice(node))
                continue;
            SerialPortEntry &entry = byNode[node];
            entry.path = node;
            const QString alias = link.absoluteFilePath();
            if (!entry.aliases.contains(alias))
                entry.aliases << alias;
        }
    }
    QList<SerialPortEntry> out;
    out.reserve(qsizetype(byNode.size()));
    for (auto &[node, entry] : byNode) {
        std::sort(entry.aliases.begin(), entry.aliases.end());
        out << std::move(entry);
    }
    return out;
}

} // namespace hk
