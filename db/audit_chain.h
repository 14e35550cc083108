#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/audit_log.h"

#include <QSqlQuery>

namespace hk {

// The audit log's hash chain (DESIGN §5, §16), for use inside a transaction someone else holds, so
// an action and its audit row are written together. Each row carries its chain format
// (`chain_format`, db/README.md "Audit chain" has both byte for byte):
// - format 1, the rows written before migration 11 (SQLite) / 1.4 (hall): hex SHA-256 over
//   "prev_hash\nseq\nat\nactor\naction\nsubject\ndetail" — ambiguous when a field holds a newline;
// - format 2, every row written now: hex SHA-256 over the fields prev_hash, "2", seq, at, actor,
//   action, subject, detail, each as its UTF-8 byte length (4 bytes, big-endian) then the bytes.
// Row 1's prev_hash is 64 zeros; `at` is UTC ISO 8601 with milliseconds and `detail` compact JSON,
// as stored. History is never rehashed; a format-1 row after a format-2 row is a break.
class AuditChain {
public:
    static inline const QString kGenesis = QString(64, QLatin1Char('0'));
    static constexpr int kNewlineJoined = 1;
    static constexpr int kLengthPrefixed = 2;
    static constexpr int kCurrentFormat = kLengthPrefixed;

    // Empty for a format this program does not know.
    static QString hashOf(int format, const QString &prevHash, qint64 seq, const QString &at, const QString &actor,
                          const QString &action, const QString &subject, const QString &detail);
    static Result<AuditRecord, StoreError> append(QSqlQuery &query, const AuditEntry &entry);
    // Walks the chain after `known` (a default AuditCheck: the whole chain): every seq in order
    // without gaps, every link, every hash, every format. `limit` > 0: at most that many rows (a
    // batch; call again with the answer to go on — the batch was the last when fewer rows came).
    static Result<AuditCheck, StoreError> verify(QSqlQuery &query, const AuditCheck &known = {}, int limit = 0);
    static Result<AuditHead, StoreError> head(QSqlQuery &query);
};

} // namespace hk
