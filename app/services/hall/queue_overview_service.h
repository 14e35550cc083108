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
    // How long a ticket taken now can expect to wait: the people waiting × the group's recent
    // handling time ÷ its windows not paused. None when nothing was handled yet today, or no window
    // is open to the group.
    std::optional<qint64> expectedWaitS;
    qint64 targetS = 0; // Q5: the longest target of the group's matters

    bool pastTarget() const { return expectedWaitS && *expectedWaitS > targetS; }
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

    static constexpr int kHandledPerGroup = 5; // the recent handling time: a group's last 5 served

private:
    QueueOverviewReader &m_reader;
    QueueService &m_queue;
    const CatalogService &m_catalog;
    const Clock &m_clock;
};

} // namespace hk
