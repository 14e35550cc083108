#pragma once

#include "app/config/config.h"
#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/root/startup_error.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace hk {

class BookingStore;
class CatalogService;
class CenterTime;

// What `hallkiosk --demo` is made of: its config (simulated devices, the sample catalog, a staff
// file), its clock (shifted into the hall's working hours), and a few bookings for today around
// the demo clock, each showing one of the check-in rules at work, in the cache as the sync would
// have put them, each with its QR code signed by the demo's platform key (made by the reference
// platform at its first start; no private key ships with the program) for the simulated scanner.
class DemoSetup {
public:
    // The demo's staff member, written to its staff file (DESIGN §8) with this PIN.
    static constexpr const char *kStaffId = "D01";
    static constexpr const char *kStaffPin = "246810";
    // The demo's technician: the maintenance menu (hold the screen's top-left corner 5 s) and the
    // maintenance routes (DESIGN §12).
    static constexpr const char *kTechnicianId = "T01";
    static constexpr const char *kTechnicianPin = "135790";

    // The demo's configuration: simulated devices (a board, caller and evaluator at every window
    // of the sample catalog), the sample catalog, a database and the staff file under `dataDir`.
    // With `hall` (the config's `hall` object, `scripts/demo --hall N`) it is terminal `index` of a
    // hall: DEMO-T0<index> on port 8079 + index, and only terminal 1 drives the window bus.
    static Result<Config, StartupError> config(const QString &dataDir, const QJsonObject &hall = {});

    // How far the demo's clock runs from the real time: to `startsAt` (--demo-time) if given, else
    // half an hour into the next issuing hours when the hall is not issuing now, else not at all.
    static qint64 clockOffsetMs(const CatalogService &catalog, const std::optional<QDateTime> &startsAt);

    static QString codesPath(const QString &dataDir); // the sample codes, one "name code" a line

    // Today's sample bookings around `now` (the demo clock), for the cards of the built-in card
    // file; the named codes for the scanner simulator ("scan b1"), also written to codesPath().
    using NamedCodes = QList<QPair<QString, QByteArray>>;
    static Result<NamedCodes, QString> seedBookings(BookingStore &bookings, const Catalog &catalog, const CenterTime &time,
                                                    const QDateTime &now, const QString &dataDir, const QByteArray &matchKey,
                                                    const QString &signingKeyPath);
};

} // namespace hk
