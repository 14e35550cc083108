#include "platform/request_signer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace hk {

RequestSigner::RequestSigner(QByteArray terminalId, QByteArray secret)
    : m_terminalId(std::move(terminalId))
    , m_secret(std::move(secret))
{
}

QByteArray RequestSigner::canonicalString(const QByteArray &method, const QByteArray &pathWithQuery,
                                          qint64 unixSeconds, const QByteArray &body)
{
    return method.toUpper() + '\n' + pathWithQuery + '\n' + QByteArray::number(unixSeconds) + '\n' +
           QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

QByteArray RequestSigner::signature(const QByteArray &method, const QByteArray &pathWithQuery,
                                    qint64 unixSeconds, const QByteArray &body) const
{
    return QMessageAuthenticationCode::hash(canonicalString(method, pathWithQuery, unixSeconds, body), m_secret,
                                            QCryptographicHash::Sha256)
        .toHex();
}

QList<QPair<QByteArray, QByteArray>> RequestSigner::headers(const QByteArray &method, const QByteArray &pathWithQuery,
                                                            qint64 unixSeconds, const QByteArray &body) const
{
    return {{QByteArrayLiteral("X-Terminal-Id"), m_terminalId},
            {QByteArrayLiteral("X-Timestamp"), QByteArray::number(unixSeconds)},
            {QByteArrayLiteral("X-Signature"), signature(method, pathWithQuery, unixSeconds, body)}};
}

} // namespace hk
