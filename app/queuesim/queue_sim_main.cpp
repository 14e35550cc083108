// hallkiosk-queue-sim: replays a day's arrivals through the terminal's own queue code and reports
// what the calling policy does to citizens' waits (DESIGN §9).

#include "app/queuesim/day_simulation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>

namespace {

const char *kHelp = R"(Replays a day's arrivals through the terminal's queue (the same domain rules and
SQLite queue code, in memory) with a simulated clock and simulated staff, and reports the waits.

  hallkiosk-queue-sim --trace FILE.csv --hall FILE.json [--policy P] [--json | --day-report]

The trace (CSV) has the header
  arrival,kind,group,complexity,slot_start,service_min
  arrival      HH:MM:SS on the simulated day; empty for a booking whose citizen never comes
  kind         walkin | booked
  group        a group code (the hall file's windows name the same codes)
  complexity   general | complex | special (booked waits are judged against 10/30/60 min)
  slot_start   HH:MM:SS, bookings only (empty for walk-ins)
  service_min  minutes at the window, a decimal

The hall file (JSON):
  {"date": "YYYY-MM-DD", "windows": [{"number": 1, "groups": ["SB", "BDC"], "mode": "normal|booking"}],
   "lunch": false}
  groups ["*"] serves every group. Hours are the catalog defaults, 09:00-12:00 and 13:00-17:00;
  windows close for lunch unless "lunch": true. Tickets are issued from 08:30 to 17:00.

Simulated staff: each open window calls next whenever it is free and serves for service_min.
Policies (DESIGN §3 Q2): booked_first calls eligible booked tickets before walk-ins;
interleave:N calls one walk-in after every N booked calls in a row; slack:F (F 0-1, default 0.6)
calls the oldest ticket of either kind unless a booked ticket's time left to its target (in open
minutes) has fallen to F x its target or less, the least time left first; fifo is arrival order.

A booking checks in on arrival (from 120 min before its slot; earlier citizens come back then);
more than 30 min late, it is counted as a walk-in. Booked priority starts at
max(check-in, slot - 15 min). What is still waiting at 17:00 expires.

Report: for booked and walk-in tickets the wait p50/p90/max (minutes, nearest-rank, over the
tickets that were called; open minutes only, as the day's report counts them: the door before
opening and lunch are not waiting; a walk-in's from arrival, a booked one's from the later of
check-in and slot start), the share of booked tickets called within their 10/30/60 target (of
all booked tickets), window utilisation (serving minutes / (open minutes x windows)), expired
tickets and booking no-shows. --json prints
  {"policy", "booked": {"count", "wait_p50_min", "wait_p90_min", "wait_max_min",
   "within_target_share"}, "walkin": {"count", "wait_p50_min", "wait_p90_min", "wait_max_min"},
   "utilisation", "expired", "no_show", "late_as_walkin", "turned_away"}

Exit status: 0 done, 2 usage or input error.
)";

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The report is the output; the queue's log is noise here. Rules from QT_LOGGING_RULES still
    // apply on top, so a technician can turn a category back on.
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.info=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kHelp));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("trace"), QStringLiteral("The arrivals (CSV)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("hall"), QStringLiteral("The windows (JSON)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("policy"), QStringLiteral("booked_first (default) | interleave:N | slack[:F] | fifo."),
                      QStringLiteral("P"), QStringLiteral("booked_first")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the report as JSON.")});
    parser.addOption({QStringLiteral("day-report"),
                      QStringLiteral("Print instead the supervisors' report of the simulated day (DESIGN §13, as GET /api/v1/reports/day answers).")});
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "hallkiosk-queue-sim: %s (see --help)\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("hallkiosk-queue-sim"))));
        return 0;
    }
    if (!parser.isSet(QStringLiteral("trace")) || !parser.isSet(QStringLiteral("hall"))) {
        std::fprintf(stderr, "hallkiosk-queue-sim: --trace and --hall are required (see --help)\n");
        return 2;
    }
    auto policy = hk::CallingPolicy::parse(parser.value(QStringLiteral("policy")).toStdString());
    if (!policy) {
        std::fprintf(stderr, "hallkiosk-queue-sim: --policy must be booked_first, interleave:N (1-99), slack[:F] (F 0-1) or fifo\n");
        return 2;
    }
    auto trace = hk::Trace::loadFile(parser.value(QStringLiteral("trace")));
    if (!trace) {
        std::fprintf(stderr, "hallkiosk-queue-sim: %s\n", qPrintable(trace.error()));
        return 2;
    }
    auto hall = hk::HallPlan::loadFile(parser.value(QStringLiteral("hall")));
    if (!hall) {
        std::fprintf(stderr, "hallkiosk-queue-sim: %s\n", qPrintable(hall.error()));
        return 2;
    }
    const bool dayReport = parser.isSet(QStringLiteral("day-report"));
    auto report = hk::DaySimulation::run(trace.value(), hall.value(), {*policy, QStringLiteral(":memory:"), dayReport});
    if (!report) {
        std::fprintf(stderr, "hallkiosk-queue-sim: %s\n", qPrintable(report.error()));
        return 2;
    }
    if (dayReport)
        std::printf("%s", QJsonDocument(report->dayReport).toJson(QJsonDocument::Indented).constData());
    else if (parser.isSet(QStringLiteral("json")))
        std::printf("%s", QJsonDocument(report->toJson()).toJson(QJsonDocument::Compact).append('\n').constData());
    else
        std::printf("%s", qPrintable(report->toText()));
    return 0;
}
