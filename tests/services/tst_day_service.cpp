// app/services/day_service over the real SQLite stores and a fake clock: day close at 18:00 or at
// the first look on a later day, lapsed bookings marked no-show to the second, the issuing hours
// opening and closing.

#include "app/services/day_service.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_database.h"
#include "tests/support/hall_time.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

struct Rig : HallDatabase {
    FakeClock clock{hall(10, 0).toUTC()};
    CatalogService catalog{demoCatalog()};
    DayService day{store, bookings, catalog, clock};

    void at(const QDateTime &when) { clock.set(when.toUTC()); }
    QString walkIn(int dayOfMonth = 24)
    {
        return store.issueWalkIn({QStringLiteral("SB"), 'A', CivilDate(2026, 11, dayOfMonth), clock.now().toTimeZone(hallZone()),
                                  QStringLiteral("T01"), 0})
            .value()
            .number;
    }
    void book(const char *id, const QDateTime &slot, bool emergency = false)
    {
        BookingRecord b;
        b.id = QString::fromLatin1(id);
        b.version = 1;
        b.matterCode = QStringLiteral("SB-001");
        b.groupCode = QStringLiteral("SB");
        b.slotStart = slot;
        b.slotEnd = slot.addSecs(3600);
        b.emergency = emergency;
        QVERIFY(bookings.upsert(b).value());
    }
    QString bookingState(const char *id) { return QString::fromLatin1(nameOf(bookings.find(QString::fromLatin1(id)).value()->status)); }
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
        rig.at(hall(17, 59, 59));
        rig.day.tick();
        QCOMPARE(closed.size(), 0);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")), 2);
        rig.at(hall(18, 0));
        rig.day.tick();
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.first().first().value<CivilDate>(), CivilDate(2026, 11, 24));
        QCOMPARE(closed.first().at(1).value<DayCloseSummary>().expired, 2);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_expired'")), 2);
        rig.at(hall(18, 30));
        rig.day.tick(); // once closed, closed
        QCOMPARE(closed.size(), 1);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_expired'")), 2);
    }

    void firstStartOnALaterDayClosesWhatWasLeftOpen()
    {
        Rig rig;
        rig.walkIn(); // Tuesday, and the terminal is switched off at 17:00 before its day close
        rig.at(hall(11, 0).addDays(-1));
        rig.walkIn(23); // Monday's too, somehow left open
        QCOMPARE(rig.store.unclosedDays().value().size(), size_t(2));
        QSignalSpy closed(&rig.day, &DayService::dayClosed);
        rig.at(hall(8, 0).addDays(1)); // Wednesday 08:00: before any close time of Wednesday
        rig.day.start(3600 * 1000);
        QCOMPARE(closed.size(), 2);
        QCOMPARE(closed.at(0).first().value<CivilDate>(), CivilDate(2026, 11, 23)); // oldest first
        QCOMPARE(closed.at(1).first().value<CivilDate>(), CivilDate(2026, 11, 24));
        QVERIFY(rig.store.unclosedDays().value().empty());
    }

    void comingDaysWithBookingsStayOpen()
    {
        Rig rig;
        rig.book("thursday", hall(10, 0).addDays(2));
        rig.at(hall(19, 0)); // Tuesday evening, past Tuesday's close
        rig.day.tick();
        QCOMPARE(rig.store.unclosedDays().value().size(), size_t(1)); // Thursday's
        QCOMPARE(rig.bookingState("thursday"), QStringLiteral("booked"));
    }

    void lapsedBookingsBecomeNoShowsToTheSecond()
    {
        Rig rig;
        rig.book("ten", hall(10, 0));
        rig.book("eleven", hall(11, 0));
        QSignalSpy marked(&rig.day, &DayService::noShowsMarked);
        rig.at(hall(10, 30));
        rig.day.tick();
        QCOMPARE(rig.bookingState("ten"), QStringLiteral("booked")); // 30 minutes late may still check in (C1)
        rig.at(hall(10, 30, 1));
        rig.day.tick();
        QCOMPARE(rig.bookingState("ten"), QStringLiteral("no_show"));
        QCOMPARE(rig.bookingState("eleven"), QStringLiteral("booked"));
        QCOMPARE(marked.size(), 1);
        QCOMPARE(marked.first().first().toInt(), 1);
        rig.at(hall(10, 45));
        rig.day.tick();
        QCOMPARE(marked.size(), 1); // nothing new
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_no_show'")), 1);
        // At day close the rest are no-shows too, each counted once.
        rig.at(hall(18, 0));
        rig.day.tick();
        QCOMPARE(rig.bookingState("eleven"), QStringLiteral("no_show"));
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_no_show'")), 2);
    }

    // B5/B7: a booking lapses only when its own slot start + 30 min has passed. An emergency
    // booking at 20:00 is still ahead at the 18:00 day close: the close leaves it, the sweep takes
    // it at 20:30.
    void dayCloseLeavesABookingWhoseSlotIsStillAhead()
    {
        Rig rig;
        rig.book("evening", hall(20, 0), true);
        rig.at(hall(18, 0));
        rig.day.tick();
        QCOMPARE(rig.scalar(QStringLiteral("SELECT closed_at IS NOT NULL FROM service_days WHERE service_date = '2026-11-24'")),
                 QStringLiteral("1"));
        QCOMPARE(rig.bookingState("evening"), QStringLiteral("booked"));
        rig.at(hall(20, 30));
        rig.day.tick();
        QCOMPARE(rig.bookingState("evening"), QStringLiteral("booked"));
        rig.at(hall(20, 30, 1));
        rig.day.tick();
        QCOMPARE(rig.bookingState("evening"), QStringLiteral("no_show"));
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_no_show'")), 1);
    }

    // DESIGN §3 Tickets: a ticket still at a window when the day closes at the next morning's
    // start-up is finished at the end of its day's last open interval (17:00), not at 08:00 the
    // next morning, and says it was closed by the day close.
    void aTicketLeftServingIsFinishedAtTheEndOfItsDay()
    {
        Rig rig;
        rig.at(hall(15, 50));
        rig.walkIn();
        rig.walkIn();
        WindowContext w;
        w.window = 1;
        w.groups = {"*"};
        w.serviceDate = CivilDate(2026, 11, 24);
        w.choose = [](const WindowCallState &state, const std::vector<QueuedTicket> &waiting) {
            return chooseNext(CallingPolicy{}, state, waiting, 0);
        };
        w.at = hall(16, 0);
        QVERIFY(rig.store.callNext(w).ok());
        w.at = hall(16, 1);
        QVERIFY(rig.store.startServing(w).ok());
        w.window = 2;
        w.at = hall(16, 50);
        QVERIFY(rig.store.callNext(w).ok()); // called, never started
        rig.at(hall(8, 0).addDays(1)); // switched off at 17:00; the next start-up closes the day
        rig.day.start(3600 * 1000);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_served'")), 2);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'served'")), 2);
        QSqlQuery q(rig.db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT at, data FROM outbox WHERE type = 'ticket_served' ORDER BY seq")));
        const int expected[] = {59 * 60, 10 * 60}; // 16:01–17:00, 16:50–17:00
        for (int seconds : expected) {
            QVERIFY(q.next());
            QCOMPARE(QDateTime::fromString(q.value(0).toString(), Qt::ISODate), hall(17, 0));
            const QJsonObject data = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
            QCOMPARE(data.value(QStringLiteral("service_seconds")).toInt(), seconds);
            QCOMPARE(data.value(QStringLiteral("closed_by_day_close")).toBool(), true);
        }
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE finished_at = '%1'")
                               .arg(hall(17, 0).toUTC().toString(Qt::ISODateWithMs))),
                 2);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'expired'")), 0);
    }

    void issuingHoursOpenAndClose()
    {
        Rig rig;
        QSignalSpy changed(&rig.day, &DayService::issuingChanged);
        rig.at(hall(8, 29));
        rig.day.tick();
        QCOMPARE(changed.size(), 1);
        IssuingState state = changed.last().first().value<IssuingState>();
        QVERIFY(!state.issuing);
        QCOMPARE(state.nextStart.value(), hall(8, 30).toUTC());
        rig.day.tick();
        QCOMPARE(changed.size(), 1); // only changes are reported
        rig.at(hall(8, 30));
        rig.day.tick();
        QCOMPARE(changed.size(), 2);
        QVERIFY(changed.last().first().value<IssuingState>().issuing);
        rig.at(hall(17, 0));
        rig.day.tick();
        QCOMPARE(changed.size(), 3);
        state = changed.last().first().value<IssuingState>();
        QVERIFY(!state.issuing);
        QCOMPARE(state.nextStart.value(), hall(8, 30).addDays(1).toUTC());
    }

    void aNewCalendarTakesEffectAtOnce()
    {
        Rig rig;
        rig.at(hall(12, 0));
        rig.day.tick();
        QVERIFY(rig.day.issuingState().issuing);
        Catalog holiday = demoCatalog();
        holiday.calendar.holidays.push_back(CivilDate(2026, 11, 24));
        QSignalSpy changed(&rig.day, &DayService::issuingChanged);
        rig.catalog.replace(holiday);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!changed.first().first().value<IssuingState>().issuing);
        QCOMPARE(changed.first().first().value<IssuingState>().nextStart.value(), hall(8, 30).addDays(1).toUTC());
    }
};

QTEST_GUILESS_MAIN(TestDayService)
#include "tst_day_service.moc"
