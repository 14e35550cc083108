#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/report_reader.h"
#include "app/services/catalog_service.h"
#include "app/services/report/report_figures.h"

#include <functional>

namespace hk {

// The supervisors' reports (DESIGN §13), computed from the stored tickets each time they are asked
// for, so the same before and after a restart and never edited:
// - waits as Q5 counts them, in open seconds only (the catalog's WorkingCalendar: lunch and closed
//   time are not waiting): a walk-in from its issue to its call, a booked ticket from the later of
//   its check-in and its slot start to its call; percentiles by nearest rank;
// - handling from call to finish of a served ticket, in seconds of the clock (the window was busy
//   with it, lunch or not); over 20 min against the seed's 20-minute average;
// - satisfied_share = ratings of levels 4–5 / all ratings;
// - the 差评 cases through `ComplaintFigures`, which the composition root provides.
class ReportService {
public:
    // The 差评 cases' counts for each day of [from, to], in order (the cases opened that day, and of
    // them how many are open, overdue and closed now), so a span's counts are the sum of its days'.
    using ComplaintFigures = std::function<Result<std::vector<ComplaintCounts>, StoreError>(const CivilDate &from, const CivilDate &to)>;
    static constexpr int kMaxRangeDays = 366;
    static constexpr qint64 kHandlingTargetS = 20 * 60;

    ReportService(ReportReader &reader, const CatalogService &catalog, ComplaintFigures complaints);

    // Until the terminal keeps 差评 cases: `opened` is the day's ratings of levels 1–2 (each opens a
    // case, DESIGN §13); open, overdue and closed are unknown (null) rather than guessed.
    static ComplaintFigures poorRatingsAsOpened(ReportReader &reader);

    // Whether the report carries a row a ticket (the CSV) besides the figures.
    enum class Rows { Excluded, Included };

    Result<Report, ReportError> day(const CivilDate &date, Rows rows = Rows::Included);
    // [from, to], both included, at most kMaxRangeDays days.
    Result<Report, ReportError> range(const CivilDate &from, const CivilDate &to, Rows rows = Rows::Included);

private:
    ReportReader &m_reader;
    const CatalogService &m_catalog;
    ComplaintFigures m_complaints;
};

} // namespace hk
