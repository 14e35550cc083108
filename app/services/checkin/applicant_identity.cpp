#include "app/services/checkin/applicant_identity.h"

#include <QMessageAuthenticationCode>

namespace hk::identity {

QString idDigest(const QByteArray &matchKey, const QString &idNumber)
{
    QString normalised = idNumber.trimmed();
    if (normalised.endsWith(QLatin1Char('x')))
        normalised[normalised.size() - 1] = QLatin1Char('X');
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(normalised.toUtf8(), matchKey, QCryptographicHash::Sha256).toHex());
}

QString maskIdNumber(const QString &idNumber)
{
    const QString id = idNumber.trimmed();
    if (id.size() <= 8)
        return QString(id.size(), QLatin1Char('*'));
    return id.left(4) + QString(id.size() - 8, QLatin1Char('*')) + id.right(4);
}

QString maskName(const QString &name)
{
    const QString n = name.trimmed();
    if (n.size() <= 1)
        return n;
    if (n.size() == 3)
        return n.left(1) + QLatin1Char('*') + n.right(1);
    // Two-character names and compound family names (欧阳, 司马) keep as many as they have.
    const int keep = n.size() >= 4 ? 2 : 1;
    return n.left(keep) + QString(n.size() - keep, QLatin1Char('*'));
}

} // namespace hk::identity
