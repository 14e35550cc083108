#pragma once

// Lets QCOMPARE print the project's enums.

#include "app/domain/queue/ticket.h"
#include "app/ports/devices/device_error.h"
#include "app/ports/devices/device_health.h"

#include <QTest>

#include <optional>
#include <string>

namespace QTest {

template <> inline char *toString(const hk::DeviceError &e) { return qstrdup(qPrintable(hk::nameOf(e))); }
template <> inline char *toString(const hk::DeviceHealth::State &s) { return qstrdup(qPrintable(hk::nameOf(s))); }
template <> inline char *toString(const hk::TicketState &s) { return qstrdup(std::string(hk::nameOf(s)).c_str()); }
template <> inline char *toString(const hk::PrintState &s) { return qstrdup(std::string(hk::nameOf(s)).c_str()); }
template <> inline char *toString(const hk::TicketKind &k) { return qstrdup(std::string(hk::nameOf(k)).c_str()); }
template <> inline char *toString(const std::optional<hk::DeviceError> &e)
{
    return e ? QTest::toString<hk::DeviceError>(*e) : qstrdup("nullopt");
}

} // namespace QTest
