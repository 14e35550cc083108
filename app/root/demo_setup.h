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

// What the demo needs beyond a config (`hallkiosk --demo`): a platform of its own — an Ed25519 key
// pair and a match key, made in the demo folder at the first start (no private key ships with
// the program) — and a few bookings for today around the demo clock, in the cache as the sync
// would have put them, each with its signed QR code for the simulated scanner.
class DemoSetup {
public:
    static QString publicKeyPath(const QString &dataDir);
    static QString privateKeyPath(const QString &dataDir);
    static QString matchKeyPath(const QString &dataDir);
    static QString codesPath(const QString &dataDir); // the sample codes, one "name code" a line

    // Makes the keys unless they are there already.
    static Result<void, QString> prepareKeys(const QString &dataDir);

    // Today's sample bookings around `now` (the demo clock), for the cards of the built-in card
    // file; the named codes for the scanner simulator ("scan b1"), also written to codesPath().
    using NamedCodes = QList<QPair<QString, QByteArray>>;
    static Result<NamedCodes, QString> seedBookings(BookingStore &bookings, const Catalog &catalog, const CenterTime &time,
                                                    const QDateTime &now, const QString &dataDir, const QByteArray &matchKey);
};

} // namespace hk
