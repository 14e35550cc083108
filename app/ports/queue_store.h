#pragma once

#include "app/domain/civil_date.h"
#include "app/domain/result.h"
#include "app/domain/ticket.h"
#include "app/ports/outbox_event.h"
#include "app/ports/store_error.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hk {

struct WalkInRequest {
    QString groupCode;
    char prefix = 'A';
    CivilDate serviceDate; // the center's civil date the number belongs to
    QDateTime at;
    QString terminalId;
};

struct IssuedTicket {
    QString id; // UUID, carried in the ticket QR
    QString number;
    TicketKind kind = TicketKind::WalkIn;
    QString groupCode;
    CivilDate serviceDate;
    QDateTime issuedAt;
    int peopleAhead = 0; // waiting tickets of the same group issued before this one
};

struct OutboxStats {
    int depth = 0;
    std::optional<QDateTime> oldestPendingAt;
};

// The tickets of the hall and the outbox beside them. Every call is one transaction.
class QueueStore {
public:
    virtual ~QueueStore() = default;

    // Takes the next number of the group's series for the day, stores the ticket and its
    // `ticket_issued` event. Numbers are never reused within a day.
    virtual Result<IssuedTicket, StoreError> issueWalkIn(const WalkInRequest &request) = 0;
    virtual Result<void, StoreError> setPrintState(const QString &ticketId, PrintState state) = 0;
    virtual Result<int, StoreError> waitingCount(const QString &groupCode,
                                                 const CivilDate &serviceDate) = 0;
    // Records a fact that changes no ticket (a 帮办 request, a device fault).
    virtual Result<void, StoreError> recordEvent(const OutboxEvent &event) = 0;
    virtual Result<OutboxStats, StoreError> outboxStats() = 0;
};

} // namespace hk
