#pragma once

#include "app/domain/catalog.h"
#include "app/domain/queue/ticket.h"
#include "app/domain/result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace hk {

// One citizen of a simulated day (DESIGN §9): the CSV header is
// arrival,kind,group,complexity,slot_start,service_min.
struct TraceRow {
    std::optional<int> arrival; // seconds of the day; empty: a booking whose citizen never comes
    TicketKind kind = TicketKind::WalkIn;
    QString group;
    Complexity complexity = Complexity::General;
    std::optional<int> slotStart; // seconds of the day, booked only
    double serviceMinutes = 0;
};

class Trace {
public:
    static Result<std::vector<TraceRow>, QString> parse(const QByteArray &csv);
    static Result<std::vector<TraceRow>, QString> loadFile(const QString &path);
    static QByteArray write(const std::vector<TraceRow> &rows);
};

QString formatSecondOfDay(int seconds); // "HH:MM:SS"

} // namespace hk
