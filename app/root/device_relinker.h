#pragma once

#include "app/ports/maintenance/device_reconfigurer.h"
#include "drivers/transports/serial_transport.h"

#include <functional>
#include <map>

namespace hk {

class QueuedTicketPrinter;
class RelinkableTransport;

// The maintenance menu's port and profile changes (DESIGN §12) on the running devices: each device
// role that runs over a byte transport runs over a RelinkableTransport, and a port assigned to it
// (a `serial:` URI) is opened beside it and taken over once it opens; the printer's profile is
// loaded and handed to the printer for its next ticket. Part of the composition root.
class DeviceRelinker final : public DeviceReconfigurer {
public:
    struct Link {
        RelinkableTransport *transport = nullptr;
        SerialSettings defaults; // what the role's setup uses besides the path and the baud
    };
    using Moved = std::function<void(const QString &role, const QString &uri)>;
    using ProfileChanged = std::function<void(const QString &profile)>;

    static constexpr int kOpenTimeoutMs = 5000;

    DeviceRelinker(std::map<QString, Link> links, QueuedTicketPrinter *printer, QString profileDir, Moved moved,
                   ProfileChanged profileChanged);

    QStringList reassignableRoles() const override;
    void reassign(const QString &role, const QString &uri, Done done) override;
    Result<void, QString> setPrinterProfile(const QString &profile) override;
    QStringList shippedPrinterProfiles() const override;

private:
    std::map<QString, Link> m_links;
    QueuedTicketPrinter *m_printer;
    QString m_profileDir;
    Moved m_moved;
    ProfileChanged m_profileChanged;
};

} // namespace hk
