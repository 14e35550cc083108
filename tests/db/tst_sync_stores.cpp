// db: what the platform sync reads and writes — the outbox in order, settled and parked; the
// booking cursor and the pulled catalog; bookings applied only when newer, without undoing what
// the terminal itself did to them. Every case on both engines (rows `sqlite` and `postgresql`).

#include "db/database.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_sync_state_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/store_engines.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace hk;

namespace {

QDateTime at(int h, int m)
{
    return test::hall(h, m).addDays(8); // Wednesday 2 December
}

OutboxEvent helpEvent(int n)
{
    return {QUuid::createUuid().toString(QUuid::WithoutBraces), QStringLiteral("help_requested"), at(9, n),
            QJsonObject{{QStringLiteral("terminal"), QStringLiteral("T01")}, {QStringLiteral("n"), n}}};
}

BookingRecord booking(const QString &id, qint64 version, BookingState status)
{
    BookingRecord b;
    b.id = id;
    b.version = version;
    b.status = status;
    b.matterCode = QStringLiteral("SB-001");
    b.groupCode = QStringLiteral("SB");
    b.slotStart = at(10, 0);
    b.slotEnd = at(11, 0);
    b.channel = QStringLiteral("app");
    b.idDigest = QString(64, QLatin1Char('a'));
    b.idMasked = QStringLiteral("4116**********1234");
    return b;
}

} // namespace

