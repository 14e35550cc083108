#include "ui/web/console_json.h"

namespace hk::consoleJson {

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

namespace {

QJsonValue isoOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject windowState(const WindowState &state, const QString &name, const std::optional<RatableTicket> &awaitingRating,
                        const QList<WindowDeviceState> &devices)
{
    QJsonValue current = QJsonValue::Null;
    if (state.current) {
        const TicketRecord &c = *state.current;
        current = QJsonObject{{QStringLiteral("ticket"), c.number},
                              {QStringLiteral("ticket_id"), c.id},
                              {QStringLiteral("kind"), text(nameOf(c.kind))},
                              {QStringLiteral("group"), c.groupCode},
                              {QStringLiteral("state"), text(nameOf(c.state))},
                              {QStringLiteral("called_at"), isoOrNull(c.calledAt.value_or(QDateTime()))},
                              {QStringLiteral("recalls"), c.recalls}};
    }
    QJsonObject deviceStates{{QStringLiteral("board"), QStringLiteral("absent")},
                             {QStringLiteral("caller"), QStringLiteral("absent")},
                             {QStringLiteral("evaluator"), QStringLiteral("absent")}};
    for (const WindowDeviceState &d : devices) {
        if (d.window == state.number)
            deviceStates.insert(nameOf(d.role), nameOf(d.state));
    }
    QJsonValue awaiting = QJsonValue::Null;
    if (awaitingRating)
        awaiting = QJsonObject{{QStringLiteral("ticket"), awaitingRating->number}, {QStringLiteral("ticket_id"), awaitingRating->ticketId}};
    return QJsonObject{{QStringLiteral("number"), state.number},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("mode"), text(nameOf(state.mode))},
                       {QStringLiteral("pending_mode"), state.pendingMode ? QJsonValue(text(nameOf(*state.pendingMode))) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("current"), current},
                       {QStringLiteral("awaiting_rating"), awaiting},
                       {QStringLiteral("devices"), deviceStates}};
}

QJsonObject queue(const QueueOverview &overview, const QList<HelpRequest> &help)
{
    QJsonArray groups;
    for (const GroupWaiting &g : overview.groups)
        groups.append(QJsonObject{{QStringLiteral("code"), g.code},
                                  {QStringLiteral("name"), g.name},
                                  {QStringLiteral("waiting"), g.waiting},
                                  {QStringLiteral("booked_waiting"), g.bookedWaiting},
                                  {QStringLiteral("oldest_wait_s"), g.oldestWaitS ? QJsonValue(double(*g.oldestWaitS)) : QJsonValue(QJsonValue::Null)}});
    QJsonArray atRisk;
    for (const AtRiskTicket &t : overview.atRisk)
        atRisk.append(QJsonObject{{QStringLiteral("ticket"), t.number},
                                  {QStringLiteral("ticket_id"), t.ticketId},
                                  {QStringLiteral("group"), t.group},
                                  {QStringLiteral("waited_s"), double(t.waitedS)},
                                  {QStringLiteral("target_s"), double(t.targetS)},
                                  {QStringLiteral("overdue"), t.overdue},
                                  {QStringLiteral("suggest_window"), t.suggestWindow ? QJsonValue(*t.suggestWindow) : QJsonValue(QJsonValue::Null)}});
    QJsonArray requests;
    for (const HelpRequest &r : help)
        requests.append(QJsonObject{{QStringLiteral("id"), r.id}, {QStringLiteral("terminal"), r.terminal}, {QStringLiteral("at"), isoOrNull(r.at)}});
    return QJsonObject{{QStringLiteral("groups"), groups}, {QStringLiteral("at_risk"), atRisk}, {QStringLiteral("help"), requests}};
}

QJsonObject calledFrame(const CallAnnouncement &call)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("called")},
                       {QStringLiteral("ticket"), call.number},
                       {QStringLiteral("window"), call.window},
                       {QStringLiteral("window_name"), call.windowName},
                       {QStringLiteral("at"), isoOrNull(call.at)},
                       {QStringLiteral("recall"), call.recall}};
}

QJsonObject calledFrame(const RecentCall &call, const QString &windowName)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("called")},
                       {QStringLiteral("ticket"), call.number},
                       {QStringLiteral("window"), call.window},
                       {QStringLiteral("window_name"), windowName},
                       {QStringLiteral("at"), isoOrNull(call.calledAt)},
                       {QStringLiteral("recall"), false},
                       {QStringLiteral("replay"), true}};
}

QJsonObject helpFrame(const HelpRequest &r)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("help")},
                       {QStringLiteral("id"), r.id},
                       {QStringLiteral("terminal"), r.terminal},
                       {QStringLiteral("at"), isoOrNull(r.at)}};
}

QJsonObject rating(const RatingRecord &r)
{
    QJsonObject o{{QStringLiteral("id"), r.id},
                  {QStringLiteral("ticket"), r.number},
                  {QStringLiteral("ticket_id"), r.ticketId},
                  {QStringLiteral("window"), r.window},
                  {QStringLiteral("level"), r.level},
                  {QStringLiteral("follow_up"), r.followUp},
                  {QStringLiteral("channel"), QString::fromLatin1(nameOf(r.channel).data(), qsizetype(nameOf(r.channel).size()))},
                  {QStringLiteral("at"), isoOrNull(r.at)}};
    if (!r.reason.isEmpty())
        o.insert(QStringLiteral("reason"), r.reason);
    if (r.matterLevel)
        o.insert(QStringLiteral("matter_level"), *r.matterLevel);
    if (!r.complaintId.isEmpty())
        o.insert(QStringLiteral("complaint_id"), r.complaintId);
    return o;
}

QJsonObject complaint(const ComplaintRecord &c, bool overdue, const QTimeZone &zone)
{
    const auto at = [&zone](const QDateTime &t) {
        return t.isValid() ? QJsonValue(t.toTimeZone(zone).toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
    };
    const auto day = [](const CivilDate &d) { return QString::fromStdString(d.toString()); };
    QJsonArray steps;
    bool closed = false;
    for (const ComplaintStepRecord &s : c.steps) {
        QJsonObject o{{QStringLiteral("step"), text(nameOf(s.step))},
                      {QStringLiteral("at"), at(s.at)},
                      {QStringLiteral("by"), s.by},
                      {QStringLiteral("note"), s.note}};
        if (s.outcome)
            o.insert(QStringLiteral("outcome"), text(nameOf(*s.outcome)));
        closed = closed || s.step == ComplaintStep::Closed;
        steps.append(o);
    }
    return QJsonObject{{QStringLiteral("id"), c.id},
                       {QStringLiteral("ticket_id"), c.ticketId},
                       {QStringLiteral("number"), c.number},
                       {QStringLiteral("window"), c.window},
                       {QStringLiteral("level"), c.level},
                       {QStringLiteral("matter_level"), c.matterLevel ? QJsonValue(*c.matterLevel) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("reason"), c.reason},
                       {QStringLiteral("follow_up"), c.followUp},
                       {QStringLiteral("opened_at"), at(c.openedAt)},
                       {QStringLiteral("due"), QJsonObject{{QStringLiteral("contact"), day(c.due.contact)},
                                                           {QStringLiteral("rectify"), day(c.due.rectify)},
                                                           {QStringLiteral("close"), day(c.due.close)}}},
                       {QStringLiteral("steps"), steps},
                       {QStringLiteral("state"), closed ? QStringLiteral("closed") : QStringLiteral("open")},
                       {QStringLiteral("overdue"), overdue}};
}

} // namespace hk::consoleJson
