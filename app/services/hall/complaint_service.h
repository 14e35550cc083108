#pragma once

#include "app/ports/clock.h"
#include "app/ports/stores/complaint_store.h"
#include "app/services/audit_trail_service.h"
#include "app/services/catalog_service.h"

#include <QObject>

namespace hk {

// 差评 follow-up (seed 004 §六, "1、5、15"; DESIGN §13): the supervisors' list of cases and the steps
// they record. Cases are opened by RatingService with their rating. Overdue is the domain's rule,
// asked with today's date in the center's zone.
class ComplaintService : public QObject {
    Q_OBJECT
public:
    enum class Filter { All, Open, Overdue, Closed };
    static constexpr int kMaxNoteLength = 500;

    ComplaintService(ComplaintStore &store, const CatalogService &catalog, const Clock &clock, QObject *parent = nullptr);

    // Oldest first. Overdue ⊂ open.
    Result<std::vector<ComplaintRecord>, StoreError> cases(Filter filter) const;
    Result<std::optional<ComplaintRecord>, StoreError> find(const QString &id) const;
    // Records `step` now, by `staffId`, if the case allows it (ComplaintCase::check).
    Result<ComplaintRecord, ComplaintError> record(const QString &id, ComplaintStep step, std::optional<ComplaintOutcome> outcome,
                                                   const QString &note, const QString &staffId);
    bool isOverdue(const ComplaintRecord &c) const;
    // Where each step is written, as "staff:<staffId>" (DESIGN §16).
    void setAuditTrail(AuditTrailService *trail) { m_audit = trail; }
    // The report's four figures for the cases rated in [from, to], as of now.
    Result<ComplaintCounts, StoreError> counts(const CivilDate &from, const CivilDate &to) const;
    // The same for each day of [from, to], in order (the reports' days).
    Result<std::vector<ComplaintCounts>, StoreError> countsByDay(const CivilDate &from, const CivilDate &to) const;
    CivilDate today() const;

Q_SIGNALS:
    void complaintUpdated(const QString &id);

private:
    ComplaintStore &m_store;
    const CatalogService &m_catalog;
    const Clock &m_clock;
    AuditTrailService *m_audit = nullptr;
};

} // namespace hk
