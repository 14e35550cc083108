#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace hk {

// How the terminal's exchange with the platform stands (DESIGN §7, health `sync`). The sync
// service reports it; the health service shows it beside the outbox figures it reads itself.
struct SyncHealth {
    bool configured = false; // a platform URL is set
    bool online = false;     // the last exchange with the platform succeeded
    bool sender = false;     // this terminal sends the hall's outbox (it holds the SenderLease)
    std::optional<QDateTime> lastPull;
    std::optional<QDateTime> lastPush;
    std::optional<QDateTime> offlineSince; // the first failure of the current outage
    QString lastError;                     // the latest failure, for technicians; never personal data
    std::optional<qint64> clockOffsetS;    // the platform's clock minus the terminal's, once it said clock_skew
    int parked = 0;                        // events the platform rejected: kept, shown, never resent by themselves
    int catalogVersion = 0;                // the catalog in force

    friend bool operator==(const SyncHealth &, const SyncHealth &) = default;
};

} // namespace hk
