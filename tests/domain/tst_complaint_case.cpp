// app/domain/complaint: the 差评 case of seed 004 §六 ("1、5、15") — its dues in working days on the
// shipped catalog's calendar (resources/catalog/demo-catalog.json: 2026's Mid-Autumn 25–27
// September and National Day 1–7 October closed, Sunday 20 September and Saturday 10 October
// worked), the allowed orders of its steps, and when it is overdue. Every date below is counted by
// hand on a 2026 calendar; the comment beside it shows the count.

#include "app/domain/complaint/complaint_case.h"
#include "app/domain/time/working_calendar.h"

#include "tests/support/civil_time.h"
#include "tests/support/demo_catalog.h"

#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

const WorkingCalendar &shippedCalendar()
{
    static const WorkingCalendar calendar(demoCatalog());
    return calendar;
}

QString text(const CivilDate &date)
{
    return QString::fromStdString(date.toString());
}

} // namespace

class TestComplaintCase : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theShippedCalendarIsTheOneCounted()
    {
        // The counts below lean on these days; if the catalog changes, they must be worked again.
        const WorkingCalendar &c = shippedCalendar();
        QVERIFY(!c.isWorkingDay(d("2026-09-25")) && !c.isWorkingDay(d("2026-10-01")) && !c.isWorkingDay(d("2026-10-07")));
        QVERIFY(c.isWorkingDay(d("2026-09-20")) && c.isWorkingDay(d("2026-10-10")));
        QVERIFY(!c.isWorkingDay(d("2026-11-28")) && c.isWorkingDay(d("2026-12-04")));
    }

    void dues_data()
    {
        QTest::addColumn<QString>("rated");
        QTest::addColumn<QString>("contact");
        QTest::addColumn<QString>("rectify");
        QTest::addColumn<QString>("close");
        // Fri 27 Nov: Mon 30 Nov (1); 1 2 3 4 Dec (2–5); 7–11 Dec (6–10), 14–18 Dec (11–15).
        QTest::newRow("across a weekend") << "2026-11-27" << "2026-11-30" << "2026-12-04" << "2026-12-18";
        // Mon 30 Nov: Tue 1 Dec (1); 2 3 4 7 Dec (2–5); 8–11 Dec (6–9), 14–18 (10–14), Mon 21 Dec (15).
        QTest::newRow("a Monday") << "2026-11-30" << "2026-12-01" << "2026-12-07" << "2026-12-21";
        // Wed 30 Sep: 1–7 Oct closed; Thu 8 (1), Fri 9 (2), Sat 10 调休 (3), Mon 12 (4), Tue 13 (5);
        // 14 15 16 (6–8), 19–23 (9–13), Mon 26 (14), Tue 27 (15).
        QTest::newRow("before National Day") << "2026-09-30" << "2026-10-08" << "2026-10-13" << "2026-10-27";
        // Sat 3 Oct, inside the holiday (a rating by the ticket QR): the same count from Thu 8 Oct.
        QTest::newRow("on a holiday") << "2026-10-03" << "2026-10-08" << "2026-10-13" << "2026-10-27";
        // Fri 9 Oct: Sat 10 调休 (1); Mon 12 – Thu 15 (2–5); Fri 16 (6), 19–23 (7–11), 26–29 (12–15).
        QTest::newRow("the 调休 Saturday next") << "2026-10-09" << "2026-10-10" << "2026-10-15" << "2026-10-29";
        // Sat 10 Oct, rated on the 调休 Saturday itself: Mon 12 (1); 13 14 15 16 (2–5);
        // 19–23 (6–10), 26–30 (11–15).
        QTest::newRow("on the 调休 Saturday") << "2026-10-10" << "2026-10-12" << "2026-10-16" << "2026-10-30";
        // Thu 24 Sep: 25–27 closed (Mid-Autumn); Mon 28 (1), 29 (2), 30 (3), Thu 8 Oct (4), Fri 9 (5);
        // Sat 10 (6), 12–16 (7–11), 19–22 (12–15).
        QTest::newRow("Mid-Autumn then National Day") << "2026-09-24" << "2026-09-28" << "2026-10-09" << "2026-10-22";
        // Sat 19 Sep: Sunday 20 is worked (调休), so it is the first working day after: Sun 20 (1),
        // 21–24 (2–5); 25–27 closed, 28 29 30 (6–8), 1–7 Oct closed, 8 9 10 (9–11), 12–15 (12–15).
        QTest::newRow("the 调休 Sunday next") << "2026-09-19" << "2026-09-20" << "2026-09-24" << "2026-10-15";
    }
    void dues()
    {
        QFETCH(QString, rated);
        QFETCH(QString, contact);
        QFETCH(QString, rectify);
        QFETCH(QString, close);
        const ComplaintDue due = ComplaintDue::after(d(rated.toLatin1().constData()), shippedCalendar());
        QCOMPARE(text(due.contact), contact);
        QCOMPARE(text(due.rectify), rectify);
        QCOMPARE(text(due.close), close);
    }

    void eitherLevelOpensACase()
    {
        QVERIFY(opensComplaint(1, std::nullopt));
        QVERIFY(opensComplaint(2, 5));
        QVERIFY(opensComplaint(5, 2)); // seed 004 §四: the matter handled, beside the hall's service
        QVERIFY(opensComplaint(4, 1));
        QVERIFY(!opensComplaint(3, std::nullopt));
        QVERIFY(!opensComplaint(3, 3));
        QVERIFY(!opensComplaint(5, 4));
    }

    void ordersOfSteps_data()
    {
        QTest::addColumn<QStringList>("steps"); // "step[:outcome][@date]"; the rating was on 2026-11-27
        QTest::addColumn<QString>("refusal");   // of the last step; empty: every step taken
        const auto row = [](const char *name, std::initializer_list<const char *> steps, const char *refusal = "") {
            QStringList list;
            for (const char *s : steps)
                list << QString::fromLatin1(s);
            QTest::newRow(name) << list << QString::fromLatin1(refusal);
        };
        row("closed on the spot the same day", {"closed:on_the_spot@2026-11-27"});
        row("on the spot a day later", {"closed:on_the_spot@2026-11-30"}, "on_the_spot_too_late");
        row("contacted, closed no_problem", {"contacted@2026-11-30", "closed:no_problem@2026-12-02"});
        row("contacted, closed resolved", {"contacted@2026-11-27", "closed:resolved@2026-11-27"});
        row("contacted, rectified, closed", {"contacted@2026-11-30", "rectified@2026-12-03", "closed@2026-12-10"});
        row("contacted, rectified, closed resolved", {"contacted@2026-11-30", "rectified@2026-12-03", "closed:resolved@2026-12-10"});
        row("rectified, closed no_problem", {"contacted@2026-11-30", "rectified@2026-12-03", "closed:no_problem@2026-12-10"},
            "no_problem_after_rectified");
        row("closed without contact", {"closed:resolved@2026-11-27"}, "not_contacted");
        row("closed with no outcome, nothing before", {"closed@2026-11-27"}, "not_contacted");
        row("rectified first", {"rectified@2026-11-30"}, "not_contacted");
        row("contacted twice", {"contacted@2026-11-30", "contacted@2026-12-01"}, "already_taken");
        row("on the spot after contact", {"contacted@2026-11-27", "closed:on_the_spot@2026-11-27"}, "on_the_spot_afterward");
        row("closed after contact without outcome", {"contacted@2026-11-30", "closed@2026-12-01"}, "outcome_required");
        row("anything after closed", {"closed:on_the_spot@2026-11-27", "contacted@2026-11-30"}, "already_closed");
        row("closed twice", {"contacted@2026-11-30", "closed:resolved@2026-12-01", "closed:resolved@2026-12-01"}, "already_closed");
        row("an outcome on contacted", {"contacted:resolved@2026-11-30"}, "outcome_only_when_closed");
        row("opened by staff", {"opened@2026-11-30"}, "not_a_staff_step");
    }
    void ordersOfSteps()
    {
        QFETCH(QStringList, steps);
        QFETCH(QString, refusal);
        ComplaintCase c = ComplaintCase::open(d("2026-11-27"), shippedCalendar());
        QString refused;
        for (int i = 0; i < steps.size(); ++i) {
            const QStringList atSplit = steps[i].split(QLatin1Char('@'));
            const QStringList parts = atSplit[0].split(QLatin1Char(':'));
            const auto step = complaintStepFromString(parts[0].toStdString());
            QVERIFY(step);
            std::optional<ComplaintOutcome> outcome;
            if (parts.size() > 1) {
                outcome = complaintOutcomeFromString(parts[1].toStdString());
                QVERIFY(outcome);
            }
            auto taken = c.take(*step, outcome, d(atSplit[1].toLatin1().constData()));
            if (!taken) {
                QCOMPARE(i, steps.size() - 1); // only the last step of a row may be refused
                refused = QString::fromLatin1(refusalName(taken.error()));
                QVERIFY(!describe(taken.error()).empty());
            }
        }
        QCOMPARE(refused, refusal);
        if (refusal.isEmpty()) {
            QVERIFY(!c.isOpen());
            QVERIFY(c.steps().back().outcome); // every close has its outcome, implied or given
        }
    }

    void closedAfterRectifiedIsResolved()
    {
        ComplaintCase c = ComplaintCase::open(d("2026-11-27"), shippedCalendar());
        QVERIFY(c.take(ComplaintStep::Contacted, std::nullopt, d("2026-11-30")));
        QVERIFY(c.take(ComplaintStep::Rectified, std::nullopt, d("2026-12-01")));
        const auto closed = c.take(ComplaintStep::Closed, std::nullopt, d("2026-12-02"));
        QVERIFY(closed);
        QCOMPARE(closed->outcome, std::optional<ComplaintOutcome>(ComplaintOutcome::Resolved));
        // check() alone records nothing.
        ComplaintCase fresh = ComplaintCase::open(d("2026-11-27"), shippedCalendar());
        QVERIFY(fresh.check(ComplaintStep::Contacted, std::nullopt, d("2026-11-30")));
        QVERIFY(fresh.steps().empty());
    }

    void overdueIsOpenAndPastAnUnmetDue()
    {
        // Rated Fri 27 Nov: contact by Mon 30 Nov, rectify by Fri 4 Dec, close by Fri 18 Dec.
        ComplaintCase c = ComplaintCase::open(d("2026-11-27"), shippedCalendar());
        QVERIFY(!c.isOverdue(d("2026-11-27")));
        QVERIFY(!c.isOverdue(d("2026-11-28"))); // the weekend is not counted
        QVERIFY(!c.isOverdue(d("2026-11-30"))); // the whole due day is on time
        QVERIFY(c.isOverdue(d("2026-12-01")));  // not contacted
        QVERIFY(c.take(ComplaintStep::Contacted, std::nullopt, d("2026-12-01")));
        QVERIFY(!c.isOverdue(d("2026-12-01"))); // contacted late: what is left to do is on time
        QVERIFY(!c.isOverdue(d("2026-12-04")));
        QVERIFY(c.isOverdue(d("2026-12-05"))); // not rectified by Fri 4 Dec
        QVERIFY(c.take(ComplaintStep::Rectified, std::nullopt, d("2026-12-07")));
        QVERIFY(!c.isOverdue(d("2026-12-18")));
        QVERIFY(c.isOverdue(d("2026-12-19"))); // not closed by Fri 18 Dec
        QVERIFY(c.take(ComplaintStep::Closed, std::nullopt, d("2026-12-21")));
        QVERIFY(!c.isOverdue(d("2026-12-21"))); // closed cases are never overdue
        QVERIFY(!c.isOpen());

        // Contacted, no problem found, never closed: overdue once the rectify day has passed.
        ComplaintCase quiet = ComplaintCase::open(d("2026-11-27"), shippedCalendar());
        QVERIFY(quiet.take(ComplaintStep::Contacted, std::nullopt, d("2026-11-30")));
        QVERIFY(!quiet.isOverdue(d("2026-12-04")));
        QVERIFY(quiet.isOverdue(d("2026-12-07")));

        // Before National Day: contact is due Thu 8 Oct, so the holiday week is never overdue.
        const ComplaintCase holiday = ComplaintCase::open(d("2026-09-30"), shippedCalendar());
        QVERIFY(!holiday.isOverdue(d("2026-10-07")));
        QVERIFY(!holiday.isOverdue(d("2026-10-08")));
        QVERIFY(holiday.isOverdue(d("2026-10-09")));
    }

private:
    static const char *refusalName(WrongStep why)
    {
        switch (why) {
        case WrongStep::AlreadyClosed:
            return "already_closed";
        case WrongStep::AlreadyTaken:
            return "already_taken";
        case WrongStep::NotContacted:
            return "not_contacted";
        case WrongStep::OnTheSpotTooLate:
            return "on_the_spot_too_late";
        case WrongStep::OnTheSpotAfterward:
            return "on_the_spot_afterward";
        case WrongStep::OutcomeRequired:
            return "outcome_required";
        case WrongStep::NoProblemAfterRectified:
            return "no_problem_after_rectified";
        case WrongStep::OutcomeOnlyWhenClosed:
            return "outcome_only_when_closed";
        case WrongStep::NotAStaffStep:
            return "not_a_staff_step";
        }
        return "?";
    }
};

QTEST_APPLESS_MAIN(TestComplaintCase)
#include "tst_complaint_case.moc"
