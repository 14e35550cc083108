#include "db/hall/pg_connection.h"

#include <QSqlDriver>
#include <QSqlError>

namespace hk {

QString hallConnectOptions(const HallConnection &hall)
{
    QStringList options{QStringLiteral("connect_timeout=%1").arg(hall.connectTimeoutS),
                        // A peer that stops answering is noticed while idle (keepalives) and while
                        // data waits for an acknowledgement (tcp_user_timeout), in seconds either way.
                        QStringLiteral("keepalives=1"), QStringLiteral("keepalives_idle=2"), QStringLiteral("keepalives_interval=1"),
                        QStringLiteral("keepalives_count=3"), QStringLiteral("tcp_user_timeout=5000")};
    if (hall.ports.size() > 1)
        options << QStringLiteral("port=%1").arg(hall.ports.join(QLatin1Char(',')));
    if (!hall.applicationName.isEmpty())
        options << QStringLiteral("application_name=%1").arg(hall.applicationName);
    // The URI's own parameters last, so a hall may override ours (e.g. a longer connect_timeout).
    options << hall.options;
    return options.join(QLatin1Char(';'));
}

Result<QSqlDatabase, StoreError> addHallConnection(const HallConnection &hall, const QString &connectionName)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return fail(StoreError{StoreError::Kind::Unavailable,
                               QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed (Debian package libqt6sql6-psql)")});
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(hall.hosts.join(QLatin1Char(',')));
    if (hall.ports.size() == 1)
        db.setPort(hall.ports.first().toInt());
    db.setDatabaseName(hall.database);
    db.setUserName(hall.user);
    if (!hall.password.isEmpty())
        db.setPassword(hall.password);
    db.setConnectOptions(hallConnectOptions(hall));
    return db;
}

Result<void, StoreError> connectHall(QSqlDatabase &db, const HallConnection &hall)
{
    if (db.isOpen())
        db.close();
    if (!db.open()) {
        const QString why = db.lastError().text().trimmed();
        return fail(StoreError{StoreError::Kind::Unavailable,
                               QStringLiteral("cannot connect to the hall database %1@%2/%3: %4")
                                   .arg(hall.user, hall.hosts.join(QLatin1Char(',')), hall.database, why)});
    }
    return Ok{};
}

Result<QSqlDatabase, StoreError> openHallConnection(const HallConnection &hall, const QString &connectionName)
{
    auto added = addHallConnection(hall, connectionName);
    if (!added)
        return added;
    QSqlDatabase db = std::move(added).value();
    if (auto connected = connectHall(db, hall); !connected)
        return fail(connected.error());
    return db;
}

bool isConnectionError(const QSqlError &error, const QSqlDatabase &db)
{
    return isConnectionError(error, db.driver());
}

bool isConnectionError(const QSqlError &error, const QSqlDriver *driver)
{
    const QString state = error.nativeErrorCode();
    if (state.startsWith(QLatin1String("08")) || state == QLatin1String("57P01") || state == QLatin1String("57P02") ||
        state == QLatin1String("57P03"))
        return true; // connection exception; admin shutdown, crash shutdown, cannot connect now
    if (!driver || !driver->isOpen())
        return true;
    // libpq reports a lost connection without a SQLSTATE.
    return state.isEmpty() && error.type() != QSqlError::NoError &&
           (error.text().contains(QLatin1String("server closed the connection")) ||
            error.text().contains(QLatin1String("no connection to the server")) ||
            error.text().contains(QLatin1String("could not send data")) ||
            error.text().contains(QLatin1String("could not receive data")));
}

} // namespace hk
