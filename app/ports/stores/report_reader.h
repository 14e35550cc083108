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

// One ticket as the supervisors' reports see it (DESIGN §13): its times, its window and its rating.
// No booking id, no applicant: nothing personal crosses this port.
struct ReportTicket {
    CivilDate serviceDate;
    QString number;
    TicketKind kind = TicketKind::WalkIn;
    QString groupCode;
    TicketState state = TicketState::Waiting;
    QDateTime issuedAt; // a booked ticket's check-in
    std::optional<QDateTime> slotStart;
    std::optional<Complexity> complexity;
    std::optional<QDateTime> calledAt;
    std::optional<QDateTime> finishedAt;
    std::optional<QDateTime> passedAt; // passed (过号) at least once, whatever became of it
    std::optional<int> window;
    std::optional<int> ratingLevel;
    std::optional<int> ratingWindow;
    QString ratingChannel; // "evaluator", "rate_page", "console", "ticket_qr"; empty when not rated
};

// The bookings of one service date by what became of them.
struct ReportBookings {
    CivilDate serviceDate;
    int checkedIn = 0; // checked in, served or not
    int noShow = 0;
    int forfeited = 0;
};

struct ReportData {
    std::vector<ReportTicket> tickets;   // in (service date, number series, number) order
    std::vector<ReportBookings> bookings; // days without bookings left out
};

// Reads what the reports are computed from: the tickets, ratings and bookings of a span of service
// dates, as one snapshot. Read-only: a report never changes what it reads.
class ReportReader {
public:
    virtual ~ReportReader() = default;
    // Every ticket whose service date is in [from, to], with its rating, and the bookings of those days.
    virtual Result<ReportData, StoreError> read(const CivilDate &from, const CivilDate &to) = 0;
};

} // namespace hk
