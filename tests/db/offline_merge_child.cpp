// Test helper for tst_hall_offline: a hall terminal back online merging its offline tickets, run
// with HALLKIOSK_FAILPOINT set so that it is killed (SIGKILL) at a named moment of the merge, then
// again without, to finish. Prints "M <tickets> <events> <cancelled>" when the merge is done.
//
//   offline_merge_child PORT DATABASE LOCAL_FILE INDEX

#include "db/database.h"
#include "db/hall/hall_queue_store.h"
#include "db/hall/hall_session.h"
#include "tests/support/hall_time.h"
#include "tests/support/private_postgres.h"

#include <QCoreApplication>

#include <cstdio>

using namespace hk;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 5)
        return 2;
    HallSession::Settings settings;
    settings.connection.hosts = {QStringLiteral("127.0.0.1")};
    settings.connection.ports = {QString::fromLocal8Bit(argv[1])};
    settings.connection.user = QStringLiteral("hallkiosk");
    settings.connection.database = QString::fromLocal8Bit(argv[2]);
    settings.connection.password = test::PrivatePostgres::password();
    settings.connection.applicationName = QStringLiteral("hallkiosk-merge-child");
    settings.centerId = QStringLiteral("SQ-001");
    settings.terminalId = QStringLiteral("T02");
    auto local = Database::open(QString::fromLocal8Bit(argv[3]));
    if (!local) {
        std::fprintf(stderr, "%s\n", qPrintable(local.error().detail));
        return 1;
    }
    auto session = HallSession::open(settings);
    if (!session) {
        std::fprintf(stderr, "%s\n", qPrintable(session.error().detail));
        return 1;
    }
    HallQueueStore store(*session.value(), *local.value(), QByteArray(argv[4]).toInt());
    auto merged = store.mergeOffline(test::hall(11, 0));
    if (!merged) {
        std::fprintf(stderr, "%s\n", qPrintable(merged.error().detail));
        return 1;
    }
    std::printf("M %d %d %d\n", merged->tickets, merged->events, int(merged->cancelled.size()));
    return 0;
}
