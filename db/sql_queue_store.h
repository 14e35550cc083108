#pragma once

#include "app/ports/queue_store.h"
#include "db/database.h"

namespace hk {

// The QueueStore on SQLite. Each operation is one IMMEDIATE transaction that writes the state
// change and the outbox event reporting it together (the transactional outbox, DESIGN §5).
class SqlQueueStore final : public QueueStore {
public:
    explicit SqlQueueStore(Database &database);

    Result<IssuedTicket, StoreError> issueWalkIn(const WalkInRequest &request) override;
    Result<void, StoreError> setPrintState(const QString &ticketId, PrintState state) override;
    Result<int, StoreError> waitingCount(const QString &groupCode, const CivilDate &serviceDate) override;
    Result<void, StoreError> recordEvent(const OutboxEvent &event) override;
    Result<OutboxStats, StoreError> outboxStats() override;

private:
    Result<void, StoreError> insertEvent(const OutboxEvent &event);

    Database &m_database;
};

} // namespace hk
