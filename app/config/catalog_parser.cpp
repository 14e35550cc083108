#include "app/config/catalog_parser.h"

#include "app/config/json_object_reader.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <climits>

namespace hk {
namespace {

const QRegularExpression &codePattern()
{
    // Codes travel inside booking tokens, so they keep to the token's alphabet (DESIGN §6).
    static const QRegularExpression kCode(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    return kCode;
}

std::string utf8(const QString &s)
{
    return s.toStdString();
}

std::vector<Interval> readIntervals(const QJsonArray &array, const QString &path, ConfigErrors &errors)
{
    std::vector<Interval> result;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(path).arg(i);
        const QJsonArray pair = array.at(i).toArray();
        if (!array.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString()) {
            errors.append({where, QStringLiteral("must be [\"HH:MM\", \"HH:MM\"]")});
            continue;
        }
        auto start = parseClockTime(pair.at(0).toString().toStdString());
        auto end = parseClockTime(pair.at(1).toString().toStdString());
        if (!start || !end) {
            errors.append({where, QStringLiteral("times must be HH:MM")});
            continue;
        }
        if (*end <= *start) {
            errors.append({where, QStringLiteral("ends before it starts")});
            continue;
        }
        if (!result.empty() && *start < result.back().end) {
            errors.append({where, QStringLiteral("overlaps or precedes the interval before it")});
            continue;
        }
        result.push_back({*start, *end});
    }
    return result;
}

std::vector<CivilDate> readDates(const QJsonArray &array, const QString &path, ConfigErrors &errors)
{
    std::vector<CivilDate> dates;
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto date = CivilDate::parse(array.at(i).toString().toStdString());
        if (!array.at(i).isString() || !date) {
            errors.append({QStringLiteral("%1[%2]").arg(path).arg(i), QStringLiteral("must be a date YYYY-MM-DD")});
            continue;
        }
        dates.push_back(*date);
    }
    return dates;
}

std::vector<std::string> readStrings(const QJsonArray &array, const QString &path, ConfigErrors &errors)
{
    std::vector<std::string> values;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            errors.append({QStringLiteral("%1[%2]").arg(path).arg(i), QStringLiteral("must be a string")});
            continue;
        }
        values.push_back(utf8(array.at(i).toString()));
    }
    return values;
}

std::optional<char> readPrefix(JsonObjectReader &reader, const QString &key, std::optional<QString> fallback)
{
    auto text = fallback ? reader.optionalString(key, fallback, false) : reader.requiredString(key);
    if (!text)
        return std::nullopt;
    if (text->size() != 1 || text->at(0) < QLatin1Char('A') || text->at(0) > QLatin1Char('Z')) {
        reader.error(key, QStringLiteral("must be one capital letter A–Z, not \"%1\"").arg(*text));
        return std::nullopt;
    }
    return static_cast<char>(text->at(0).unicode());
}

} // namespace

Result<ParsedCatalog, ConfigErrors> CatalogParser::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ConfigErrors{{QString(), QStringLiteral("cannot read %1: %2").arg(path, file.errorString())}});
    return parse(file.readAll());
}

Result<ParsedCatalog, ConfigErrors> CatalogParser::parse(const QByteArray &json)
{
    auto parsed = parseJsonFile(json);
    if (!parsed)
        return fail(parsed.error());
    const QJsonDocument &doc = parsed.value();
    if (!doc.isObject())
        return fail(ConfigErrors{{QString(), QStringLiteral("the catalog must be one JSON object")}});
    return parse(doc.object());
}

