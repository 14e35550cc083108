// Test helper for tst_queue_store: issues walk-in tickets as fast as it can on the database named
// on the command line and prints each number once its transaction has committed. The test kills it
// with SIGKILL at random moments.

#include "db/database.h"
#include "db/sql_queue_store.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: crash_child DB\n");
        return 2;
    }
    auto db = hk::Database::open(QString::fromLocal8Bit(argv[1]));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().detail));
        return 1;
    }
    hk::SqlQueueStore store(*db.value());
    const QDateTime at(QDate(2026, 11, 24), QTime(9, 0), QTimeZone(QByteArrayLiteral("Asia/Shanghai")));
    for (unsigned i = 0;; ++i) {
        const bool a = i % 3 != 2;
        auto ticket = store.issueWalkIn({a ? QStringLiteral("SB") : QStringLiteral("BDC"), a ? 'A' : 'B',
                                         hk::CivilDate(2026, 11, 24), at, QStringLiteral("T01")});
        if (!ticket) {
            std::fprintf(stderr, "%s\n", qPrintable(ticket.error().detail));
            return 1;
        }
        std::printf("%s\n", qPrintable(ticket->number));
        std::fflush(stdout);
    }
}
