// make_schema_fixture OUT.db [VERSION]: the package's upgrade test's database (DESIGN §15) — a
// terminal's SQLite file at schema VERSION (default: one before this program's latest), made with
// the real migrations up to that level exactly as Migrations::apply runs them, holding three of a
// day's tickets and their number series. Run by hand when the fixture is renewed; its output is
// committed as tests/fixtures/packaging/hallkiosk-schema-N.db (tests/packaging/README.md).

#include "db/migrations.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>

namespace {

bool run(QSqlQuery &query, const QString &sql)
{
    if (query.exec(sql))
        return true;
    std::fprintf(stderr, "make_schema_fixture: %s: %s\n", qPrintable(sql.left(80)), qPrintable(query.lastError().text()));
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: make_schema_fixture OUT.db [VERSION]\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    const int version = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : hk::Migrations::latestVersion() - 1;
    QFile::remove(out);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixture"));
        db.setDatabaseName(out);
        if (!db.open())
            return 1;
        QSqlQuery query(db);
        for (const hk::Migration &m : hk::Migrations::sqlite()) {
            if (m.version > version)
                break;
            if (!run(query, QStringLiteral("BEGIN IMMEDIATE")))
                return 1;
            for (const QString &sql : m.statements)
                if (!run(query, sql))
                    return 1;
            if (!run(query, QStringLiteral("PRAGMA user_version = %1").arg(m.version)) || !run(query, QStringLiteral("COMMIT")))
                return 1;
        }
        const char *tickets[][4] = {{"t-fixture-1", "1", "A001", "2026-12-04T09:01:00+08:00"},
                                    {"t-fixture-2", "2", "A002", "2026-12-04T09:02:30+08:00"},
                                    {"t-fixture-3", "3", "A003", "2026-12-04T09:05:10+08:00"}};
        for (const auto &t : tickets) {
            query.prepare(QStringLiteral("INSERT INTO tickets (id, service_date, series, seq, number, kind, group_code, issued_at, "
                                         "terminal, print_state, queue_key) VALUES (?, '2026-12-04', 'A', ?, ?, 'walkin', 'A', ?, "
                                         "'T01', 'printed', CAST(strftime('%s', ?) AS REAL))"));
            query.addBindValue(QString::fromLatin1(t[0]));
            query.addBindValue(QString::fromLatin1(t[1]).toInt());
            query.addBindValue(QString::fromLatin1(t[2]));
            query.addBindValue(QString::fromLatin1(t[3]));
            query.addBindValue(QString::fromLatin1(t[3]));
            if (!query.exec()) {
                std::fprintf(stderr, "make_schema_fixture: %s\n", qPrintable(query.lastError().text()));
                return 1;
            }
        }
        if (!run(query, QStringLiteral("INSERT INTO number_series VALUES ('2026-12-04', 'A', 3)")) ||
            !run(query, QStringLiteral("VACUUM")))
            return 1;
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fixture"));
    std::printf("%s: schema %d, 3 tickets\n", qPrintable(out), version);
    return 0;
}