class TestSyncStores : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void outboxInOrderSettledAndParked_data() { test::addEngineRows(); }
    void outboxInOrderSettledAndParked()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlOutboxStore outbox(*db);
        QStringList ids;
        for (int n = 0; n < 5; ++n) {
            const OutboxEvent e = helpEvent(n);
            QVERIFY(outbox.append(e));
            ids << e.id;
        }
        auto first = outbox.pending(3);
        QVERIFY(first);
        QCOMPARE(first->size(), size_t(3));
        for (int n = 0; n < 3; ++n) {
            QCOMPARE(first->at(size_t(n)).event.id, ids[n]);
            QCOMPARE(first->at(size_t(n)).event.at, at(9, n));
            QCOMPARE(first->at(size_t(n)).event.at.offsetFromUtc(), 8 * 3600); // sent with the offset it was written with
            QCOMPARE(first->at(size_t(n)).event.data.value(QStringLiteral("n")).toInt(), n);
        }
        QVERIFY(outbox.noteAttempt({ids[0], ids[1]}, QStringLiteral("timeout")));
        QVERIFY(outbox.settle({ids[0], ids[2]}, {{ids[1], QStringLiteral("unknown_type")}}));
        auto rest = outbox.pending(10);
        QVERIFY(rest);
        QCOMPARE(rest->size(), size_t(2)); // the parked one is skipped, the order kept
        QCOMPARE(rest->at(0).event.id, ids[3]);
        QCOMPARE(rest->at(1).event.id, ids[4]);
        auto counts = outbox.counts();
        QVERIFY(counts);
        QCOMPARE(counts->pending, 2);
        QCOMPARE(counts->parked, 1);
        QCOMPARE(*counts->oldestPendingAt, at(9, 3));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT attempts, last_error FROM outbox WHERE state = 'parked'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(1).toString(), QStringLiteral("unknown_type"));
    }

    // The maintenance menu's 同步 page (DESIGN §12): the parked events with their reasons, and a
    // technician's resend puts one back in its place in the written order.
    void parkedEventsListedAndResent_data() { test::addEngineRows(); }
    void parkedEventsListedAndResent()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlOutboxStore outbox(*db);
        QStringList ids;
        for (int n = 0; n < 4; ++n) {
            const OutboxEvent e = helpEvent(n);
            QVERIFY(outbox.append(e));
            ids << e.id;
        }
        QVERIFY(outbox.settle({ids[0]}, {{ids[1], QStringLiteral("unknown_type")}, {ids[2], QStringLiteral("invalid_event")}}));
        auto parked = outbox.parkedEvents(10);
        QVERIFY(parked);
        QCOMPARE(parked->size(), size_t(2));
        QCOMPARE(parked->at(0).id, ids[1]);
        QCOMPARE(parked->at(0).reason, QStringLiteral("unknown_type"));
        QCOMPARE(parked->at(0).type, QStringLiteral("help_requested"));
        QCOMPARE(*parked->at(0).at, at(9, 1));
        QCOMPARE(parked->at(1).reason, QStringLiteral("invalid_event"));
        auto limited = outbox.parkedEvents(1);
        QVERIFY(limited);
        QCOMPARE(limited->size(), size_t(1));

        auto resent = outbox.unpark(ids[2]);
        QVERIFY(resent);
        QVERIFY(resent.value());
        auto pending = outbox.pending(10);
        QVERIFY(pending);
        QCOMPARE(pending->size(), size_t(2));
        QCOMPARE(pending->at(0).event.id, ids[2]); // before ids[3]: written first
        QCOMPARE(pending->at(1).event.id, ids[3]);
        auto counts = outbox.counts();
        QVERIFY(counts);
        QCOMPARE(counts->parked, 1);

        // Not parked (pending, delivered or unknown): nothing to resend.
        for (const QString &id : {ids[3], ids[0], QStringLiteral("no-such-event")}) {
            auto again = outbox.unpark(id);
            QVERIFY(again);
            QVERIFY2(!again.value(), qPrintable(id));
        }
    }

    void appendedEventsCountInTheOutbox_data() { test::addEngineRows(); }
    void appendedEventsCountInTheOutbox()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlOutboxStore outbox(*db);
        const OutboxEvent help = helpEvent(0);
        QVERIFY(outbox.append(help).ok());
        // The same event id twice is a defect upstream; the store refuses it rather than send twice.
        QVERIFY(!outbox.append({help.id, help.type, help.at, {}}).ok());
        QCOMPARE(outbox.counts().value().pending, 1);
    }

    void cursorAndCatalogSurviveARestart_data() { test::addEngineRows(); }
    void cursorAndCatalogSurviveARestart()
    {
        {
            auto db = m_engines.freshForRow();
            QVERIFY2(db, qPrintable(m_engines.error()));
            SqlSyncStateStore state(*db);
            QVERIFY(!state.bookingCursor().value());
            QVERIFY(!state.catalog().value());
            QVERIFY(state.setBookingCursor(QStringLiteral("1234")));
            QVERIFY(state.setBookingCursor(QStringLiteral("1240")));
            QVERIFY(state.saveCatalog({7, QByteArrayLiteral("{\"version\": 7}")}));
        }
        auto db = m_engines.reopen();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlSyncStateStore state(*db);
        QCOMPARE(*state.bookingCursor().value(), QStringLiteral("1240"));
        QCOMPARE(state.catalog().value()->version, 7);
        QCOMPARE(state.catalog().value()->json, QByteArrayLiteral("{\"version\": 7}"));
    }

    void bookingsOnlyWhenNewerAndTheTerminalsStatusStays_data() { test::addEngineRows(); }
    void bookingsOnlyWhenNewerAndTheTerminalsStatusStays()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlBookingStore bookings(*db);
        auto stored = bookings.upsertMany({booking(QStringLiteral("B1"), 1, BookingState::Booked),
                                           booking(QStringLiteral("B2"), 1, BookingState::Booked),
                                           booking(QStringLiteral("B3"), 1, BookingState::Booked)});
        QVERIFY(stored);
        QCOMPARE(stored.value(), 3);
        // The same versions again change nothing; an older one neither.
        QCOMPARE(bookings.upsertMany({booking(QStringLiteral("B1"), 1, BookingState::Cancelled)}).value(), 0);
        QCOMPARE(bookings.find(QStringLiteral("B1")).value()->status, BookingState::Booked);
        // A newer cancellation is in force at once.
        QCOMPARE(bookings.upsertMany({booking(QStringLiteral("B1"), 2, BookingState::Cancelled)}).value(), 1);
        QCOMPARE(bookings.find(QStringLiteral("B1")).value()->status, BookingState::Cancelled);
        // The terminal forfeited B2 (a late scan); a pull of a version made before the platform heard
        // of it must not make it bookable again.
        QVERIFY(bookings.forfeit(QStringLiteral("B2"), at(10, 40)).value());
        QCOMPARE(bookings.upsertMany({booking(QStringLiteral("B2"), 2, BookingState::Booked)}).value(), 1);
        auto b2 = bookings.find(QStringLiteral("B2")).value();
        QCOMPARE(b2->status, BookingState::Forfeited);
        QCOMPARE(int(b2->version), 2);
        // What the platform decided beyond that is taken.
        QCOMPARE(bookings.upsertMany({booking(QStringLiteral("B3"), 2, BookingState::NoShow)}).value(), 1);
        QCOMPARE(bookings.find(QStringLiteral("B3")).value()->status, BookingState::NoShow);
        // Read back as written: the slot with its offset, the digest, the version (a BIGINT on
        // PostgreSQL) and the day it belongs to.
        const auto b3 = bookings.find(QStringLiteral("B3")).value();
        QCOMPARE(b3->slotStart, at(10, 0));
        QCOMPARE(b3->slotStart.offsetFromUtc(), 8 * 3600);
        QCOMPARE(b3->idDigest, QString(64, QLatin1Char('a')));
        QCOMPARE(bookings.findByDigest(QString(64, QLatin1Char('a')), CivilDate(2026, 12, 2)).value().size(), size_t(3));
        QCOMPARE(int(bookings.upsertMany({booking(QStringLiteral("B4"), qint64(1) << 40, BookingState::Booked)}).value()), 1);
        QCOMPARE(bookings.find(QStringLiteral("B4")).value()->version, qint64(1) << 40);
    }

    void lapsedBookingsAreNoShowsOnce_data() { test::addEngineRows(); }
    void lapsedBookingsAreNoShowsOnce()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        SqlBookingStore bookings(*db);
        QCOMPARE(bookings.upsertMany({booking(QStringLiteral("B1"), 1, BookingState::Booked),
                                      booking(QStringLiteral("B2"), 1, BookingState::Cancelled)})
                     .value(),
                 2);
        QCOMPARE(bookings.markNoShows(at(11, 0), at(11, 1)).value(), 1);
        QCOMPARE(bookings.markNoShows(at(11, 0), at(11, 2)).value(), 0);
        QVERIFY(!bookings.forfeit(QStringLiteral("B1"), at(11, 3)).value()); // a no-show already
        QCOMPARE(bookings.find(QStringLiteral("B1")).value()->status, BookingState::NoShow);
        SqlOutboxStore outbox(*db);
        const auto events = outbox.pending(10).value();
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events.front().event.type, QStringLiteral("booking_no_show"));
        QCOMPARE(events.front().event.data.value(QStringLiteral("booking_id")).toString(), QStringLiteral("B1"));
    }
};

QTEST_GUILESS_MAIN(TestSyncStores)
#include "tst_sync_stores.moc"
