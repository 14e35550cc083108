#include "app/root/demo_setup.h"

#include "app/config/config_loader.h"
#include "app/domain/booking/booking_token.h"
#include "app/ports/stores/booking_store.h"
#include "app/process/secret_file_mode.h"
#include "app/root/demo_platform.h"
#include "app/root/logging.h"
#include "app/services/catalog_service.h"
#include "app/services/center_time.h"
#include "app/services/checkin/applicant_identity.h"
#include "app/services/staff/pin_hasher.h"
#include "platform/ed25519_key.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

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

Result<Config, StartupError> DemoSetup::config(const QString &dataDir, const QJsonObject &hall)
{
    const int index = hall.isEmpty() ? 1 : hall.value(QStringLiteral("index")).toInt(1);
    const QString terminalId = QStringLiteral("DEMO-T%1").arg(index, 2, 10, QLatin1Char('0'));
    if (!QDir().mkpath(dataDir))
        return fail(StartupError{1, QStringLiteral("cannot create the demo folder %1").arg(dataDir)});
    // Every window of the sample catalog gets a board N, a caller 100+N and an evaluator 200+N on
    // the simulated bus, and the demo clerk may sign in at any of them.
    QJsonObject busWindows;
    for (int n = 1; n <= 8; ++n)
        busWindows.insert(QString::number(n), QJsonObject{{QStringLiteral("board"), n},
                                                          {QStringLiteral("caller"), 100 + n},
                                                          {QStringLiteral("evaluator"), 200 + n}});
    const QString staffPath = QDir(dataDir).filePath(QStringLiteral("staff.json"));
    // Written once, and again when a demo folder of an older version lacks the technician.
    const auto holdsTechnician = [&staffPath] {
        QFile file(staffPath);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const QJsonArray staff = QJsonDocument::fromJson(file.readAll()).array();
        return std::any_of(staff.begin(), staff.end(), [](const QJsonValue &m) {
            return m.toObject().value(QStringLiteral("id")).toString() == QLatin1String(kTechnicianId);
        });
    };
    if (!holdsTechnician()) {
        const QJsonArray staff{QJsonObject{{QStringLiteral("id"), QLatin1String(kStaffId)},
                                           {QStringLiteral("name"), QStringLiteral("演示窗口员")},
                                           {QStringLiteral("windows"), QJsonArray{1, 2, 3, 4, 5, 6, 7, 8}},
                                           {QStringLiteral("pin_hash"), PinHasher::hash(QLatin1String(kStaffPin))},
                                           {QStringLiteral("role"), QStringLiteral("supervisor")}},
                               QJsonObject{{QStringLiteral("id"), QLatin1String(kTechnicianId)},
                                           {QStringLiteral("name"), QStringLiteral("演示技术员")},
                                           {QStringLiteral("windows"), QJsonArray{}},
                                           {QStringLiteral("pin_hash"), PinHasher::hash(QLatin1String(kTechnicianPin))},
                                           {QStringLiteral("role"), QStringLiteral("technician")}}};
        // The PIN hashes are secret: the file is born 0600 (DESIGN §16), an older one replaced.
        QFile::remove(staffPath);
        if (auto written = createSecretFile(staffPath, QJsonDocument(staff).toJson()); !written)
            return fail(StartupError{1, QStringLiteral("cannot write the demo staff file: %1").arg(written.error())});
    }
    const QString player = QStandardPaths::findExecutable(QStringLiteral("aplay")).isEmpty() ? QString() : QStringLiteral("aplay");
    QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), terminalId},
                                                 {QStringLiteral("center"), QStringLiteral("SQ-001")},
                                                 {QStringLiteral("name"), QStringLiteral("大厅%1号自助机").arg(index)}}},
        {QStringLiteral("database"), QDir(dataDir).filePath(QStringLiteral("hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("sim:")},
                                                {QStringLiteral("idcard"), QStringLiteral("sim:")},
                                                {QStringLiteral("scanner"), QStringLiteral("sim:?suffix=cr")},
                                                {QStringLiteral("hallbus"), QStringLiteral("sim:")}}},
        {QStringLiteral("hallbus"), QJsonObject{{QStringLiteral("windows"), busWindows}}},
        {QStringLiteral("staff_file"), staffPath},
        {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), player}}},
        {QStringLiteral("catalog_file"), QStringLiteral(":/hallkiosk/catalog/demo-catalog.json")},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")},
                                             {QStringLiteral("port"), 8079 + index}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
        // The demo's reference platform provisions these files before anything reads them
        // (DemoPlatform::provisioned); its URL is known once it listens (Terminal::buildSync).
        {QStringLiteral("platform"),
         QJsonObject{{QStringLiteral("secret_file"), DemoPlatform::secretPath(QDir(dataDir).filePath(QStringLiteral("platform")), terminalId)},
                     {QStringLiteral("public_key_file"), DemoPlatform::publicKeyPath(QDir(dataDir).filePath(QStringLiteral("platform")))},
                     {QStringLiteral("match_key_file"), DemoPlatform::matchKeyPath(QDir(dataDir).filePath(QStringLiteral("platform")))},
                     {QStringLiteral("pull_interval_s"), 10}}},
    };
    if (!hall.isEmpty()) {
        json.insert(QStringLiteral("hall"), hall);
        if (index != 1) { // one terminal drives the hall's window bus (DESIGN §11)
            QJsonObject devices = json.value(QStringLiteral("devices")).toObject();
            devices.remove(QStringLiteral("hallbus"));
            json.insert(QStringLiteral("devices"), devices);
            json.remove(QStringLiteral("hallbus"));
        }
    }
    auto parsed = ConfigLoader::parse(QJsonDocument(json).toJson(), dataDir);
    if (!parsed) // a defect in this function, not in anything the user did
        return fail(StartupError{1, QStringLiteral("demo config: %1").arg(parsed.error().first().toString())});
    return parsed.value();
}

qint64 DemoSetup::clockOffsetMs(const CatalogService &catalog, const std::optional<QDateTime> &startsAt)
{
    const QDateTime real = QDateTime::currentDateTimeUtc();
    const CenterTime &time = catalog.centerTime();
    const WorkingCalendar &calendar = catalog.calendar();
    QDateTime target = real;
    if (startsAt) {
        target = *startsAt;
    } else if (const LocalDateTime local = time.localOf(real); !calendar.isIssuing(local)) {
        // Half an hour into the next issuing hours: the windows are open by then.
        if (auto next = calendar.nextIssuingStart(local))
            target = time.instantOf(next->addMinutes(30));
    }
    const qint64 offset = real.msecsTo(target);
    if (offset != 0)
        qCInfo(lcRoot).noquote() << "demo clock: the hall's time is" << time.toLocal(target).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                 << (startsAt ? "(--demo-time)" : "(the real time is outside the issuing hours; --demo-time picks another moment)");
    return offset;
}

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
