#pragma once

#include "app/domain/result.h"

#include <QString>

#include <functional>

namespace hk {

// Changes a running device's link or profile without a restart (DESIGN §12), where the device
// allows it. The composition root implements it: it alone knows how a URI becomes a transport.
class DeviceReconfigurer {
public:
    using Done = std::function<void(Result<void, QString>)>;
    virtual ~DeviceReconfigurer() = default;

    // The roles whose link can be changed while running ("printer", "idcard", "scanner", "hallbus").
    virtual QStringList reassignableRoles() const = 0;
    // Opens `uri` (a device URI, DESIGN §8) for `role`; once it is open the device moves to it and the
    // old link is closed. When it does not open (within a few seconds) the old link keeps running
    // and `done` says why. `done` runs exactly once, on the caller's thread.
    virtual void reassign(const QString &role, const QString &uri, Done done) = 0;
    // The printer's profile: a shipped name ("escpos-80mm") or a JSON file. A bad one changes nothing.
    virtual Result<void, QString> setPrinterProfile(const QString &profile) = 0;
    virtual QStringList shippedPrinterProfiles() const = 0;
};

} // namespace hk
