#pragma once

// A hall's database for a test of the services (or of the screens over them): a real SQLite file
// with every migration applied, in a folder of its own that goes with the test, the queue and
// booking stores over it, and the reads a test asserts rows with. A test's rig derives from it and
// adds the clock and the services.
// Header-only; users link hallkiosk::db.

#include "db/database.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/sql_values.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

namespace hk::test {

struct HallDatabase {
    QTemporaryDir dir;
    std::unique_ptr<Database> db = Database::open(dir.filePath(QStringLiteral("hall.db"))).value();
    SqlQueueStore store{*db};
    SqlBookingStore bookings{*db};

    int count(const QString &sql) const { return test::count(*db, sql); }
    QString scalar(const QString &sql) const { return test::scalar(*db, sql); }
    // The data of the newest outbox event of a type; empty if there is none.
    QJsonObject lastEvent(const char *type) const
    {
        return QJsonDocument::fromJson(
                   test::scalar(*db, QStringLiteral("SELECT data FROM outbox WHERE type = '%1' ORDER BY seq DESC LIMIT 1").arg(QLatin1String(type)))
                       .toUtf8())
            .object();
    }
};

} // namespace hk::test
