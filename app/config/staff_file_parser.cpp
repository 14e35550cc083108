#include "app/config/staff_file_parser.h"

#include "app/config/json_object_reader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace hk {

Result<std::vector<StaffMember>, ConfigErrors> StaffFileParser::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ConfigErrors{{QString(), QStringLiteral("cannot read %1: %2").arg(path, file.errorString())}});
    return parse(file.readAll());
}

Result<std::vector<StaffMember>, ConfigErrors> StaffFileParser::parse(const QByteArray &json)
{
    auto parsed = parseJsonFile(json);
    if (!parsed)
        return fail(parsed.error());
    const QJsonDocument &doc = parsed.value();
    if (!doc.isArray())
        return fail(ConfigErrors{{QString(), QStringLiteral("the file must hold a JSON array of staff members")}});
    ConfigErrors errors;
    std::vector<StaffMember> staff;
    QSet<QString> ids;
    const QJsonArray entries = doc.array();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString at = QStringLiteral("[%1]").arg(i);
        if (!entries.at(i).isObject()) {
            errors.append({at, QStringLiteral("must be an object")});
            continue;
        }
        JsonObjectReader r(entries.at(i).toObject(), at, errors);
        StaffMember m;
        if (auto id = r.requiredString(QStringLiteral("id"))) {
            if (id->isEmpty() || id->size() > 64)
                r.error(QStringLiteral("id"), QStringLiteral("must be 1–64 characters"));
            else if (ids.contains(*id))
                r.error(QStringLiteral("id"), QStringLiteral("\"%1\" is listed twice").arg(*id));
            ids.insert(*id);
            m.id = id->toStdString();
        }
        m.name = r.optionalString(QStringLiteral("name"), QString(), false).value_or(QString()).toStdString();
        if (auto pin = r.requiredString(QStringLiteral("pin_hash")))
            m.pinHash = pin->toStdString();
        const QString role = r.optionalString(QStringLiteral("role"), QStringLiteral("clerk"), false).value_or(QStringLiteral("clerk"));
        if (role == QLatin1String("clerk"))
            m.role = StaffMember::Role::Clerk;
        else if (role == QLatin1String("supervisor"))
            m.role = StaffMember::Role::Supervisor;
        else if (role == QLatin1String("technician"))
            m.role = StaffMember::Role::Technician;
        else
            r.error(QStringLiteral("role"), QStringLiteral("must be clerk, supervisor or technician, not \"%1\"").arg(role));
        if (auto windows = r.array(QStringLiteral("windows"), false)) {
            for (const QJsonValue &w : *windows) {
                if (!w.isDouble() || w.toDouble() != double(w.toInt()) || w.toInt() < 1 || w.toInt() > 999) {
                    r.error(QStringLiteral("windows"), QStringLiteral("must list window numbers (1–999)"));
                    break;
                }
                m.windows.push_back(w.toInt());
            }
        }
        r.finish();
        staff.push_back(std::move(m));
    }
    if (!errors.isEmpty())
        return fail(errors);
    return staff;
}

} // namespace hk
