#pragma once

// The demo catalog, open every day around the clock and without holidays: a test or benchmark that
// runs the real hallkiosk binary on the real time is then always inside the issuing hours.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace hk::test {

inline QString writeAllDayCatalog(const QString &path)
{
    QFile in(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QJsonObject catalog = QJsonDocument::fromJson(in.readAll()).object();
    const QJsonArray allDay{QJsonArray{QStringLiteral("00:00"), QStringLiteral("24:00")}};
    catalog.insert(QStringLiteral("hours"), QJsonObject{{QStringLiteral("workday"), allDay},
                                                        {QStringLiteral("extended"), QJsonObject{{QStringLiteral("early_late_minutes"), 0},
                                                                                                 {QStringLiteral("lunch"), false},
                                                                                                 {QStringLiteral("weekend"), allDay}}}});
    catalog.insert(QStringLiteral("calendar"), QJsonObject{{QStringLiteral("holidays"), QJsonArray{}}, {QStringLiteral("workdays"), QJsonArray{}}});
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    out.write(QJsonDocument(catalog).toJson());
    return path;
}

} // namespace hk::test
