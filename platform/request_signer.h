#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace hk {

// Signs platform requests (DESIGN §6): X-Signature = hex HMAC-SHA256(terminal secret,
// METHOD "\n" PATH_WITH_QUERY "\n" TIMESTAMP "\n" hex(SHA-256(body))), lowercase hex throughout.
// The path and query are signed exactly as they go on the wire.
class RequestSigner {
public:
    RequestSigner(QByteArray terminalId, QByteArray secret);

    static QByteArray canonicalString(const QByteArray &method, const QByteArray &pathWithQuery,
                                      qint64 unixSeconds, const QByteArray &body);
    QByteArray signature(const QByteArray &method, const QByteArray &pathWithQuery, qint64 unixSeconds,
                         const QByteArray &body) const;
    // X-Terminal-Id, X-Timestamp, X-Signature.
    QList<QPair<QByteArray, QByteArray>> headers(const QByteArray &method, const QByteArray &pathWithQuery,
                                                 qint64 unixSeconds, const QByteArray &body) const;

private:
    QByteArray m_terminalId;
    QByteArray m_secret;
};

} // namespace hk
