#pragma once

#include "app/domain/result.h"

#include <QString>
#include <QStringList>

namespace hk {

// Where the hall's PostgreSQL is (`hall.database`, DESIGN §11): a libpq connection URI,
// `postgresql://[user@]host[:port][,host2[:port]…]/database[?key=value&…]`, taken apart into what
// the composition root copies into db's `HallConnection`. Everything percent-decoded. A password
// is refused here (it belongs in `hall.password_file`), as are the parameters the URI's own parts
// already say (host, port, dbname, user); the other libpq parameters pass through as written.
struct HallDatabaseUri {
    QStringList hosts;   // in the order libpq tries them; "[::1]" is kept as "::1"
    QStringList ports;   // empty: libpq's default for all; one: the only host's; else one per host ("" = default)
    QString user;        // empty: libpq's default (the service user's name)
    QString database;
    // The query's parameters as libpq conninfo items, "key=value" (a value with spaces, quotes or
    // backslashes single-quoted and escaped as conninfo wants), in the URI's order.
    QStringList options;
    QString text; // as written in the config (it holds no password), for messages and logs

    // The value of a query parameter as decoded ("read-write"), or empty.
    QString option(const QString &key) const;

    static Result<HallDatabaseUri, QString> parse(const QString &text);
};

} // namespace hk
