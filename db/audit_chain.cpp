#include "db/audit_chain.h"

#include "db/database.h"
#include "db/sql_values.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>

namespace hk {

QString AuditChain::hashOf(const QString &prevHash, qint64 seq, const QString &at, const QString &actor,
                           const QString &action, const QString &subject, const QString &detail)
{
    const QString canonical = QStringList{prevHash, QString::number(seq), at, actor, action, subject, detail}.join(QLatin1Char('\n'));
    return QString::fromLatin1(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<AuditRecord, StoreError> AuditChain::append(QSqlQuery &q, const AuditEntry &entry)
{
    if (!sql::run(q, QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")))
        return fail(storeError(QStringLiteral("audit head"), q.lastError()));
    qint64 seq = 1;
    QString prev = kGenesis;
    if (q.next()) {
        seq = q.value(0).toLongLong() + 1;
        prev = q.value(1).toString();
    }
    q.finish();
    const QString at = sql::utcText(entry.at);
    const QString detail = QString::fromUtf8(QJsonDocument(entry.detail).toJson(QJsonDocument::Compact));
    const QString hash = hashOf(prev, seq, at, entry.actor, entry.action, entry.subject, detail);
    if (!sql::run(q, QStringLiteral("INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                  {seq, at, entry.actor, entry.action, entry.subject, detail, prev, hash}))
        return fail(storeError(QStringLiteral("audit append"), q.lastError()));
    return AuditRecord{seq, entry, hash};
}

Result<AuditCheck, StoreError> AuditChain::verify(QSqlQuery &q)
{
    if (!sql::run(q, QStringLiteral("SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq")))
        return fail(storeError(QStringLiteral("audit read"), q.lastError()));
    AuditCheck check;
    QString prev = kGenesis;
    qint64 expected = 1;
    const auto broken = [&check](qint64 seq, const QString &problem) {
        if (!check.firstBadSeq) {
            check.firstBadSeq = seq;
            check.problem = problem;
        }
    };
    while (q.next()) {
        ++check.rows;
        const qint64 seq = q.value(0).toLongLong();
        if (seq != expected)
            broken(seq, QStringLiteral("row %1 follows row %2: rows are missing").arg(seq).arg(expected - 1));
        if (q.value(6).toString() != prev)
            broken(seq, QStringLiteral("row %1 does not link to the row before it").arg(seq));
        const QString hash = hashOf(q.value(6).toString(), seq, q.value(1).toString(), q.value(2).toString(),
                                    q.value(3).toString(), q.value(4).toString(), q.value(5).toString());
        if (hash != q.value(7).toString())
            broken(seq, QStringLiteral("row %1 was changed after it was written").arg(seq));
        prev = q.value(7).toString();
        expected = seq + 1;
    }
    return check;
}

} // namespace hk