Result<ParsedCatalog, ConfigErrors> CatalogParser::parse(const QJsonObject &json)
{
    ConfigErrors errors;
    ParsedCatalog parsed;
    Catalog &cat = parsed.catalog;
    JsonObjectReader root(json, QString(), errors);

    cat.version = root.integer(QStringLiteral("version"), 0, 0, INT_MAX);

    if (auto center = root.object(QStringLiteral("center"), true)) {
        if (auto id = center->requiredString(QStringLiteral("id")))
            cat.center.id = utf8(*id);
        if (auto name = center->requiredString(QStringLiteral("name")))
            cat.center.name = utf8(*name);
        const QString tz = center->optionalString(QStringLiteral("timezone"), QStringLiteral("Asia/Shanghai"), false)
                               .value_or(QStringLiteral("Asia/Shanghai"));
        if (!QTimeZone(tz.toUtf8()).isValid())
            center->error(QStringLiteral("timezone"), QStringLiteral("\"%1\" is not a known IANA time zone").arg(tz));
        cat.center.timezone = utf8(tz);
        cat.center.address = utf8(center->optionalString(QStringLiteral("address"), QString(), false).value_or(QString()));
        center->finish(&parsed.warnings);
    }

    // Rules first: the booked series letter must not collide with a group's prefix.
    if (auto rules = root.object(QStringLiteral("rules"), false)) {
        Rules &r = cat.rules;
        r.slotMinutes = rules->integer(QStringLiteral("slot_minutes"), r.slotMinutes, 5, 480);
        const QString deadline = rules->optionalString(QStringLiteral("onsite_deadline"),
                                                       QString::fromStdString(formatClockTime(r.onsiteDeadline)), false)
                                     .value_or(QString());
        if (auto minute = parseClockTime(deadline.toStdString()))
            r.onsiteDeadline = *minute;
        else
            rules->error(QStringLiteral("onsite_deadline"), QStringLiteral("must be HH:MM"));
        r.onlineLeadMinutes = rules->integer(QStringLiteral("online_lead_minutes"), r.onlineLeadMinutes, 0, 10080);
        r.cancelLeadMinutes = rules->integer(QStringLiteral("cancel_lead_minutes"), r.cancelLeadMinutes, 0, 10080);
        r.lateForfeitMinutes = rules->integer(QStringLiteral("late_forfeit_minutes"), r.lateForfeitMinutes, 0, 480);
        r.checkinEarlyMinutes = rules->integer(QStringLiteral("checkin_early_minutes"), r.checkinEarlyMinutes, 0, 1440);
        r.priorityEarlyMinutes = rules->integer(QStringLiteral("priority_early_minutes"), r.priorityEarlyMinutes, 0, 240);
        r.maxPerDay = rules->integer(QStringLiteral("max_per_day"), r.maxPerDay, 1, 100);
        r.noshowLimit = rules->integer(QStringLiteral("noshow_limit"), r.noshowLimit, 1, 100);
        if (auto prefix = readPrefix(*rules, QStringLiteral("booked_prefix"), QStringLiteral("Y")))
            r.bookedPrefix = *prefix;
        rules->finish(&parsed.warnings);
    }

    QSet<QString> groupCodes;
    QSet<QChar> prefixes;
    if (auto groups = root.array(QStringLiteral("groups"), true)) {
        if (groups->isEmpty())
            root.error(QStringLiteral("groups"), QStringLiteral("must list at least one group"));
        for (qsizetype i = 0; i < groups->size(); ++i) {
            const QString path = QStringLiteral("groups[%1]").arg(i);
            if (!groups->at(i).isObject()) {
                errors.append({path, QStringLiteral("must be an object")});
                continue;
            }
            JsonObjectReader g(groups->at(i).toObject(), path, errors);
            Group group;
            if (auto code = g.requiredString(QStringLiteral("code"))) {
                if (!codePattern().match(*code).hasMatch())
                    g.error(QStringLiteral("code"), QStringLiteral("must be 1–32 of A-Z a-z 0-9 - _"));
                else if (groupCodes.contains(*code))
                    g.error(QStringLiteral("code"), QStringLiteral("\"%1\" is used by another group").arg(*code));
                groupCodes.insert(*code);
                group.code = utf8(*code);
            }
            if (auto name = g.requiredString(QStringLiteral("name")))
                group.name = utf8(*name);
            if (auto prefix = readPrefix(g, QStringLiteral("prefix"), std::nullopt)) {
                const QChar p = QLatin1Char(*prefix);
                if (*prefix == cat.rules.bookedPrefix)
                    g.error(QStringLiteral("prefix"),
                            QStringLiteral("\"%1\" is the booked series' letter (rules.booked_prefix)").arg(p));
                else if (prefixes.contains(p))
                    g.error(QStringLiteral("prefix"), QStringLiteral("\"%1\" is used by another group").arg(p));
                prefixes.insert(p);
                group.prefix = *prefix;
            }
            group.slotCapacity = g.integer(QStringLiteral("slot_capacity"), 0, 0, 100000);
            group.dailyCap = g.integer(QStringLiteral("daily_cap"), 0, 0, 100000);
            g.finish(&parsed.warnings);
            cat.groups.push_back(std::move(group));
        }
    }

    QSet<QString> matterCodes;
    if (auto matters = root.array(QStringLiteral("matters"), false)) {
        for (qsizetype i = 0; i < matters->size(); ++i) {
            const QString path = QStringLiteral("matters[%1]").arg(i);
            if (!matters->at(i).isObject()) {
                errors.append({path, QStringLiteral("must be an object")});
                continue;
            }
            JsonObjectReader m(matters->at(i).toObject(), path, errors);
            Matter matter;
            if (auto code = m.requiredString(QStringLiteral("code"))) {
                if (!codePattern().match(*code).hasMatch())
                    m.error(QStringLiteral("code"), QStringLiteral("must be 1–32 of A-Z a-z 0-9 - _"));
                else if (matterCodes.contains(*code))
                    m.error(QStringLiteral("code"), QStringLiteral("\"%1\" is used by another matter").arg(*code));
                matterCodes.insert(*code);
                matter.code = utf8(*code);
            }
            if (auto name = m.requiredString(QStringLiteral("name")))
                matter.name = utf8(*name);
            if (auto group = m.requiredString(QStringLiteral("group"))) {
                if (!groupCodes.contains(*group))
                    m.error(QStringLiteral("group"), QStringLiteral("\"%1\" is not a group of this catalog").arg(*group));
                matter.group = utf8(*group);
            }
            const QString complexity = m.optionalString(QStringLiteral("complexity"), QStringLiteral("general"), false)
                                           .value_or(QStringLiteral("general"));
            if (auto c = complexityFromString(utf8(complexity)))
                matter.complexity = *c;
            else
                m.error(QStringLiteral("complexity"),
                        QStringLiteral("must be general, complex or special, not \"%1\"").arg(complexity));
            if (auto materials = m.array(QStringLiteral("materials"), false))
                matter.materials = readStrings(*materials, m.path(QStringLiteral("materials")), errors);
            matter.bookable = m.boolean(QStringLiteral("bookable"), true);
            matter.weekend = m.boolean(QStringLiteral("weekend"), false);
            m.finish(&parsed.warnings);
            cat.matters.push_back(std::move(matter));
        }
    }

    QSet<int> windowNumbers;
    if (auto windows = root.array(QStringLiteral("windows"), false)) {
        for (qsizetype i = 0; i < windows->size(); ++i) {
            const QString path = QStringLiteral("windows[%1]").arg(i);
            if (!windows->at(i).isObject()) {
                errors.append({path, QStringLiteral("must be an object")});
                continue;
            }
            JsonObjectReader w(windows->at(i).toObject(), path, errors);
            HallWindow window;
            if (auto number = w.requiredInteger(QStringLiteral("number"), 1, 999)) {
                if (windowNumbers.contains(*number))
                    w.error(QStringLiteral("number"), QStringLiteral("%1 is used by another window").arg(*number));
                windowNumbers.insert(*number);
                window.number = *number;
            }
            const QString fallbackName = QStringLiteral("%1号窗口").arg(window.number);
            window.name = utf8(w.optionalString(QStringLiteral("name"), fallbackName, false).value_or(fallbackName));
            if (auto groups = w.array(QStringLiteral("groups"), true)) {
                window.groups = readStrings(*groups, w.path(QStringLiteral("groups")), errors);
                for (const auto &g : window.groups) {
                    if (g != "*" && !groupCodes.contains(QString::fromStdString(g)))
                        w.error(QStringLiteral("groups"),
                                QStringLiteral("\"%1\" is not a group of this catalog").arg(QString::fromStdString(g)));
                }
                if (window.groups.empty())
                    w.error(QStringLiteral("groups"), QStringLiteral("must name at least one group, or \"*\""));
            }
            w.finish(&parsed.warnings);
            cat.windows.push_back(std::move(window));
        }
    }

    if (auto hours = root.object(QStringLiteral("hours"), false)) {
        if (auto workday = hours->array(QStringLiteral("workday"), false)) {
            cat.hours.workday = readIntervals(*workday, hours->path(QStringLiteral("workday")), errors);
            if (cat.hours.workday.empty())
                hours->error(QStringLiteral("workday"), QStringLiteral("must list at least one interval"));
        }
        if (auto extended = hours->object(QStringLiteral("extended"), false)) {
            auto &e = cat.hours.extended;
            e.earlyLateMinutes = extended->integer(QStringLiteral("early_late_minutes"), 0, 0, 240);
            e.lunch = extended->boolean(QStringLiteral("lunch"), false);
            if (auto weekend = extended->array(QStringLiteral("weekend"), false))
                e.weekend = readIntervals(*weekend, extended->path(QStringLiteral("weekend")), errors);
            extended->finish(&parsed.warnings);
        }
        hours->finish(&parsed.warnings);
    }

    if (auto calendar = root.object(QStringLiteral("calendar"), false)) {
        if (auto holidays = calendar->array(QStringLiteral("holidays"), false))
            cat.calendar.holidays = readDates(*holidays, calendar->path(QStringLiteral("holidays")), errors);
        if (auto workdays = calendar->array(QStringLiteral("workdays"), false))
            cat.calendar.workdays = readDates(*workdays, calendar->path(QStringLiteral("workdays")), errors);
        calendar->finish(&parsed.warnings);
    }

    root.finish(&parsed.warnings);
    if (!errors.isEmpty())
        return fail(errors);
    return parsed;
}

} // namespace hk
