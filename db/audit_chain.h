#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/audit_log.h"

#include <QSqlQuery>

namespace hk {

// The audit log's hash chain (DESIGN §5), for use inside a transaction someone else holds, so an
// action and its audit row are written together. Row n's hash is hex SHA-256 over
// "prev_hash\nseq\nat\nactor\naction\nsubject\ndetail" with row n−1's hash as prev_hash (64 zeros
// for row 1); `at` is UTC ISO 8601 with milliseconds and `detail` compact JSON, as stored.
class AuditChain {
public:
    static inline const QString kGenesis = QString(64, QLatin1Char('0'));

    static QString hashOf(const QString &prevHash, qint64 seq, const QString &at, const QString &actor,
                          const QString &action, const QString &subject, const QString &detail);
    static Result<AuditRecord, StoreError> append(QSqlQuery &query, const AuditEntry &entry);
    // Walks the whole chain: every seq in order without gaps, every link, every hash.
    static Result<AuditCheck, StoreError> verify(QSqlQuery &query);
};

} // namespace hk
