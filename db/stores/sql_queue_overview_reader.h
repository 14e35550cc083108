#pragma once

#include "app/ports/stores/queue_overview_reader.h"
#include "db/database.h"

namespace hk {

class SqlQueueOverviewReader final : public QueueOverviewReader {
public:
    explicit SqlQueueOverviewReader(Database &database);
    Result<std::vector<WaitingTicket>, StoreError> waiting(const CivilDate &serviceDate) override;
    Result<std::vector<RecentCall>, StoreError> recentCalls(const CivilDate &serviceDate, int limit) override;
    Result<std::vector<HandledTicket>, StoreError> recentlyHandled(const CivilDate &serviceDate, int limit) override;

private:
    Database &m_database;
};

} // namespace hk
