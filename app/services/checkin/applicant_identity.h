#pragma once

#include <QByteArray>
#include <QString>

namespace hk {

// What the terminal keeps of an applicant (DESIGN §5, §6): never the ID number itself, only its
// keyed digest (to match cached bookings) and masked forms (to show on screen and on tickets).
namespace identity {

// lowercase hex HMAC-SHA256(center match key, the ID number with a final x upper-cased).
QString idDigest(const QByteArray &matchKey, const QString &idNumber);
// "3101**********1234": the first four and the last four characters, the rest starred.
QString maskIdNumber(const QString &idNumber);
// "张*", "欧阳**", "王*明": the family name stays; a three-character name keeps its last one.
QString maskName(const QString &name);

} // namespace identity
} // namespace hk
