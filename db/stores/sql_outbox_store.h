#pragma once

#include "app/ports/stores/outbox_store.h"
#include "db/database.h"

#include <QSqlQuery>

namespace hk {

// Writes `event` into the outbox with `query`, inside the caller's transaction: every store reports
// its change in the transaction that makes it (DESIGN §5, §6), so the platform hears of it once.
Result<void, StoreError> insertOutboxEvent(QSqlQuery &query, const OutboxEvent &event);

// The outbox table: a fact appended on its own, the platform sender's reads and settlements, the
// counts health shows. The other stores write their rows with `insertOutboxEvent`, each in the
// transaction of the change it reports.
class SqlOutboxStore final : public OutboxStore {
public:
    explicit SqlOutboxStore(Database &database);

    Result<void, StoreError> append(const OutboxEvent &event) override;
    Result<std::vector<PendingEvent>, StoreError> pending(int limit) override;
    Result<void, StoreError> settle(const QStringList &delivered, const std::vector<ParkedEvent> &parked) override;
    Result<void, StoreError> noteAttempt(const QStringList &ids, const QString &error) override;
    Result<OutboxCounts, StoreError> counts() override;
    Result<std::vector<ParkedEvent>, StoreError> parkedEvents(int limit) override;
    Result<bool, StoreError> unpark(const QString &id) override;

private:
    Database &m_database;
};

} // namespace hk
