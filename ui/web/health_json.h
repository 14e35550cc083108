#pragma once

#include "app/services/health_service.h"

#include <QJsonObject>

namespace hk {

// GET /api/v1/health in its DESIGN §7 shape: version, devices, sync — plus terminal, help and at.
// No personal data ever appears here.
QJsonObject toJson(const HealthSnapshot &health);

} // namespace hk
