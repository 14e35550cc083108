#pragma once

#include "app/domain/complexity.h"
#include "app/domain/queue/ticket.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace hk {

struct WaitingTicket {
    QString id;
    QString number;
    TicketKind kind = TicketKind::WalkIn;
    QString groupCode;
    QDateTime issuedAt; // a booked ticket's check-in
    std::optional<QDateTime> slotStart;
    std::optional<Complexity> complexity;
};

struct RecentCall {
    QString ticketId;
    QString number;
    int window = 0;
    QDateTime calledAt;
};

// A ticket served today: how long its window took with it (called to finished).
struct HandledTicket {
    QString groupCode;
    qint64 handlingS = 0;
};

// What the staff console and the hall display read of a day's queue: the tickets still waiting
// (counts, the at-risk list of Q5) and the last calls (the display after a restart).
class QueueOverviewReader {
public:
    virtual ~QueueOverviewReader() = default;
    virtual Result<std::vector<WaitingTicket>, StoreError> waiting(const CivilDate &serviceDate) = 0;
    // Newest first.
    virtual Result<std::vector<RecentCall>, StoreError> recentCalls(const CivilDate &serviceDate, int limit) = 0;
    // The last `limit` tickets served that day, newest first: the groups' recent handling times.
    virtual Result<std::vector<HandledTicket>, StoreError> recentlyHandled(const CivilDate &serviceDate, int limit) = 0;
};

} // namespace hk
