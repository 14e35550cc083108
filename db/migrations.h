#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QSqlDatabase>
#include <QStringList>

#include <vector>

namespace hk {

struct Migration {
    int version; // SQLite: the user_version it brings; PostgreSQL: the minor version (of kHallMajor)
    const char *name;
    QStringList statements;
};

// The hall database's schema version, major.minor: within a major, migrations only add.
struct HallSchemaVersion {
    int major = 0;
    int minor = 0;
    QString text() const { return QStringLiteral("%1.%2").arg(major).arg(minor); }
};

// The schema of each engine, in numbered migrations applied in order at start-up.
//
// SQLite (the terminal's file): each migration in its own transaction with PRAGMA user_version
// moved in the same commit; a file newer than this program is refused.
//
// PostgreSQL (the hall's database, DESIGN §11): one migration creating everything at 1.0, then
// minors that only add (tables, nullable columns, indexes), so a terminal one release behind keeps
// running on the newer schema. Version and center are the row of `schema_info`. Migrations run
// under a session advisory lock (kHallSchemaLock) by whichever terminal opens the database first;
// the others wait for it and find the schema done. A schema of a newer major, or of another
// center, is refused.
class Migrations {
public:
    static const std::vector<Migration> &sqlite();
    static int latestVersion(); // SQLite's
    static Result<void, StoreError> apply(QSqlDatabase &db);

    static constexpr int kHallMajor = 1;
    // pg_advisory_lock key of the hall's schema migrations: "hallkios" in ASCII. Other hall locks
    // take other keys.
    static constexpr qint64 kHallSchemaLock = 0x68616c6c6b696f73;
    static const std::vector<Migration> &postgres();
    static int hallMinor(); // the latest minor this program knows
    static HallSchemaVersion hallVersion() { return {kHallMajor, hallMinor()}; }
    // Checks the hall database's version and center and brings it to hallVersion() (never down).
    // The version the database has afterwards.
    static Result<HallSchemaVersion, StoreError> applyHall(QSqlDatabase &db, const QString &centerId);
};

} // namespace hk
