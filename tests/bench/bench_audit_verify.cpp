// Audit chain benchmark: how long checking the whole chain takes (the start-up check, DESIGN §16),
// and how long keeping it current takes once rows were added (what each health request costs).
// Rows are written through AuditChain in one transaction, on a real SQLite file with every
// migration. Prints the times; asserts nothing about time (STYLE.md).
//
//   bench_audit_verify [ROWS]      (default 100000)

#include "db/audit_chain.h"
#include "db/database.h"
#include "db/stores/sql_audit_log.h"
#include "db/transaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace hk;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("audit.db")));
    if (!opened) {
        std::fprintf(stderr, "cannot open the database: %s\n", qPrintable(opened.error().detail));
        return 1;
    }
    Database &db = *opened.value();
    const QDateTime at = QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);
    QElapsedTimer timer;
    timer.start();
    {
        Transaction tx(db.connection());
        if (!tx.begin())
            return 1;
        QSqlQuery q(db.connection());
        for (int i = 0; i < rows; ++i) {
            const AuditEntry e{at.addSecs(i), QStringLiteral("staff:S%1").arg(i % 40, 2, 10, QLatin1Char('0')),
                               QStringLiteral("ticket_called"), QStringLiteral("ticket-%1").arg(i),
                               QJsonObject{{QStringLiteral("window"), i % 12 + 1}, {QStringLiteral("number"), QStringLiteral("A%1").arg(i % 1000)}}};
            if (!AuditChain::append(q, e)) {
                std::fprintf(stderr, "append %d failed\n", i);
                return 1;
            }
        }
        if (!tx.commit())
            return 1;
    }
    const qint64 writeMs = timer.elapsed();
    SqlAuditLog log(db);
    timer.restart();
    auto whole = log.verify();
    const qint64 verifyMs = timer.elapsed();
    if (!whole || !whole->intact() || whole->rows != rows) {
        std::fprintf(stderr, "the chain did not verify\n");
        return 1;
    }
    for (int i = 0; i < 10; ++i)
        (void)log.append({at, QStringLiteral("staff:S01"), QStringLiteral("ticket_finished"), QStringLiteral("t"), {}});
    timer.restart();
    auto extended = log.verifyAfter(whole.value());
    const qint64 extendUs = timer.nsecsElapsed() / 1000;
    timer.restart();
    auto nothingNew = log.verifyAfter(extended.value());
    const qint64 idleUs = timer.nsecsElapsed() / 1000;
    std::printf("audit chain, %d rows (SQLite file): written in %lld ms; whole check %lld ms; "
                "check kept current after 10 new rows %lld us, with none new %lld us (rows %lld, intact %s)\n",
                rows, writeMs, verifyMs, extendUs, idleUs, nothingNew ? nothingNew->rows : -1LL,
                nothingNew && nothingNew->intact() ? "yes" : "no");
    return 0;
}
