#include "db/audit_chain.h"

#include "db/database.h"
#include "db/sql_values.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>

#include <algorithm>

namespace hk {

namespace {

// Format 2: the field as its UTF-8 byte length (4 bytes, big-endian) then its bytes, so no choice
// of bytes in one field can move the boundary to the next.
void addField(QCryptographicHash &hash, const QString &field)
{
    const QByteArray bytes = field.toUtf8();
    const quint32 n = quint32(bytes.size());
    const char length[4] = {char((n >> 24) & 0xff), char((n >> 16) & 0xff), char((n >> 8) & 0xff), char(n & 0xff)};
    hash.addData(QByteArrayView(length, 4));
    hash.addData(bytes);
}

} // namespace

QString AuditChain::hashOf(int format, const QString &prevHash, qint64 seq, const QString &at, const QString &actor,
                           const QString &action, const QString &subject, const QString &detail)
{
    if (format == kNewlineJoined) {
        const QString canonical = QStringList{prevHash, QString::number(seq), at, actor, action, subject, detail}.join(QLatin1Char('\n'));
        return QString::fromLatin1(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex());
    }
    if (format == kLengthPrefixed) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QString &field : {prevHash, QString::number(format), QString::number(seq), at, actor, action, subject, detail})
            addField(hash, field);
        return QString::fromLatin1(hash.result().toHex());
    }
    return {};
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
    const QString hash = hashOf(kCurrentFormat, prev, seq, at, entry.actor, entry.action, entry.subject, detail);
    if (!sql::run(q, QStringLiteral("INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash, chain_format) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {seq, at, entry.actor, entry.action, entry.subject, detail, prev, hash, kCurrentFormat}))
        return fail(storeError(QStringLiteral("audit append"), q.lastError()));
    return AuditRecord{seq, entry, hash};
}

Result<AuditCheck, StoreError> AuditChain::verify(QSqlQuery &q, const AuditCheck &known, int limit)
{
    q.setForwardOnly(true); // a long chain is read row by row, not cached
    QString select = QStringLiteral("SELECT seq, at, actor, action, subject, detail, prev_hash, hash, chain_format FROM audit_log "
                                    "WHERE seq > ? ORDER BY seq");
    if (limit > 0)
        select += QStringLiteral(" LIMIT %1").arg(limit);
    if (!sql::run(q, select, {known.head.seq}))
        return fail(storeError(QStringLiteral("audit read"), q.lastError()));
    AuditCheck check = known;
    QString prev = known.head.seq > 0 ? known.head.hash : kGenesis;
    int lastFormat = known.head.format;
    qint64 expected = known.head.seq + 1;
    const auto broken = [&check](qint64 seq, const QString &problem) {
        if (!check.firstBadSeq) {
            check.firstBadSeq = seq;
            check.problem = problem;
        }
    };
    while (q.next()) {
        ++check.rows;
        const qint64 seq = q.value(0).toLongLong();
        const int format = q.value(8).toInt();
        if (seq != expected)
            broken(seq, QStringLiteral("row %1 follows row %2: rows are missing").arg(seq).arg(expected - 1));
        if (q.value(6).toString() != prev)
            broken(seq, QStringLiteral("row %1 does not link to the row before it").arg(seq));
        if (format < lastFormat)
            broken(seq, QStringLiteral("row %1 goes back to chain format %2 after format %3: it was changed after it was written")
                            .arg(seq)
                            .arg(format)
                            .arg(lastFormat));
        const QString hash = hashOf(format, q.value(6).toString(), seq, q.value(1).toString(), q.value(2).toString(),
                                    q.value(3).toString(), q.value(4).toString(), q.value(5).toString());
        if (hash.isEmpty())
            broken(seq, QStringLiteral("row %1 has chain format %2, which this program does not know").arg(seq).arg(format));
        else if (hash != q.value(7).toString())
            broken(seq, QStringLiteral("row %1 was changed after it was written").arg(seq));
        prev = q.value(7).toString();
        lastFormat = std::max(lastFormat, format);
        expected = seq + 1;
        check.head = AuditHead{check.rows, seq, prev, format};
    }
    check.head.rows = check.rows;
    q.finish();
    return check;
}

Result<AuditHead, StoreError> AuditChain::head(QSqlQuery &q)
{
    if (!sql::run(q, QStringLiteral("SELECT (SELECT COUNT(*) FROM audit_log), seq, hash, chain_format FROM audit_log "
                                    "ORDER BY seq DESC LIMIT 1")))
        return fail(storeError(QStringLiteral("audit head"), q.lastError()));
    AuditHead head;
    if (q.next())
        head = AuditHead{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toInt()};
    q.finish();
    return head;
}

} // namespace hk
