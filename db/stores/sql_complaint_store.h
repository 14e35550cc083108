#pragma once

#include "app/ports/stores/complaint_store.h"
#include "db/database.h"

#include <QSqlQuery>

namespace hk {

// Opens the case of a 差评 with `query`, inside the rating's transaction, and appends its
// `complaint_updated` event (step `opened`). The case's id.
Result<QString, StoreError> insertComplaint(QSqlQuery &query, const QString &ratingId, const QString &ticketId, const QString &number,
                                            const QDateTime &openedAt, const ComplaintOpening &opening);

// The 差评 cases and their steps (DESIGN §13) on either engine. A step is checked by the domain's
// ComplaintCase against the steps already recorded, read in the same transaction (SERIALIZABLE on
// PostgreSQL, so two supervisors recording at once are serialized and the second is checked
// against the first), and written with its `complaint_updated` event.
class SqlComplaintStore final : public ComplaintStore {
public:
    explicit SqlComplaintStore(Database &database);

    Result<std::vector<ComplaintRecord>, StoreError> cases(Which which) override;
    Result<std::optional<ComplaintRecord>, StoreError> find(const QString &id) override;
    Result<ComplaintRecord, ComplaintError> recordStep(const ComplaintStepRequest &request) override;
    Result<ComplaintCounts, StoreError> counts(const CivilDate &from, const CivilDate &to, const CivilDate &today) override;
    Result<std::vector<ComplaintCounts>, StoreError> countsByDay(const CivilDate &from, const CivilDate &to, const CivilDate &today) override;

private:
    Database &m_database;
};

} // namespace hk
