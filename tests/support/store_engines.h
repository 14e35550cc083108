#pragma once

// The two engines a store contract case runs on (DESIGN §11): a data-driven test adds the rows
// `sqlite` and `postgresql` with addEngineRows() and asks StoreEngines for a fresh, migrated
// database of its row's engine. One private PostgreSQL serves the whole test executable; each case
// gets a database of its own, copied from a migrated template (a CREATE DATABASE, not a migration
// per case). Header-only; users link hallkiosk::db and hallkiosk_test_support.

#include "db/database.h"
#include "db/hall/pg_connection.h"
#include "tests/support/private_postgres.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace hk::test {

inline void addEngineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

class StoreEngines {
public:
    static inline const QString kCenter = QStringLiteral("SQ-001");
    static inline const QString kTemplate = QStringLiteral("hall_template");

    // Starts the private server and migrates the template every case copies. Empty, or why not
    // (the test fails with it: it never skips).
    QString startPostgres()
    {
        if (QString error = m_pg.start(); !error.isEmpty())
            return error;
        if (QString error = createDatabase(kTemplate, QStringLiteral("template0")); !error.isEmpty())
            return error;
        auto db = Database::openHall(hall(kTemplate), kCenter);
        return db ? QString() : QStringLiteral("the hall schema: ") + db.error().detail;
    }

    // A new, empty database `name` owned by the hall's role, copied from `templateName`.
    QString createDatabase(const QString &name, const QString &templateName) const
    {
        bool ok = false;
        const QString out = m_pg.psql(QStringLiteral("CREATE DATABASE %1 OWNER hallkiosk TEMPLATE %2").arg(name, templateName), &ok,
                                      QStringLiteral("postgres"));
        return ok ? QString() : QStringLiteral("CREATE DATABASE %1: %2").arg(name, out);
    }

    // A fresh database of `engine` ("sqlite" or "postgresql") with the current schema; null with
    // error() set when it cannot be had.
    std::unique_ptr<Database> fresh(const QString &engine)
    {
        ++m_case;
        m_engine = engine;
        if (engine == QLatin1String("postgresql")) {
            m_name = QStringLiteral("case_%1").arg(m_case);
            if (QString error = createDatabase(m_name, kTemplate); !error.isEmpty()) {
                m_error = error;
                return nullptr;
            }
        } else {
            m_name = m_dir.filePath(QStringLiteral("case-%1.db").arg(m_case));
        }
        return reopen();
    }

    // The same for the engine named by the running case's data row ("sqlite" or "postgresql").
    std::unique_ptr<Database> freshForRow() { return fresh(QString::fromLatin1(QTest::currentDataTag())); }

    // Another connection to the database fresh() made last: the same terminal after a restart,
    // or a second terminal of the hall.
    std::unique_ptr<Database> reopen()
    {
        auto db = m_engine == QLatin1String("postgresql") ? Database::openHall(hall(m_name), kCenter) : Database::open(m_name);
        if (!db) {
            m_error = db.error().detail;
            return nullptr;
        }
        return std::move(db).value();
    }

    HallConnection hall(const QString &database) const
    {
        HallConnection h;
        h.hosts = {QStringLiteral("127.0.0.1")};
        h.ports = {QString::number(m_pg.port())};
        h.user = QStringLiteral("hallkiosk");
        h.database = database;
        h.password = PrivatePostgres::password();
        h.applicationName = QStringLiteral("hallkiosk-test");
        return h;
    }

    QString error() const { return m_error; }
    // The name fresh() gave its database last (a PostgreSQL database or a SQLite file).
    QString name() const { return m_name; }
    PrivatePostgres &postgres() { return m_pg; }

private:
    PrivatePostgres m_pg;
    QTemporaryDir m_dir;
    QString m_engine;
    QString m_name;
    QString m_error;
    int m_case = 0;
};

// Runs SQL on a test's database; false (with the driver's message in `error`) if it failed.
inline bool exec(const Database &db, const QString &sql, QString *error = nullptr)
{
    QSqlQuery q(db.connection());
    const bool ok = q.exec(sql);
    if (!ok && error)
        *error = q.lastError().text();
    return ok;
}

} // namespace hk::test
