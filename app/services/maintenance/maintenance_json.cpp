#include "app/services/maintenance/maintenance_json.h"

namespace hk {

namespace {

QJsonObject countersJson(const DeviceCounters &c)
{
    return {{QStringLiteral("bytes_tx"), c.bytesTx},
            {QStringLiteral("bytes_rx"), c.bytesRx},
            {QStringLiteral("frames_good"), c.framesGood},
            {QStringLiteral("frames_bad"), c.framesBad},
            {QStringLiteral("reconnects"), c.reconnects},
            {QStringLiteral("tickets_printed"), c.ticketsPrinted},
            {QStringLiteral("last_error"), c.lastError.isEmpty() ? QJsonValue() : QJsonValue(c.lastError)},
            {QStringLiteral("last_error_at"), c.lastErrorAt.isValid() ? QJsonValue(c.lastErrorAt.toString(Qt::ISODateWithMs)) : QJsonValue()}};
}

} // namespace

QJsonObject maintenanceDevicesJson(const QList<MaintenanceDevice> &devices)
{
    QJsonObject out;
    for (const MaintenanceDevice &d : devices) {
        out.insert(d.role, QJsonObject{{QStringLiteral("uri"), d.uri.isEmpty() ? QJsonValue() : QJsonValue(d.uri)},
                                       {QStringLiteral("state"), nameOf(d.health.state)},
                                       {QStringLiteral("detail"), d.health.detail},
                                       {QStringLiteral("counters"), countersJson(d.counters)},
                                       {QStringLiteral("frame_log"), d.traced}});
    }
    return out;
}

} // namespace hk
