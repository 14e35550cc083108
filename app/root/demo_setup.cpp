#include "app/root/demo_setup.h"

#include "app/domain/booking_token.h"
#include "app/ports/booking_store.h"
#include "app/services/applicant_identity.h"
#include "app/services/center_time.h"
#include "platform/ed25519_key.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>

namespace hk {
namespace {

Result<void, QString> writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size())
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Ok{};
}

// The sample bookings: who (a card of resources/sim/idcards.json, by its number), what, and
// when, in minutes from the demo clock; each shows one of the check-in rules at work.
struct Sample {
    const char *name;
    const char *idNumber; // "" for a booking presented by its code only
    const char *matter;
    int slotFromNowMin;   // the slot start, relative to now
    BookingState state;
    const char *shows;
};
constexpr Sample kSamples[] = {
    {"b1", "11010519491231002X", "SB-001", 0, BookingState::Booked, "checks in now (card: resident, or its code)"},
    {"b2", "11010519491231002X", "HJ-001", 60, BookingState::Booked, "the same card's second booking today: a choice"},
    {"b3", "810000199001011230", "BDC-001", 180, BookingState::Booked, "too early (card: hk-resident)"},
    {"b4", "93184019850315001X", "SW-001", -45, BookingState::Booked, "late: the booking lapsed, a walk-in ticket is offered (card: foreigner-2023)"},
    {"b5", "", "QY-001", 24 * 60, BookingState::Booked, "tomorrow: the wrong day"},
    {"b6", "", "SB-002", 30, BookingState::Cancelled, "cancelled"},
};

} // namespace

QString DemoSetup::codesPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("sim/codes.txt"));
}

Result<DemoSetup::NamedCodes, QString> DemoSetup::seedBookings(BookingStore &bookings, const Catalog &catalog, const CenterTime &time,
                                                               const QDateTime &now, const QString &dataDir, const QByteArray &matchKey,
                                                               const QString &signingKeyPath)
{
    auto key = Ed25519PrivateKey::loadFile(signingKeyPath);
    if (!key)
        return fail(key.error());
    const QDateTime local = time.toLocal(now);
    // Slots on the quarter hour before now, as a platform would offer them.
    const QDateTime base = local.addSecs(-qint64(local.time().minute() % 15) * 60 - local.time().second());
    const QString day = local.date().toString(QStringLiteral("yyyyMMdd"));
    NamedCodes codes;
    QByteArray listing;
    for (const Sample &s : kSamples) {
        const Matter *matter = catalog.findMatter(s.matter);
        BookingRecord record;
        // One set a day: a second start the same day keeps them, checked in or not.
        record.id = QStringLiteral("DEMO-%1-%2").arg(day, QString::fromLatin1(s.name).toUpper());
        record.version = 1;
        record.status = s.state;
        record.matterCode = QString::fromLatin1(s.matter);
        record.groupCode = matter ? QString::fromStdString(matter->group) : QString();
        record.slotStart = base.addSecs(qint64(s.slotFromNowMin) * 60);
        record.slotEnd = record.slotStart.addSecs(qint64(catalog.rules.slotMinutes) * 60);
        record.channel = QStringLiteral("online");
        if (*s.idNumber) {
            record.idDigest = identity::idDigest(matchKey, QString::fromLatin1(s.idNumber));
            record.idMasked = identity::maskIdNumber(QString::fromLatin1(s.idNumber));
        }
        if (auto stored = bookings.upsert(record); !stored)
            return fail(stored.error().detail);
        BookingToken token;
        token.center = catalog.center.id;
        token.bookingId = record.id.toStdString();
        token.matter = s.matter;
        token.slotStartUnix = record.slotStart.toSecsSinceEpoch();
        token.expiresUnix = token.slotStartUnix + qint64(catalog.rules.lateForfeitMinutes) * 60; // DESIGN §6
        const QByteArray signedText = QByteArray::fromStdString(token.signedText());
        token.signature = key->sign(signedText).toStdString();
        const QByteArray code = QByteArray::fromStdString(token.format());
        codes.append({QString::fromLatin1(s.name), code});
        listing += QByteArray(s.name) + ' ' + code + "    # " + s.shows + '\n';
    }
    // A forged code: b1's fields with a signature that is not the platform's.
    QByteArray forged = codes.first().second;
    forged[forged.size() - 3] = forged.at(forged.size() - 3) == 'A' ? 'B' : 'A';
    codes.append({QStringLiteral("forged"), forged});
    listing += "forged " + forged + "    # a forged code: refused, nothing printed\n";
    QDir().mkpath(QFileInfo(codesPath(dataDir)).absolutePath());
    if (auto w = writeFile(codesPath(dataDir), listing); !w)
        return fail(w.error());
    return codes;
}

} // namespace hk
