#pragma once

#include "app/config/config.h"
#include "app/domain/result.h"
#include "app/root/startup_error.h"

#include <memory>

namespace hk {

class BookingStore;
class Clock;
class Database;
class HallBookingStore;
class HallChannel;
class HallQueueStore;
class HallSession;
class PgHallChannel;
class QueueStore;
class SenderLease;
class SqlAuditLog;
class SqlBookingStore;
class SqlComplaintStore;
class SqlHelpStore;
class SqlOutboxStore;
class SqlQueueOverviewReader;
class SqlQueueStore;
class SqlRatingStore;
class SqlReportReader;
class SqlStaffStore;
class SqlSyncStateStore;
class SqlWindowBusStateStore;

// Where the terminal keeps what it knows (DESIGN §5, §11). Alone, everything is in its SQLite file.
// In a hall (`hall.database`), the queue and everything the hall shares — tickets, windows, calls,
// ratings, help, staff sign-in, the outbox, the bookings' hall state — are in the hall's PostgreSQL,
// and the SQLite file keeps what is the terminal's own: the bookings cache and the pulled catalog
// (offline check-in), its offline tickets until they join the hall's queue, the bus's numbers.
class StoreSetup {
public:
    struct Parts {
        std::unique_ptr<Database> local;   // the terminal's SQLite file, always
        std::unique_ptr<HallSession> hall; // the hall's PostgreSQL; null for a terminal alone
        std::unique_ptr<SqlSyncStateStore> syncState;
        std::unique_ptr<SqlWindowBusStateStore> busState;
        std::unique_ptr<SqlBookingStore> localBookings;
        std::unique_ptr<SqlQueueStore> localQueue; // a terminal alone: the queue
        // In a hall: the hall's queue with the terminal's offline series, the bookings in both.
        std::unique_ptr<HallQueueStore> hallQueueStore;
        std::unique_ptr<HallBookingStore> hallBookingStore;
        std::unique_ptr<SqlRatingStore> ratings;
        std::unique_ptr<SqlComplaintStore> complaints;
        std::unique_ptr<SqlStaffStore> staff;
        std::unique_ptr<SqlHelpStore> help;
        std::unique_ptr<SqlOutboxStore> outbox;
        std::unique_ptr<SqlQueueOverviewReader> overview;
        std::unique_ptr<SqlReportReader> reports; // the supervisors' reports read where the tickets are
        // The audit log of DESIGN §5 and §12: the terminal's own file keeps its technicians' changes
        // (always writable, the hall reachable or not); the hall's keeps what changes the hall's queue.
        std::unique_ptr<SqlAuditLog> localAudit;
        std::unique_ptr<SqlAuditLog> hallAudit; // null for a terminal alone
        std::unique_ptr<HallChannel> channel;
        std::unique_ptr<SenderLease> lease;

        Parts();
        Parts(Parts &&) noexcept;
        Parts &operator=(Parts &&) noexcept;
        ~Parts();

        QueueStore &queue() const;
        BookingStore &bookings() const;
        // The channel when it is the hall's (LISTEN must be renewed on a new connection), else null.
        PgHallChannel *hallChannel() const;
    };

    // Opens the local file, and for a hall its database. Errors: exit 1 for a database that cannot
    // be opened — a wrong password, a database of another hall or of a newer schema, a hall never
    // reached before — naming what to fix. A hall this terminal has joined before but cannot reach
    // now is no error: the terminal starts offline and issues in its offline series.
    static Result<Parts, StartupError> build(const Config &config);
    // `hallkiosk --migrate` (the package's postinst on an upgrade, DESIGN §15): opens the local
    // SQLite file, which applies its pending migrations, and answers the schema version it then has.
    // Errors as build()'s for that file.
    static Result<int, StartupError> migrateLocal(const Config &config);
    // The hall's outbox sender lease, which reads the clock: built once the clock is (alone: always held).
    static void addSenderLease(Parts &parts, const Config &config, const Clock &clock);
};

} // namespace hk
