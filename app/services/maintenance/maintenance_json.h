#pragma once

#include "app/services/maintenance/maintenance_service.h"

#include <QJsonObject>

namespace hk {

// The devices as GET /api/v1/maintenance/devices answers them and the diagnostics bundle's
// devices.json holds them (DESIGN §12): by role, {uri, state, detail, counters: {…}, frame_log}.
QJsonObject maintenanceDevicesJson(const QList<MaintenanceDevice> &devices);

} // namespace hk
