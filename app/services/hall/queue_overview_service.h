#pragma once

#include "app/ports/clock.h"
#include "app/ports/stores/queue_overview_reader.h"
#include "app/services/catalog_service.h"
#include "app/services/queue_service.h"

#include <QList>

namespace hk {

struct GroupWaiting {
    QString code;
    QString name;
    int waiting = 0;
    int bookedWaiting = 0;
    std::optional<qint64> oldestWaitS;
};

// A booked ticket past 80 % of its 10/30/60 target (Q5), and a window that could take it.
struct AtRiskTicket {
    QString ticketId;
    QString number;
    QString group;
    qint64 waitedS = 0;
    qint64 targetS = 0;
    bool overdue = false;
    std::optional<int> suggestWindow; // a normal-mode window of its group to switch to 预约办理
};

struct QueueOverview {
    QList<GroupWaiting> groups;
    QList<AtRiskTicket> atRisk;
};

// What the staff console shows of the hall's queue (DESIGN §7, GET /api/v1/queue): the waiting
// counts per group and the booked tickets at risk of their wait target, with a suggestion.
class QueueOverviewService {
public:
    QueueOverviewService(QueueOverviewReader &reader, QueueService &queue, const CatalogService &catalog, const Clock &clock);

    Result<QueueOverview, StoreError> overview();
    Result<std::vector<RecentCall>, StoreError> recentCalls(int limit);

private:
    QueueOverviewReader &m_reader;
    QueueService &m_queue;
    const CatalogService &m_catalog;
    const Clock &m_clock;
};

} // namespace hk
