#pragma once

#include "app/ports/outbox_store.h"
#include "db/database.h"

namespace hk {

// The outbox table as the platform sender reads and settles it. The rows are written by the
// other stores, each in the transaction of the change it reports.
class SqlOutboxStore final : public OutboxStore {
public:
    explicit SqlOutboxStore(Database &database);

    Result<std::vector<PendingEvent>, StoreError> pending(int limit) override;
    Result<void, StoreError> settle(const QStringList &delivered, const std::vector<ParkedEvent> &parked) override;
    Result<void, StoreError> noteAttempt(const QStringList &ids, const QString &error) override;
    Result<OutboxCounts, StoreError> counts() override;

private:
    Database &m_database;
};

} // namespace hk
