#include "ui/web/health_json.h"

#include <QJsonArray>

namespace hk {
namespace {

QJsonValue isoOrNull(const std::optional<QDateTime> &t)
{
    return t ? QJsonValue(t->toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject toJson(const HealthSnapshot &h)
{
    QJsonObject devices;
    for (auto it = h.devices.begin(); it != h.devices.end(); ++it)
        devices.insert(it.key(), QJsonObject{{QStringLiteral("state"), nameOf(it->state)},
                                             {QStringLiteral("detail"), it->detail}});
    QJsonObject sync{
        {QStringLiteral("configured"), h.sync.configured},
        {QStringLiteral("online"), h.sync.online},
        {QStringLiteral("sender"), h.sync.sender},
        {QStringLiteral("last_pull"), isoOrNull(h.sync.lastPull)},
        {QStringLiteral("last_push"), isoOrNull(h.sync.lastPush)},
        {QStringLiteral("offline_since"), isoOrNull(h.sync.offlineSince)},
        {QStringLiteral("last_error"), h.sync.lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.sync.lastError)},
        {QStringLiteral("clock_offset_s"),
         h.sync.clockOffsetS ? QJsonValue(double(*h.sync.clockOffsetS)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("parked"), h.sync.parked},
        {QStringLiteral("catalog_version"), h.sync.catalogVersion},
        {QStringLiteral("outbox_depth"), h.outboxDepth},
        {QStringLiteral("oldest_pending_age_s"),
         h.oldestPendingAgeS ? QJsonValue(double(*h.oldestPendingAgeS)) : QJsonValue(QJsonValue::Null)},
    };
    QJsonArray help;
    for (const HelpRequest &r : h.help)
        help.append(QJsonObject{{QStringLiteral("id"), r.id},
                                {QStringLiteral("terminal"), r.terminal},
                                {QStringLiteral("at"), r.at.toString(Qt::ISODate)}});
    QJsonArray windowDevices;
    for (const WindowDeviceState &d : h.windowDevices)
        windowDevices.append(QJsonObject{{QStringLiteral("window"), d.window},
                                         {QStringLiteral("role"), nameOf(d.role)},
                                         {QStringLiteral("address"), d.address},
                                         {QStringLiteral("state"), nameOf(d.state)},
                                         {QStringLiteral("detail"), d.detail}});
    QJsonArray terminals;
    for (const HallTerminalSeen &t : h.hall.terminals)
        terminals.append(QJsonObject{{QStringLiteral("id"), t.id}, {QStringLiteral("last_seen"), t.lastSeen.toString(Qt::ISODate)}});
    const QJsonObject hall{{QStringLiteral("engine"), h.hall.engine},
                           {QStringLiteral("connected"), h.hall.connected},
                           {QStringLiteral("detail"), h.hall.detail.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.hall.detail)},
                           {QStringLiteral("offline_tickets"), h.hall.offlineTickets},
                           {QStringLiteral("terminals"), terminals}};
    QJsonObject out{{QStringLiteral("version"), h.version},
                    {QStringLiteral("terminal"), h.terminal},
                    {QStringLiteral("at"), h.at.toString(Qt::ISODate)},
                    {QStringLiteral("devices"), devices},
                    {QStringLiteral("sync"), sync},
                    {QStringLiteral("hall"), hall},
                    {QStringLiteral("help"), help},
                    {QStringLiteral("hallbus_devices"), windowDevices}};
    if (h.audit) { // DESIGN §16: {ok, rows}, first_bad_seq when broken
        // While the start-up walk runs: ok null, checking true, checked_rows its progress.
        QJsonObject audit{{QStringLiteral("ok"), h.audit->checking ? QJsonValue(QJsonValue::Null) : QJsonValue(h.audit->ok)},
                          {QStringLiteral("rows"), double(h.audit->rows)},
                          {QStringLiteral("unrecorded"), h.audit->unrecorded}};
        if (h.audit->checking) {
            audit.insert(QStringLiteral("checking"), true);
            audit.insert(QStringLiteral("checked_rows"), double(h.audit->checkedRows));
        }
        if (h.audit->firstBadSeq) {
            audit.insert(QStringLiteral("first_bad_seq"), double(*h.audit->firstBadSeq));
            audit.insert(QStringLiteral("log"), h.audit->log);
        }
        out.insert(QStringLiteral("audit"), audit);
    }
    return out;
}

} // namespace hk
