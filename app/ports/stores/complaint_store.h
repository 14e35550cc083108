#pragma once

#include "app/domain/complaint/complaint_case.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace hk {

// What a rating of level 1–2 (either level) brings to its store's transaction: the case it opens.
struct ComplaintOpening {
    CivilDate ratedOn; // the rating's day in the center's zone: on_the_spot is that day only
    ComplaintDue due;
};

struct ComplaintStepRecord {
    ComplaintStep step = ComplaintStep::Contacted;
    QDateTime at;
    CivilDate on; // at's day in the center's zone
    QString by;   // the staff id that recorded it
    QString note;
    std::optional<ComplaintOutcome> outcome; // closed only
};

// A 差评 case as it is read: its rating (ticket, window, levels, reason, follow_up), its dues and
// the steps staff recorded, oldest first.
struct ComplaintRecord {
    QString id;
    QString ticketId;
    QString number;
    int window = 0;
    int level = 0;
    std::optional<int> matterLevel;
    QString reason;
    bool followUp = false;
    QDateTime openedAt; // center zone
    CivilDate ratedOn;
    ComplaintDue due;
    std::vector<ComplaintStepRecord> steps;

    // The domain's view: the rating's day, the dues, each step's day and outcome.
    ComplaintCase domainCase() const;
};

struct ComplaintStepRequest {
    QString id;
    ComplaintStep step = ComplaintStep::Contacted;
    std::optional<ComplaintOutcome> outcome;
    QString note;
    QString by;
    QDateTime at;
    CivilDate on; // at's day in the center's zone
};

struct ComplaintError {
    enum class Kind { UnknownCase, WrongStep, Store };
    Kind kind = Kind::Store;
    QString detail; // for WrongStep: describe(WrongStep), which order the case allows
};

// The figures a day or range report shows (DESIGN §13, `complaints`): the cases opened in the
// range, and of those how many are open, overdue (⊂ open) and closed as of `today`.
struct ComplaintCounts {
    int opened = 0;
    int open = 0;
    int overdue = 0;
    int closed = 0;
};

// The 差评 cases (DESIGN §13). A case is opened by the rating store, in the rating's transaction
// (RatingRequest::complaint); here the steps staff record after it, each with its
// `complaint_updated` outbox event in one transaction, and the reads.
class ComplaintStore {
public:
    enum class Which { All, Open, Closed };

    virtual ~ComplaintStore() = default;
    // Oldest first.
    virtual Result<std::vector<ComplaintRecord>, StoreError> cases(Which which) = 0;
    virtual Result<std::optional<ComplaintRecord>, StoreError> find(const QString &id) = 0;
    // The step if the case allows it now (ComplaintCase::check), else WrongStep; the case afterwards.
    virtual Result<ComplaintRecord, ComplaintError> recordStep(const ComplaintStepRequest &request) = 0;
    // Cases whose rating's day is in [from, to].
    virtual Result<ComplaintCounts, StoreError> counts(const CivilDate &from, const CivilDate &to, const CivilDate &today) = 0;
    // The same, one entry a day of [from, to] in order (a report's days; their sum is counts()).
    virtual Result<std::vector<ComplaintCounts>, StoreError> countsByDay(const CivilDate &from, const CivilDate &to,
                                                                        const CivilDate &today) = 0;
};

} // namespace hk
