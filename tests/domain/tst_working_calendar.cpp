// app/domain/working_calendar: workdays, holidays, 调休, opening intervals, extended service,
// slots, issuing hours and day close, on a calendar shaped like 2026's National Day week.

#include "app/domain/time/working_calendar.h"

#include "tests/support/civil_time.h"

#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

Hours extended(int earlyLate, bool lunch, std::vector<Interval> weekend = {})
{
    Hours h;
    h.extended.earlyLateMinutes = earlyLate;
    h.extended.lunch = lunch;
    h.extended.weekend = std::move(weekend);
    return h;
}

QString slotsText(const std::vector<Slot> &slots)
{
    QStringList out;
    for (const Slot &s : slots)
        out << QString::fromStdString(formatClockTime(s.start) + "-" + formatClockTime(s.end)) + (s.extended ? QStringLiteral("+") : QString());
    return out.join(QLatin1Char(' '));
}

QString text(const std::optional<LocalDateTime> &t)
{
    return t ? QString::fromStdString(t->toString()) : QStringLiteral("never");
}

} // namespace

class TestWorkingCalendar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void workingDays_data()
    {
        QTest::addColumn<QString>("date");
        QTest::addColumn<bool>("working");
        QTest::newRow("an ordinary Tuesday") << "2026-12-01" << true;
        QTest::newRow("Saturday") << "2026-11-28" << false;
        QTest::newRow("Sunday") << "2026-11-29" << false;
        QTest::newRow("National Day, a Thursday") << "2026-10-01" << false;
        QTest::newRow("the last holiday, a Wednesday") << "2026-10-07" << false;
        QTest::newRow("back to work, Thursday 8 October") << "2026-10-08" << true;
        QTest::newRow("调休 Sunday 20 September") << "2026-09-20" << true;
        QTest::newRow("调休 Saturday 10 October") << "2026-10-10" << true;
        QTest::newRow("Sunday 11 October") << "2026-10-11" << false;
    }
    void workingDays()
    {
        QFETCH(QString, date);
        QFETCH(bool, working);
        const WorkingCalendar calendar(Hours{}, nationalDay2026());
        const CivilDate day = *CivilDate::parse(date.toStdString());
        QCOMPARE(calendar.isWorkingDay(day), working);
        QCOMPARE(calendar.isOpenDay(day), working); // no extended service switched on
        QCOMPARE(calendar.regularHours(day).size(), working ? size_t(2) : size_t(0));
    }

    void slots_data()
    {
        QTest::addColumn<int>("earlyLate");
        QTest::addColumn<bool>("lunch");
        QTest::addColumn<QString>("date");
        QTest::addColumn<QString>("expected"); // "+" marks an extended-service slot
        const QString regular = QStringLiteral("09:00-10:00 10:00-11:00 11:00-12:00 13:00-14:00 14:00-15:00 15:00-16:00 16:00-17:00");
        QTest::newRow("a workday: seven one-hour slots") << 0 << false << "2026-12-01" << regular;
        QTest::newRow("a holiday: none") << 0 << false << "2026-10-01" << "";
        QTest::newRow("调休 Saturday: the workday's") << 0 << false << "2026-10-10" << regular;
        QTest::newRow("早晚弹性 ±1 h") << 60 << false << "2026-12-01"
                                   << QStringLiteral("08:00-09:00+ ") + regular + QStringLiteral(" 17:00-18:00+");
        QTest::newRow("午间不打烊")
            << 0 << true << "2026-12-01"
            << "09:00-10:00 10:00-11:00 11:00-12:00 12:00-13:00+ 13:00-14:00 14:00-15:00 15:00-16:00 16:00-17:00";
        QTest::newRow("both on a 调休 day") << 60 << true << "2026-09-20"
                                       << "08:00-09:00+ 09:00-10:00 10:00-11:00 11:00-12:00 12:00-13:00+ 13:00-14:00 "
                                          "14:00-15:00 15:00-16:00 16:00-17:00 17:00-18:00+";
        QTest::newRow("extended service is for working days only") << 60 << true << "2026-11-28" << "";
    }
    void slots()
    {
        QFETCH(int, earlyLate);
        QFETCH(bool, lunch);
        QFETCH(QString, date);
        QFETCH(QString, expected);
        const WorkingCalendar calendar(extended(earlyLate, lunch), nationalDay2026());
        QCOMPARE(slotsText(calendar.slots(*CivilDate::parse(date.toStdString()))), expected);
    }

    void openHoursMergeExtendedService()
    {
        const WorkingCalendar calendar(extended(60, true), nationalDay2026());
        const auto open = calendar.openHours(d("2026-12-01"));
        QCOMPARE(open.size(), size_t(1));
        QCOMPARE(open.front(), (Interval{8 * 60, 18 * 60}));
        QCOMPARE(calendar.regularHours(d("2026-12-01")).size(), size_t(2)); // what the rules call working hours
    }

    void weekendService()
    {
        const WorkingCalendar calendar(extended(0, false, {{9 * 60, 12 * 60}}), nationalDay2026());
        QCOMPARE(slotsText(calendar.slots(d("2026-11-28"))), QStringLiteral("09:00-10:00+ 10:00-11:00+ 11:00-12:00+"));
        QVERIFY(calendar.isOpenDay(d("2026-11-29")));
        QVERIFY(!calendar.isWorkingDay(d("2026-11-29")));
        QCOMPARE(slotsText(calendar.slots(d("2026-10-03"))), QString()); // a weekend inside the holiday
        // A 调休 Saturday opens with the workday's hours, not the weekend's.
        QCOMPARE(calendar.slots(d("2026-10-10")).size(), size_t(7));
        QVERIFY(!calendar.slots(d("2026-10-10")).front().extended);
    }

    void shortIntervalsGiveAShortLastSlot()
    {
        Hours hours;
        hours.workday = {{8 * 60 + 30, 11 * 60 + 45}, {14 * 60, 16 * 60 + 30}};
        const WorkingCalendar calendar(hours, {}, 60);
        QCOMPARE(slotsText(calendar.slots(d("2026-12-01"))),
                 QStringLiteral("08:30-09:30 09:30-10:30 10:30-11:30 11:30-11:45 14:00-15:00 15:00-16:00 16:00-16:30"));
        QVERIFY(calendar.slotAt(d("2026-12-01"), 9 * 60 + 30));
        QVERIFY(!calendar.slotAt(d("2026-12-01"), 9 * 60)); // not a slot start
        const WorkingCalendar halfHours(Hours{}, {}, 30);
        QCOMPARE(halfHours.slots(d("2026-12-01")).size(), size_t(14));
    }

    void previousAndNextWorkingDay_data()
    {
        QTest::addColumn<QString>("date");
        QTest::addColumn<QString>("previous");
        QTest::addColumn<QString>("next");
        QTest::newRow("Tuesday") << "2026-12-01" << "2026-11-30" << "2026-12-02";
        QTest::newRow("Monday: Friday before the weekend") << "2026-11-30" << "2026-11-27" << "2026-12-01";
        QTest::newRow("Saturday") << "2026-11-28" << "2026-11-27" << "2026-11-30";
        QTest::newRow("after the holiday: the day before it") << "2026-10-08" << "2026-09-30" << "2026-10-09";
        QTest::newRow("the Monday after the 调休 Saturday") << "2026-10-12" << "2026-10-10" << "2026-10-13";
        QTest::newRow("Monday after the 调休 Sunday") << "2026-09-21" << "2026-09-20" << "2026-09-22";
        QTest::newRow("before the holiday") << "2026-09-30" << "2026-09-29" << "2026-10-08";
        QTest::newRow("across the year") << "2027-01-01" << "2026-12-31" << "2027-01-04";
    }
    void previousAndNextWorkingDay()
    {
        QFETCH(QString, date);
        QFETCH(QString, previous);
        QFETCH(QString, next);
        const WorkingCalendar calendar(Hours{}, nationalDay2026());
        const CivilDate day = *CivilDate::parse(date.toStdString());
        QCOMPARE(QString::fromStdString(calendar.previousWorkingDay(day).toString()), previous);
        QCOMPARE(QString::fromStdString(calendar.nextWorkingDay(day).toString()), next);
    }

    void issuingHours_data()
    {
        QTest::addColumn<int>("earlyLate");
        QTest::addColumn<int>("hour");
        QTest::addColumn<int>("minute");
        QTest::addColumn<int>("second");
        QTest::addColumn<bool>("issuing");
        QTest::newRow("08:29:59, before") << 0 << 8 << 29 << 59 << false;
        QTest::newRow("08:30, thirty minutes before opening") << 0 << 8 << 30 << 0 << true;
        QTest::newRow("12:30, over lunch the terminal still issues") << 0 << 12 << 30 << 0 << true;
        QTest::newRow("16:59:59") << 0 << 16 << 59 << 59 << true;
        QTest::newRow("17:00, closed") << 0 << 17 << 0 << 0 << false;
        QTest::newRow("07:30 with early service") << 60 << 7 << 30 << 0 << true;
        QTest::newRow("17:59 with late service") << 60 << 17 << 59 << 0 << true;
        QTest::newRow("18:00 with late service") << 60 << 18 << 0 << 0 << false;
    }
    void issuingHours()
    {
        QFETCH(int, earlyLate);
        QFETCH(int, hour);
        QFETCH(int, minute);
        QFETCH(int, second);
        QFETCH(bool, issuing);
        const WorkingCalendar calendar(extended(earlyLate, false), nationalDay2026());
        QCOMPARE(calendar.isIssuing(at("2026-12-01", hour, minute, second)), issuing);
        QVERIFY(!calendar.isIssuing(at("2026-10-01", hour, minute, second))); // a holiday
    }

    void nextIssuingStart_data()
    {
        QTest::addColumn<QString>("date");
        QTest::addColumn<int>("hour");
        QTest::addColumn<int>("minute");
        QTest::addColumn<QString>("expected");
        QTest::newRow("open now: now") << "2026-12-01" << 10 << 15 << "2026-12-01 10:15:00";
        QTest::newRow("early morning: today at 08:30") << "2026-12-01" << 6 << 0 << "2026-12-01 08:30:00";
        QTest::newRow("Friday evening: Monday") << "2026-11-27" << 17 << 5 << "2026-11-30 08:30:00";
        QTest::newRow("Saturday: Monday") << "2026-11-28" << 10 << 0 << "2026-11-30 08:30:00";
        QTest::newRow("the eve of the holiday: after it") << "2026-09-30" << 18 << 0 << "2026-10-08 08:30:00";
        QTest::newRow("Friday evening before a 调休 Saturday") << "2026-10-09" << 20 << 0 << "2026-10-10 08:30:00";
    }
    void nextIssuingStart()
    {
        QFETCH(QString, date);
        QFETCH(int, hour);
        QFETCH(int, minute);
        QFETCH(QString, expected);
        const WorkingCalendar calendar(Hours{}, nationalDay2026());
        QCOMPARE(text(calendar.nextIssuingStart(LocalDateTime::at(*CivilDate::parse(date.toStdString()), hour * 60 + minute))), expected);
    }

    void weekendServiceOpensOnSaturday()
    {
        const WorkingCalendar calendar(extended(0, false, {{9 * 60, 12 * 60}}), nationalDay2026());
        QCOMPARE(text(calendar.nextIssuingStart(at("2026-11-27", 18, 0))), QStringLiteral("2026-11-28 08:30:00"));
        QCOMPARE(text(calendar.dayCloseAt(d("2026-11-28"))), QStringLiteral("2026-11-28 13:00:00"));
    }

    void walkInsWaitForTheRegularHours_data()
    {
        QTest::addColumn<int>("earlyLate");
        QTest::addColumn<bool>("lunch");
        QTest::addColumn<QString>("date");
        QTest::addColumn<int>("hour");
        QTest::addColumn<int>("minute");
        QTest::addColumn<bool>("walkIn");
        QTest::addColumn<bool>("weekdaysOnly");
        QTest::addColumn<QString>("next");
        // Seed 001 §三: the early/late hour (08:00–09:00, 17:00–18:00) is for booked matters.
        QTest::newRow("early hour 08:10: walk-ins from 08:30") << 60 << false << "2026-12-01" << 8 << 10 << false << false << "2026-12-01 08:30:00";
        QTest::newRow("07:40 in the early hour's lead: not yet") << 60 << false << "2026-12-01" << 7 << 40 << false << false << "2026-12-01 08:30:00";
        QTest::newRow("08:30: walk-ins") << 60 << false << "2026-12-01" << 8 << 30 << true << false << "2026-12-01 08:30:00";
        QTest::newRow("lunchtime takes walk-ins") << 60 << true << "2026-12-01" << 12 << 30 << true << false << "2026-12-01 12:30:00";
        QTest::newRow("late hour 17:20: tomorrow") << 60 << false << "2026-12-01" << 17 << 20 << false << false << "2026-12-02 08:30:00";
        QTest::newRow("no extended service: as issuing") << 0 << false << "2026-12-01" << 8 << 30 << true << false << "2026-12-01 08:30:00";
        // Weekend service (09:00–12:00) takes walk-ins for the weekend matters only.
        QTest::newRow("Saturday 10:00, a weekend group") << 0 << false << "2026-11-28" << 10 << 0 << true << false << "2026-11-28 10:00:00";
        QTest::newRow("Saturday 10:00, a weekdays group: Monday") << 0 << false << "2026-11-28" << 10 << 0 << true << true << "2026-11-30 08:30:00";
        QTest::newRow("a holiday's Saturday stays closed") << 0 << false << "2026-10-03" << 10 << 0 << false << false << "2026-10-08 08:30:00";
    }
    void walkInsWaitForTheRegularHours()
    {
        QFETCH(int, earlyLate);
        QFETCH(bool, lunch);
        QFETCH(QString, date);
        QFETCH(int, hour);
        QFETCH(int, minute);
        QFETCH(bool, walkIn);
        QFETCH(bool, weekdaysOnly);
        QFETCH(QString, next);
        const WorkingCalendar calendar(extended(earlyLate, lunch, {{9 * 60, 12 * 60}}), nationalDay2026());
        const LocalDateTime when = LocalDateTime::at(*CivilDate::parse(date.toStdString()), hour * 60 + minute);
        QCOMPARE(calendar.isWalkInIssuing(when), walkIn);
        QCOMPARE(text(calendar.nextWalkInStart(when, weekdaysOnly)), next);
        // The early/late hour still issues: booked tickets.
        if (earlyLate > 0 && (hour == 8 || hour == 17))
            QVERIFY(calendar.isIssuing(when));
    }

    void weekendServiceDays()
    {
        const WorkingCalendar calendar(extended(0, false, {{9 * 60, 12 * 60}}), nationalDay2026());
        QVERIFY(calendar.isWeekendServiceDay(d("2026-11-28")));
        QVERIFY(!calendar.isWeekendServiceDay(d("2026-12-01")));  // a workday
        QVERIFY(!calendar.isWeekendServiceDay(d("2026-10-10")));  // a 调休 Saturday is a workday
        QVERIFY(!calendar.isWeekendServiceDay(d("2026-10-04")));  // a holiday's Sunday: closed
    }

    void dayClose()
    {
        const WorkingCalendar calendar(Hours{}, nationalDay2026());
        QCOMPARE(text(calendar.dayCloseAt(d("2026-12-01"))), QStringLiteral("2026-12-01 18:00:00"));
        QCOMPARE(text(calendar.dayCloseAt(d("2026-10-01"))), QStringLiteral("never"));
        const WorkingCalendar late(extended(60, false), nationalDay2026());
        QCOMPARE(text(late.dayCloseAt(d("2026-12-01"))), QStringLiteral("2026-12-01 19:00:00"));
    }

    void openSecondsCountNoLunchNorClosedTime_data()
    {
        QTest::addColumn<bool>("lunchOpen");
        QTest::addColumn<QString>("fromDate");
        QTest::addColumn<int>("fromMinute");
        QTest::addColumn<QString>("toDate");
        QTest::addColumn<int>("toMinute");
        QTest::addColumn<int>("openMinutes");
        // Q5: lunch (12:00–13:00) and closed time are not waiting.
        QTest::newRow("in the morning") << false << "2026-12-01" << 9 * 60 + 10 << "2026-12-01" << 9 * 60 + 25 << 15;
        QTest::newRow("over lunch") << false << "2026-12-01" << 11 * 60 + 55 << "2026-12-01" << 13 * 60 + 3 << 8;
        QTest::newRow("within lunch") << false << "2026-12-01" << 12 * 60 + 5 << "2026-12-01" << 12 * 60 + 55 << 0;
        QTest::newRow("lunch kept open") << true << "2026-12-01" << 11 * 60 + 55 << "2026-12-01" << 13 * 60 + 3 << 68;
        QTest::newRow("before opening") << false << "2026-12-01" << 8 * 60 + 35 << "2026-12-01" << 9 * 60 + 4 << 4;
        QTest::newRow("overnight") << false << "2026-12-01" << 16 * 60 + 50 << "2026-12-02" << 9 * 60 + 5 << 15;
        QTest::newRow("over a holiday") << false << "2026-09-30" << 16 * 60 + 59 << "2026-10-08" << 9 * 60 + 1 << 2;
        QTest::newRow("backwards") << false << "2026-12-01" << 10 * 60 << "2026-12-01" << 9 * 60 << 0;
    }
    void openSecondsCountNoLunchNorClosedTime()
    {
        QFETCH(bool, lunchOpen);
        QFETCH(QString, fromDate);
        QFETCH(int, fromMinute);
        QFETCH(QString, toDate);
        QFETCH(int, toMinute);
        QFETCH(int, openMinutes);
        const WorkingCalendar calendar(extended(0, lunchOpen), nationalDay2026());
        const LocalDateTime from = LocalDateTime::at(d(qPrintable(fromDate)), fromMinute);
        const LocalDateTime to = LocalDateTime::at(d(qPrintable(toDate)), toMinute);
        QCOMPARE(calendar.openSecondsBetween(from, to), openMinutes * 60LL);
    }

    void aCalendarWithNoWorkingDayNeverOpens()
    {
        Hours none;
        none.workday.clear();
        const WorkingCalendar calendar(none, {});
        QVERIFY(!calendar.nextIssuingStart(at("2026-12-01", 9, 0)));
        QVERIFY(calendar.slots(d("2026-12-01")).empty());
    }

    void builtFromTheCatalog()
    {
        Catalog catalog;
        catalog.calendar = nationalDay2026();
        catalog.hours = extended(0, true);
        catalog.rules.slotMinutes = 30;
        const WorkingCalendar calendar(catalog);
        QCOMPARE(calendar.slots(d("2026-12-01")).size(), size_t(16)); // 8 open hours in half-hour slots
        QVERIFY(!calendar.isWorkingDay(d("2026-10-02")));
    }
};

QTEST_APPLESS_MAIN(TestWorkingCalendar)
#include "tst_working_calendar.moc"
