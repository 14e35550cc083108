// app/domain: civil dates, clock times, ticket numbers and names.

#include "app/domain/catalog.h"
#include "app/domain/queue/ticket.h"
#include "app/domain/queue/wait_target.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"
#include "app/domain/time/local_date_time.h"

#include "tests/support/qtest_strings.h"

#include <QTest>

using namespace hk;

class TestDomain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parseDate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ordinary") << "2026-11-24" << true;
        QTest::newRow("leap day") << "2024-02-29" << true;
        QTest::newRow("not a leap year") << "2026-02-29" << false;
        QTest::newRow("century not leap") << "2100-02-29" << false;
        QTest::newRow("400 leap") << "2000-02-29" << true;
        QTest::newRow("month 13") << "2026-13-01" << false;
        QTest::newRow("day 0") << "2026-01-00" << false;
        QTest::newRow("short") << "2026-1-1" << false;
        QTest::newRow("letters") << "2026-0a-01" << false;
        QTest::newRow("signs") << "2026-+1-01" << false;
        QTest::newRow("empty") << "" << false;
    }
    void parseDate()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto date = CivilDate::parse(text.toStdString());
        QCOMPARE(date.has_value(), valid);
        if (valid)
            QCOMPARE(QString::fromStdString(date->toString()), text);
    }

    void dayNumbersRoundTrip()
    {
        QCOMPARE(CivilDate(1970, 1, 1).dayNumber(), 0L);
        QCOMPARE(CivilDate(2000, 3, 1).dayNumber(), 11017L);
        // Every 997th day from 0001-01-01 to 9999-12-31.
        for (long n = CivilDate(1, 1, 1).dayNumber(); n <= CivilDate(9999, 12, 31).dayNumber(); n += 997) {
            const CivilDate d = CivilDate::fromDayNumber(n);
            QVERIFY(d.isValid());
            QCOMPARE(d.dayNumber(), n);
        }
    }

    void weekdays()
    {
        QCOMPARE(CivilDate(1970, 1, 1).weekday(), Weekday::Thursday);
        QCOMPARE(CivilDate(2026, 11, 24).weekday(), Weekday::Tuesday);
        QCOMPARE(CivilDate(2026, 11, 29).weekday(), Weekday::Sunday);
        QCOMPARE(CivilDate(1969, 12, 29).weekday(), Weekday::Monday);
    }

    void addDaysCrossesMonthsAndYears()
    {
        QCOMPARE(CivilDate(2026, 1, 31).addDays(1), CivilDate(2026, 2, 1));
        QCOMPARE(CivilDate(2024, 2, 28).addDays(1), CivilDate(2024, 2, 29));
        QCOMPARE(CivilDate(2026, 12, 31).addDays(1), CivilDate(2027, 1, 1));
        QCOMPARE(CivilDate(2026, 3, 1).addDays(-1), CivilDate(2026, 2, 28));
        QVERIFY(CivilDate(2026, 11, 24) < CivilDate(2026, 11, 25));
        QVERIFY(CivilDate(2026, 12, 1) > CivilDate(2026, 11, 30));
        QVERIFY(CivilDate(2027, 1, 1) >= CivilDate(2026, 12, 31));
        QCOMPARE(CivilDate(2026, 11, 24).firstOfMonth(), CivilDate(2026, 11, 1));
    }

    void clockTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("minute");
        QTest::newRow("morning") << "09:00" << 540;
        QTest::newRow("with seconds") << "16:30:59" << 990;
        QTest::newRow("midnight end") << "24:00" << 1440;
        QTest::newRow("24:01") << "24:01" << -1;
        QTest::newRow("minute 60") << "09:60" << -1;
        QTest::newRow("no colon") << "0900" << -1;
        QTest::newRow("seconds 60") << "09:00:60" << -1;
    }
    void clockTimes()
    {
        QFETCH(QString, text);
        QFETCH(int, minute);
        const auto parsed = parseClockTime(text.toStdString());
        QCOMPARE(parsed.value_or(-1), minute);
        if (parsed && minute < 1440)
            QCOMPARE(QString::fromStdString(formatClockTime(*parsed)), text.left(5));
    }

    void localDateTimes()
    {
        const LocalDateTime t = LocalDateTime::at(CivilDate(2026, 12, 31), 23 * 60 + 50);
        QCOMPARE(QString::fromStdString(t.toString()), QStringLiteral("2026-12-31 23:50:00"));
        QCOMPARE(t.addMinutes(15), LocalDateTime::at(CivilDate(2027, 1, 1), 5));
        QCOMPARE(t.addMinutes(15).minutesSince(t), 15LL);
        QCOMPARE(LocalDateTime::fromSeconds(-1), LocalDateTime(CivilDate(1969, 12, 31), 86399));
        QCOMPARE(LocalDateTime::fromSeconds(t.toSeconds()), t);
        QVERIFY(t < t.addSeconds(1));
        QCOMPARE(t.addSeconds(59).minuteOfDay(), 23 * 60 + 50);
    }

    void ticketNumbers()
    {
        QCOMPARE(QString::fromStdString(formatTicketNumber('A', 1)), QStringLiteral("A001"));
        QCOMPARE(QString::fromStdString(formatTicketNumber('Y', 42)), QStringLiteral("Y042"));
        QCOMPARE(QString::fromStdString(formatTicketNumber('B', 999)), QStringLiteral("B999"));
        QCOMPARE(QString::fromStdString(formatTicketNumber('B', 1000)), QStringLiteral("B1000"));
    }

    void offlineTicketNumbers()
    {
        QCOMPARE(QString::fromStdString(formatOfflineTicketNumber('A', 2, 1)), QStringLiteral("A2-001"));
        QCOMPARE(QString::fromStdString(formatOfflineTicketNumber('Y', 2, 42)), QStringLiteral("Y2-042"));
        QCOMPARE(QString::fromStdString(formatOfflineTicketNumber('A', 9, 999)), QStringLiteral("A9-999"));
        QCOMPARE(QString::fromStdString(formatOfflineTicketNumber('A', 2, 1000)), QStringLiteral("A2-1000"));
        QCOMPARE(QString::fromStdString(offlineSeries('A', 2)), QStringLiteral("A2-"));
        // Never the hall's own series, nor another terminal's.
        QVERIFY(offlineSeries('A', 2) != std::string(1, 'A'));
        QVERIFY(offlineSeries('A', 2) != offlineSeries('A', 3));
    }

    void namesRoundTrip()
    {
        for (auto s : {TicketState::Waiting, TicketState::Called, TicketState::Serving, TicketState::Served,
                       TicketState::Passed, TicketState::Cancelled, TicketState::Expired})
            QCOMPARE(ticketStateFromString(nameOf(s)).value(), s);
        for (auto p : {PrintState::Pending, PrintState::Printed, PrintState::PrintFailed})
            QCOMPARE(printStateFromString(nameOf(p)).value(), p);
        QCOMPARE(nameOf(PrintState::PrintFailed), std::string_view("print_failed"));
        QCOMPARE(ticketKindFromString("booked").value(), TicketKind::Booked);
        QVERIFY(!ticketKindFromString("vip"));
    }

    void windowsServeGroups()
    {
        HallWindow comprehensive{8, "综合窗口", {"*"}};
        HallWindow social{1, "1号窗口", {"SB"}};
        QVERIFY(comprehensive.serves("BDC"));
        QVERIFY(social.serves("SB"));
        QVERIFY(!social.serves("BDC"));
    }

    void waitTargets_data()
    {
        QTest::addColumn<int>("complexity");
        QTest::addColumn<int>("waitedSeconds");
        QTest::addColumn<bool>("atRisk");
        QTest::addColumn<bool>("overdue");
        const int g = int(Complexity::General), c = int(Complexity::Complex), s = int(Complexity::Special);
        QTest::newRow("general, 7:59 of 10") << g << 479 << false << false;
        QTest::newRow("general, 8:00 is 80 %") << g << 480 << true << false;
        QTest::newRow("general, 10:00 still within") << g << 600 << true << false;
        QTest::newRow("general, 10:01 over") << g << 601 << true << true;
        QTest::newRow("complex, 23:59 of 30") << c << 1439 << false << false;
        QTest::newRow("complex, 24:00") << c << 1440 << true << false;
        QTest::newRow("special, 47:59 of 60") << s << 2879 << false << false;
        QTest::newRow("special, 48:00") << s << 2880 << true << false;
        QTest::newRow("special, 61:00") << s << 3660 << true << true;
        QTest::newRow("before the slot counts as none") << g << -300 << false << false;
    }
    void waitTargets()
    {
        QFETCH(int, complexity);
        QFETCH(int, waitedSeconds);
        QFETCH(bool, atRisk);
        QFETCH(bool, overdue);
        const WaitStatus status = waitStatus(WaitTargets{}, Complexity(complexity), waitedSeconds);
        QCOMPARE(status.atRisk, atRisk);
        QCOMPARE(status.overdue, overdue);
        QCOMPARE(status.targetSeconds, WaitTargets{}.minutesFor(Complexity(complexity)) * 60LL);
        QCOMPARE(bookedWaitStart(100, 200), 200LL); // checked in before the slot: from the slot
        QCOMPARE(bookedWaitStart(300, 200), 300LL); // late: from the check-in
    }

    void resultCarriesValueOrError()
    {
        Result<int, QString> good = 7;
        Result<int, QString> bad = fail(QStringLiteral("no"));
        QVERIFY(good.ok());
        QCOMPARE(good.value(), 7);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error(), QStringLiteral("no"));
        Result<void, int> done;
        Result<void, int> failed = fail(3);
        QVERIFY(done.ok());
        QCOMPARE(failed.error(), 3);
    }
};

QTEST_APPLESS_MAIN(TestDomain)
#include "tst_domain.moc"
