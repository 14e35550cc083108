#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace hk {

// Where the hall's PostgreSQL is and how to reach it (DESIGN §11), as `hall.database` named it:
// the root fills it from the parsed config. Several hosts (with a port each, or one port for all)
// are tried in order by libpq; `options` are the URI's parameters, passed to libpq as written
// (`sslmode=verify-full`, `target_session_attrs=read-write` …).
struct HallConnection {
    QStringList hosts;
    QStringList ports; // empty: libpq's default; one: for every host; else one per host
    QString user;
    QString database;
    QStringList options; // "key=value", as in the URI's query
    QString password;    // from hall.password_file; empty: none (e.g. a client certificate)
    QString applicationName; // shows in pg_stat_activity: "hallkiosk-<terminal id>"
    int connectTimeoutS = 3;
};

// Opens a QPSQL connection named `connectionName` in the calling thread, with the timeouts that
// turn a dead or silent server into an error within seconds rather than a frozen screen:
// connect_timeout, TCP keepalives and tcp_user_timeout. The caller removes the connection
// (QSqlDatabase::removeDatabase) when it is done with it.
Result<QSqlDatabase, StoreError> openHallConnection(const HallConnection &hall, const QString &connectionName);

// The libpq keywords openHallConnection passes (for logs and tests; never the password).
QString hallConnectOptions(const HallConnection &hall);

// The same in two steps, for a connection that is to be opened again and again under one name (the
// hall's main connection, reopened after an outage): added and configured, not yet open …
Result<QSqlDatabase, StoreError> addHallConnection(const HallConnection &hall, const QString &connectionName);
// … and opened (again: a connection that was open is closed first).
Result<void, StoreError> connectHall(QSqlDatabase &db, const HallConnection &hall);

// True for errors that mean the server is out of reach or the connection is gone (SQLSTATE class
// 08, or no SQLSTATE at all with the connection closed), as opposed to a refused statement.
bool isConnectionError(const QSqlError &error, const QSqlDatabase &db);
bool isConnectionError(const QSqlError &error, const QSqlDriver *driver);

} // namespace hk
