#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/report_reader.h"
#include "app/services/catalog_service.h"
#include "app/services/hall/complaint_service.h"
#include "app/services/report/report_figures.h"

namespace hk {

// The supervisors' reports (DESIGN §13), computed from the stored tickets each time they are asked
// for, so the same before and after a restart and never edited:
// - waits as Q5 counts them, in open seconds only (the catalog's WorkingCalendar: lunch and closed
//   time are not waiting): a walk-in from its issue to its call, a booked ticket from the later of
//   its check-in and its slot start to its call; percentiles by nearest rank;
// - handling from call to finish of a served ticket, in seconds of the clock (the window was busy
//   with it, lunch or not); over 20 min against the seed's 20-minute average;
// - satisfied_share = ratings of levels 4–5 / all ratings;
// - the 差评 cases from ComplaintService: those rated in the span, and of them how many are open,
//   overdue and closed as of now.
class ReportService {
public:
    static constexpr int kMaxRangeDays = 366;
    static constexpr qint64 kHandlingTargetS = 20 * 60;

    ReportService(ReportReader &reader, const CatalogService &catalog, const ComplaintService &complaints);

    // Whether the report carries a row a ticket (the CSV) besides the figures.
    enum class Rows { Excluded, Included };

    Result<Report, ReportError> day(const CivilDate &date, Rows rows = Rows::Included);
    // [from, to], both included, at most kMaxRangeDays days.
    Result<Report, ReportError> range(const CivilDate &from, const CivilDate &to, Rows rows = Rows::Included);

private:
    ReportReader &m_reader;
    const CatalogService &m_catalog;
    const ComplaintService &m_complaints;
};

} // namespace hk
