#pragma once

#include "app/ports/stores/complaint_store.h"
#include "app/domain/complexity.h"
#include "app/domain/queue/ticket.h"
#include "app/domain/time/civil_date.h"

#include <QDateTime>
#include <QString>

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace hk {

// The figures of DESIGN §13 for one service date or a span of them. An average, a percentile or a
// share with nothing to be taken over is absent (null in JSON), never 0.

struct KindFigures {
    int issued = 0;
    int served = 0;
    int passed = 0;  // passed (过号) at least once, whatever became of it
    int expired = 0; // ended expired at day close (a passed ticket never re-queued among them)
    std::optional<qint64> waitAvgS;
    std::optional<qint64> waitP50S;
    std::optional<qint64> waitP90S;
};

struct TargetFigures {
    int count = 0; // booked tickets called, whose wait is known
    std::optional<double> withinTargetShare;
};

struct BookedFigures : KindFigures {
    std::optional<double> withinTargetShare;
    std::map<Complexity, TargetFigures> byComplexity; // all three, always
};

struct HandlingFigures {
    int served = 0;
    std::optional<qint64> avgS;
    std::optional<qint64> p90S;
    std::optional<double> over20minShare;
};

struct WindowFigures {
    int number = 0;
    int served = 0;
    std::optional<qint64> avgHandlingS;
    std::optional<double> ratingAvg;
};

struct BookingFigures {
    int checkedIn = 0;
    int noShow = 0;
    int forfeited = 0;
};

struct RatingFigures {
    int count = 0;
    std::array<int, 5> byLevel{}; // [0] is level 1 … [4] level 5
    std::optional<double> satisfiedShare;
};

struct HourFigures {
    int hour = 0; // 0–23, the hall's clock
    int issued = 0;
    int called = 0;
    int maxWaiting = 0;
};

struct ReportFigures {
    CivilDate from;
    CivilDate to; // == from for a day
    KindFigures walkIn;
    BookedFigures booked;
    HandlingFigures handling;
    std::vector<WindowFigures> windows; // by number
    BookingFigures bookings;
    RatingFigures ratings;
    ComplaintCounts complaints; // the cases rated in the span; open, overdue and closed as of now
    std::vector<HourFigures> hours; // by hour
};

// One ticket's line of the CSV export: no booking, no applicant.
struct ReportRow {
    QString number;
    TicketKind kind = TicketKind::WalkIn;
    QString groupCode;
    TicketState state = TicketState::Waiting;
    QDateTime issuedAt; // in the hall's zone
    std::optional<QDateTime> calledAt;
    std::optional<QDateTime> finishedAt;
    std::optional<int> window;
    std::optional<qint64> waitS;
    std::optional<qint64> handlingS;
    std::optional<int> rating;
    QString ratingChannel; // who entered the rating (DESIGN §16); empty when not rated
};

struct Report {
    ReportFigures total;              // the day, or the span summed
    std::vector<ReportFigures> days;  // a span's every date in order; empty for a day
    std::vector<ReportRow> rows;      // every ticket of the span
};

struct ReportError {
    enum class Kind { BadRange, Store };
    Kind kind = Kind::Store;
    QString detail;
};

} // namespace hk
