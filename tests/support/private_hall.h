#pragma once

// The connection a terminal of the hall would make to a test's private PostgreSQL: its loopback
// port, the hall's role and password, and the terminal's application name. Header-only; users
// link hallkiosk::db and hallkiosk_test_support.

#include "db/hall/pg_connection.h"
#include "tests/support/private_postgres.h"

namespace hk::test {

inline HallConnection hallConnectionOf(const PrivatePostgres &pg, const QString &terminalId = QStringLiteral("T01"))
{
    HallConnection hall;
    hall.hosts = {QStringLiteral("127.0.0.1")};
    hall.ports = {QString::number(pg.port())};
    hall.user = QStringLiteral("hallkiosk");
    hall.database = QStringLiteral("hallkiosk");
    hall.password = PrivatePostgres::password();
    hall.applicationName = QStringLiteral("hallkiosk-") + terminalId;
    return hall;
}

} // namespace hk::test
