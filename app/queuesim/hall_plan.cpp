#include "app/queuesim/hall_plan.h"

#include "app/config/json_object_reader.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>

namespace hk {

Result<HallPlan, QString> HallPlan::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    auto plan = parse(file.readAll());
    if (!plan)
        return fail(QStringLiteral("%1: %2").arg(path, plan.error()));
    return plan;
}

Result<HallPlan, QString> HallPlan::parse(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("not a JSON object: %1").arg(parseError.errorString()));
    ConfigErrors errors;
    JsonObjectReader root(doc.object(), QString(), errors);
    HallPlan plan;
    if (auto date = root.requiredString(QStringLiteral("date"))) {
        if (auto d = CivilDate::parse(date->toStdString()))
            plan.date = *d;
        else
            root.error(QStringLiteral("date"), QStringLiteral("must be YYYY-MM-DD"));
    }
    plan.lunch = root.boolean(QStringLiteral("lunch"), false);
    QSet<int> numbers;
    if (auto windows = root.array(QStringLiteral("windows"), true)) {
        for (qsizetype i = 0; i < windows->size(); ++i) {
            JsonObjectReader w(windows->at(i).toObject(), QStringLiteral("windows[%1]").arg(i), errors);
            Window window;
            if (auto n = w.requiredInteger(QStringLiteral("number"), 1, 999)) {
                if (numbers.contains(*n))
                    w.error(QStringLiteral("number"), QStringLiteral("%1 appears twice").arg(*n));
                numbers.insert(*n);
                window.number = *n;
            }
            if (auto groups = w.array(QStringLiteral("groups"), true)) {
                for (const QJsonValue &g : *groups)
                    window.groups << g.toString();
                if (window.groups.isEmpty() || window.groups.contains(QString()))
                    w.error(QStringLiteral("groups"), QStringLiteral("must list group codes (or \"*\")"));
            }
            const QString mode = w.optionalString(QStringLiteral("mode"), QStringLiteral("normal"), false).value_or(QString());
            if (mode == QLatin1String("booking"))
                window.mode = WindowMode::Booking;
            else if (mode != QLatin1String("normal"))
                w.error(QStringLiteral("mode"), QStringLiteral("must be normal or booking"));
            w.finish();
            plan.windows.push_back(window);
        }
        if (plan.windows.empty())
            root.error(QStringLiteral("windows"), QStringLiteral("must list at least one window"));
    }
    root.finish();
    if (!errors.isEmpty())
        return fail(errors.first().toString());
    return plan;
}

} // namespace hk
