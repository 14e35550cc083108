#pragma once

#include "app/domain/result.h"
#include "app/ports/outbox_event.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace hk {

struct PendingEvent {
    qint64 seq = 0; // the order the events were written in
    OutboxEvent event;
    int attempts = 0;
};

struct ParkedEvent {
    QString id;
    QString reason; // the platform's error code
    QString type = {}; // when read back for technicians (parkedEvents); unused by settle
    std::optional<QDateTime> at = {};
};

struct OutboxCounts {
    int pending = 0;
    int parked = 0;
    std::optional<QDateTime> oldestPendingAt;
};

// The outbox (DESIGN §6, events): the stores write events in the transaction of the change they
// report; a fact that changes no ticket is appended here alone; the sender reads them in order and
// removes each only once the platform has accepted it or reported it a duplicate.
class OutboxStore {
public:
    virtual ~OutboxStore() = default;

    // Records a fact that changes no ticket (a 帮办 request, a device fault). The id is the caller's:
    // a second event with the same id is refused.
    virtual Result<void, StoreError> append(const OutboxEvent &event) = 0;

    // The oldest pending events, in the order they were written; parked ones are skipped.
    virtual Result<std::vector<PendingEvent>, StoreError> pending(int limit) = 0;
    // One transaction: `delivered` are removed, `parked` kept aside with their reason.
    virtual Result<void, StoreError> settle(const QStringList &delivered, const std::vector<ParkedEvent> &parked) = 0;
    // A try that did not settle these events: counted, with why, for technicians.
    virtual Result<void, StoreError> noteAttempt(const QStringList &ids, const QString &error) = 0;
    // The parked events, oldest first, for the maintenance menu (DESIGN §12).
    virtual Result<std::vector<ParkedEvent>, StoreError> parkedEvents(int limit) = 0;
    // A technician resends a parked event: it is pending again, in its place in the written order; false when no
    // parked event has that id.
    virtual Result<bool, StoreError> unpark(const QString &id) = 0;
    // For health and the sender: how many wait, how many are parked, since when the oldest waits.
    virtual Result<OutboxCounts, StoreError> counts() = 0;
};

} // namespace hk
