#pragma once

#include "app/domain/catalog.h"
#include "app/domain/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace hk {

class BookingStore;
class CenterTime;

// What the demo needs beyond a config (`hallkiosk --demo`): a few bookings for today around the
// demo clock, each showing one of the check-in rules at work, in the cache as the sync would have
// put them, each with its QR code signed by the demo's platform key (made by the reference
// platform at its first start; no private key ships with the program) for the simulated scanner.
class DemoSetup {
public:
    static QString codesPath(const QString &dataDir); // the sample codes, one "name code" a line

    // Today's sample bookings around `now` (the demo clock), for the cards of the built-in card
    // file; the named codes for the scanner simulator ("scan b1"), also written to codesPath().
    using NamedCodes = QList<QPair<QString, QByteArray>>;
    static Result<NamedCodes, QString> seedBookings(BookingStore &bookings, const Catalog &catalog, const CenterTime &time,
                                                    const QDateTime &now, const QString &dataDir, const QByteArray &matchKey,
                                                    const QString &signingKeyPath);
};

} // namespace hk
