#pragma once

// Window 3 as the end-to-end tests of the hall staff it: on the window bus its board (address 3),
// caller key pad (103) and evaluator (203); and clerk S03, 王芳, who may sign in at it.
// Header-only; QtCore.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hk::test {

// The config's "hallbus" section for window 3.
inline QJsonObject windowThreeBus()
{
    const QJsonObject devices{{QStringLiteral("board"), 3}, {QStringLiteral("caller"), 103}, {QStringLiteral("evaluator"), 203}};
    return {{QStringLiteral("windows"), QJsonObject{{QStringLiteral("3"), devices}}}};
}

// staff.json in `dir`, with the clerk and her PIN's hash (PinHasher::hash or `hallkiosk --hash-pin`),
// and with the same PIN supervisor SV1 (李主任) and technician T01 (赵工), who sign in without a
// window: its path for the config's "staff_file", or empty if it could not be written.
inline QString writeWindowThreeClerk(const QString &dir, const QString &pinHash)
{
    const QString path = QDir(dir).filePath(QStringLiteral("staff.json"));
    QFile staff(path);
    if (!staff.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    staff.write(QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("S03")},
                                                     {QStringLiteral("name"), QStringLiteral("王芳")},
                                                     {QStringLiteral("windows"), QJsonArray{3}},
                                                     {QStringLiteral("pin_hash"), pinHash}},
                                         QJsonObject{{QStringLiteral("id"), QStringLiteral("SV1")},
                                                     {QStringLiteral("name"), QStringLiteral("李主任")},
                                                     {QStringLiteral("role"), QStringLiteral("supervisor")},
                                                     {QStringLiteral("pin_hash"), pinHash}},
                                         QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")},
                                                     {QStringLiteral("name"), QStringLiteral("赵工")},
                                                     {QStringLiteral("role"), QStringLiteral("technician")},
                                                     {QStringLiteral("pin_hash"), pinHash}}})
                    .toJson());
    return staff.error() == QFileDevice::NoError ? path : QString();
}

} // namespace hk::test
