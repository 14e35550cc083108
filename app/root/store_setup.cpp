#include "app/root/store_setup.h"

#include "app/ports/clock.h"
#include "app/root/logging.h"
#include "db/database.h"
#include "db/hall/always_held_lease.h"
#include "db/hall/hall_booking_store.h"
#include "db/hall/hall_queue_store.h"
#include "db/hall/hall_session.h"
#include "db/hall/null_hall_channel.h"
#include "db/hall/pg_connection.h"
#include "db/hall/pg_hall_channel.h"
#include "db/hall/pg_sender_lease.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "db/stores/sql_report_reader.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_rating_store.h"
#include "db/stores/sql_staff_store.h"
#include "db/stores/sql_sync_state_store.h"
#include "db/stores/sql_window_bus_state_store.h"

namespace hk {
namespace {

HallConnection connectionOf(const Config &config)
{
    const Config::Hall &hall = *config.hall;
    HallConnection c;
    c.hosts = hall.database.hosts;
    c.ports = hall.database.ports;
    c.user = hall.database.user;
    c.database = hall.database.database;
    c.options = hall.database.options;
    c.password = hall.password;
    c.applicationName = QStringLiteral("hallkiosk-%1").arg(config.terminal.id);
    return c;
}

// What no restart can fix: the server answered and said no. Anything else (refused, timed out, a
// name that does not resolve) is the network or the server being down.
bool isRefusal(const QString &why)
{
    for (const char *answer : {"password authentication failed", "no pg_hba.conf entry", "does not exist", "newer than this",
                               "belongs to center", "permission denied", "certificate", "SSL"}) {
        if (why.contains(QLatin1String(answer), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

StoreSetup::Parts::Parts() = default;
StoreSetup::Parts::Parts(Parts &&) noexcept = default;
StoreSetup::Parts &StoreSetup::Parts::operator=(Parts &&) noexcept = default;
StoreSetup::Parts::~Parts() = default;

QueueStore &StoreSetup::Parts::queue() const
{
    if (hallQueueStore)
        return *hallQueueStore;
    return *localQueue;
}

BookingStore &StoreSetup::Parts::bookings() const
{
    if (hallBookingStore)
        return *hallBookingStore;
    return *localBookings;
}

PgHallChannel *StoreSetup::Parts::hallChannel() const
{
    return hall ? static_cast<PgHallChannel *>(channel.get()) : nullptr;
}

Result<int, StartupError> StoreSetup::migrateLocal(const Config &config)
{
    auto local = Database::open(config.database);
    if (!local)
        return fail(StartupError{1, QStringLiteral("database: %1").arg(local.error().detail)});
    return local.value()->schemaVersion();
}

Result<StoreSetup::Parts, StartupError> StoreSetup::build(const Config &config)
{
    Parts parts;
    auto local = Database::open(config.database);
    if (!local)
        return fail(StartupError{1, QStringLiteral("database: %1").arg(local.error().detail)});
    parts.local = std::move(local).value();
    Database &own = *parts.local;
    parts.syncState = std::make_unique<SqlSyncStateStore>(own);
    parts.busState = std::make_unique<SqlWindowBusStateStore>(own);
    parts.localBookings = std::make_unique<SqlBookingStore>(own);
    parts.localAudit = std::make_unique<SqlAuditLog>(own);

    if (!config.hall) {
        parts.localQueue = std::make_unique<SqlQueueStore>(own);
        parts.ratings = std::make_unique<SqlRatingStore>(own);
        parts.complaints = std::make_unique<SqlComplaintStore>(own);
        parts.staff = std::make_unique<SqlStaffStore>(own);
        parts.help = std::make_unique<SqlHelpStore>(own);
        parts.outbox = std::make_unique<SqlOutboxStore>(own);
        parts.overview = std::make_unique<SqlQueueOverviewReader>(own);
        parts.reports = std::make_unique<SqlReportReader>(own);
        parts.channel = std::make_unique<NullHallChannel>();
        return parts;
    }

    const Config::Hall &hallConfig = *config.hall;
    HallSession::Settings settings;
    settings.connection = connectionOf(config);
    settings.centerId = config.terminal.center;
    settings.terminalId = config.terminal.id;
    settings.terminalName = config.terminal.name;
    const QString where = hallConfig.database.text;
    auto session = HallSession::open(settings);
    if (session) {
        parts.hall = std::move(session).value();
        if (auto joined = parts.syncState->setJoinedHall(where); !joined)
            qCWarning(lcRoot).noquote() << "cannot note the hall joined:" << joined.error().detail;
        qCInfo(lcRoot).noquote() << "hall database" << parts.hall->database().path() << "schema" << parts.hall->database().schemaVersion();
    } else {
        const QString why = session.error().detail;
        auto joined = parts.syncState->joinedHall();
        const bool known = joined && joined.value() && *joined.value() == where;
        // The server's no is its own words, first start or not; only a hall out of reach on the
        // first start is told how a terminal joins.
        const bool refused = isRefusal(why);
        if (refused || !known)
            return fail(StartupError{1, refused ? QStringLiteral("hall.database: %1").arg(why)
                                                : QStringLiteral("hall.database: %1 (a terminal joins its hall online the first time; "
                                                                 "check the address, the network and that the database server runs)")
                                                      .arg(why)});
        qCWarning(lcRoot).noquote() << "hall database unreachable, starting offline (tickets in the series"
                                    << QStringLiteral("A%1-001").arg(hallConfig.index) << "…):" << why;
        parts.hall = HallSession::openOffline(settings, why);
    }
    Database &hall = parts.hall->database();
    parts.hallQueueStore = std::make_unique<HallQueueStore>(*parts.hall, own, hallConfig.index);
    parts.hallBookingStore = std::make_unique<HallBookingStore>(*parts.hall, own);
    parts.ratings = std::make_unique<SqlRatingStore>(hall);
    parts.complaints = std::make_unique<SqlComplaintStore>(hall);
    parts.staff = std::make_unique<SqlStaffStore>(hall);
    parts.help = std::make_unique<SqlHelpStore>(hall);
    parts.outbox = std::make_unique<SqlOutboxStore>(hall);
    parts.overview = std::make_unique<SqlQueueOverviewReader>(hall);
    parts.reports = std::make_unique<SqlReportReader>(hall);
    parts.hallAudit = std::make_unique<SqlAuditLog>(hall);
    parts.channel = std::make_unique<PgHallChannel>(hall.connection(), config.terminal.id);
    return parts;
}

void StoreSetup::addSenderLease(Parts &parts, const Config &config, const Clock &clock)
{
    if (!parts.hall) {
        parts.lease = std::make_unique<AlwaysHeldLease>();
        return;
    }
    parts.lease = std::make_unique<PgSenderLease>(connectionOf(config), QStringLiteral("hallkiosk-sender-lease"), clock);
}

} // namespace hk
