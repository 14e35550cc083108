#pragma once

// Values read straight from a test's database, to assert rows a service or the terminal wrote:
// count(db, "SELECT COUNT(*) …"), scalar(db, "SELECT state …"), column(db, "SELECT number …").
// A query that fails reads as a value no assertion expects (-1, "SQL ERROR: …"), never as 0 or
// empty. Header-only; users link hallkiosk::db.

#include "db/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace hk::test {

// The first column of the first row as a number; -1 if the query failed or found no row.
inline int count(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

// The first column of the first row as text; a null string if there is no row.
inline QString scalar(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return QStringLiteral("SQL ERROR: ") + q.lastError().text();
    return q.next() ? q.value(0).toString() : QString();
}

// The first column of every row, in the order the query gives.
inline QStringList column(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        return {QStringLiteral("SQL ERROR: ") + q.lastError().text()};
    QStringList values;
    while (q.next())
        values << q.value(0).toString();
    return values;
}

} // namespace hk::test
