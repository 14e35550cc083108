// app/services/day_service over the real SQLite stores and a fake clock: day close at 18:00 or at
// the first look on a later day, lapsed bookings marked no-show to the second, the issuing hours
// opening and closing.

#include "app/services/day_service.h"
#include "db/database.h"
#include "db/sql_booking_store.h"
#include "db/sql_queue_store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/demo_catalog.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace hk;
using namespace hk::test;

namespace {

const QTimeZone kShanghai(QByteArrayLiteral("Asia/Shanghai"));

// Tuesday 24 November 2026 in the hall, or a later day.
QDateTime local(int h, int m, int s = 0, int day = 24)
{
    return QDateTime(QDate(2026, 11, day), QTime(h, m, s), kShanghai);
}

struct Rig {
    QTemporaryDir dir;
    std::unique_ptr<Database> db = Database::open(dir.filePath(QStringLiteral("d.db"))).value();
    SqlQueueStore store{*db};
    SqlBookingStore bookings{*db};
    FakeClock clock{local(10, 0).toUTC()};
    CatalogService catalog{demoCatalog()};
    DayService day{store, bookings, catalog, clock};

    void at(const QDateTime &when) { clock.set(when.toUTC()); }
    QString walkIn(int dayOfMonth = 24)
    {
        return store.issueWalkIn({QStringLiteral("SB"), 'A', CivilDate(2026, 11, dayOfMonth), clock.now().toTimeZone(kShanghai),
                                  QStringLiteral("T01"), 0})
            .value()
            .number;
    }
    void book(const char *id, const QDateTime &slot)
    {
        BookingRecord b;
        b.id = QString::fromLatin1(id);
        b.version = 1;
        b.matterCode = QStringLiteral("SB-001");
        b.groupCode = QStringLiteral("SB");
        b.slotStart = slot;
        b.slotEnd = slot.addSecs(3600);
        QVERIFY(bookings.upsert(b).value());
    }
    QString bookingState(const char *id) { return QString::fromLatin1(nameOf(bookings.find(QString::fromLatin1(id)).value()->status)); }
    int count(const QString &sql)
    {
        QSqlQuery q(db->connection());
        q.exec(sql);
        return q.next() ? q.value(0).toInt() : -1;
    }
};

} // namespace

class TestDayService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<CivilDate>();
        qRegisterMetaType<DayCloseSummary>();
    }

    void closesSixtyMinutesAfterTheIssuingHours()
    {
        Rig rig;
        rig.walkIn();
        rig.walkIn();
        QSignalSpy closed(&rig.day, &DayService::dayClosed);
        rig.at(local(17, 59, 59));
        rig.day.tick();
        QCOMPARE(closed.size(), 0);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")), 2);
        rig.at(local(18, 0));
        rig.day.tick();
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.first().first().value<CivilDate>(), CivilDate(2026, 11, 24));
        QCOMPARE(closed.first().at(1).value<DayCloseSummary>().expired, 2);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_expired'")), 2);
        rig.at(local(18, 30));
        rig.day.tick(); // once closed, closed
        QCOMPARE(closed.size(), 1);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_expired'")), 2);
    }

    void firstStartOnALaterDayClosesWhatWasLeftOpen()
    {
        Rig rig;
        rig.walkIn(); // Tuesday, and the terminal is switched off at 17:00 before its day close
        rig.at(local(11, 0, 0, 23));
        rig.walkIn(23); // Monday's too, somehow left open
        QCOMPARE(rig.store.unclosedDays().value().size(), size_t(2));
        QSignalSpy closed(&rig.day, &DayService::dayClosed);
        rig.at(local(8, 0, 0, 25)); // Wednesday 08:00: before any close time of Wednesday
        rig.day.start(3600 * 1000);
        QCOMPARE(closed.size(), 2);
        QCOMPARE(closed.at(0).first().value<CivilDate>(), CivilDate(2026, 11, 23)); // oldest first
        QCOMPARE(closed.at(1).first().value<CivilDate>(), CivilDate(2026, 11, 24));
        QVERIFY(rig.store.unclosedDays().value().empty());
    }

    void comingDaysWithBookingsStayOpen()
    {
        Rig rig;
        rig.book("thursday", local(10, 0, 0, 26));
        rig.at(local(19, 0)); // Tuesday evening, past Tuesday's close
        rig.day.tick();
        QCOMPARE(rig.store.unclosedDays().value().size(), size_t(1)); // Thursday's
        QCOMPARE(rig.bookingState("thursday"), QStringLiteral("booked"));
    }

    void lapsedBookingsBecomeNoShowsToTheSecond()
    {
        Rig rig;
        rig.book("ten", local(10, 0));
        rig.book("eleven", local(11, 0));
        QSignalSpy marked(&rig.day, &DayService::noShowsMarked);
        rig.at(local(10, 30));
        rig.day.tick();
        QCOMPARE(rig.bookingState("ten"), QStringLiteral("booked")); // 30 minutes late may still check in (C1)
        rig.at(local(10, 30, 1));
        rig.day.tick();
        QCOMPARE(rig.bookingState("ten"), QStringLiteral("no_show"));
        QCOMPARE(rig.bookingState("eleven"), QStringLiteral("booked"));
        QCOMPARE(marked.size(), 1);
        QCOMPARE(marked.first().first().toInt(), 1);
        rig.at(local(10, 45));
        rig.day.tick();
        QCOMPARE(marked.size(), 1); // nothing new
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_no_show'")), 1);
        // At day close the rest are no-shows too, each counted once.
        rig.at(local(18, 0));
        rig.day.tick();
        QCOMPARE(rig.bookingState("eleven"), QStringLiteral("no_show"));
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_no_show'")), 2);
    }

    void issuingHoursOpenAndClose()
    {
        Rig rig;
        QSignalSpy changed(&rig.day, &DayService::issuingChanged);
        rig.at(local(8, 29));
        rig.day.tick();
        QCOMPARE(changed.size(), 1);
        IssuingState state = changed.last().first().value<IssuingState>();
        QVERIFY(!state.issuing);
        QCOMPARE(state.nextStart.value(), local(8, 30).toUTC());
        rig.day.tick();
        QCOMPARE(changed.size(), 1); // only changes are reported
        rig.at(local(8, 30));
        rig.day.tick();
        QCOMPARE(changed.size(), 2);
        QVERIFY(changed.last().first().value<IssuingState>().issuing);
        rig.at(local(17, 0));
        rig.day.tick();
        QCOMPARE(changed.size(), 3);
        state = changed.last().first().value<IssuingState>();
        QVERIFY(!state.issuing);
        QCOMPARE(state.nextStart.value(), local(8, 30, 0, 25).toUTC());
    }

    void aNewCalendarTakesEffectAtOnce()
    {
        Rig rig;
        rig.at(local(12, 0));
        rig.day.tick();
        QVERIFY(rig.day.issuingState().issuing);
        Catalog holiday = demoCatalog();
        holiday.calendar.holidays.push_back(CivilDate(2026, 11, 24));
        QSignalSpy changed(&rig.day, &DayService::issuingChanged);
        rig.catalog.replace(holiday);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!changed.first().first().value<IssuingState>().issuing);
        QCOMPARE(changed.first().first().value<IssuingState>().nextStart.value(), local(8, 30, 0, 25).toUTC());
    }
};

QTEST_GUILESS_MAIN(TestDayService)
#include "tst_day_service.moc"
