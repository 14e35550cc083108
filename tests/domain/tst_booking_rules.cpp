// app/domain/booking_rules: B1–B7 and C1–C4, every rule and refusal, at the edges to the second;
// the 16:30 previous-working-day deadline over a weekend and a holiday; credit across months.

#include "app/domain/booking/booking_rules.h"

#include "tests/support/civil_time.h"

#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

WorkingCalendar calendar()
{
    return WorkingCalendar(Hours{}, nationalDay2026());
}

const Rules kRules;
const SlotLoad kRoom{5, 2};

QString bookingCode(const BookingRequest &request, const std::vector<ApplicantBooking> &mine, const SlotLoad &load,
                    const LocalDateTime &now)
{
    const auto result = evaluateBooking(request, mine, load, calendar(), kRules, now);
    return result ? QStringLiteral("ok") : QString::fromLatin1(codeOf(result.error()).data());
}

BookingRequest request(BookingChannel channel, const LocalDateTime &slot)
{
    BookingRequest r;
    r.channel = channel;
    r.slotStart = slot;
    return r;
}

QString checkInCode(const CheckInCandidate &booking, const LocalDateTime &now)
{
    const auto result = evaluateCheckIn(booking, "SQ-001", kRules, calendar(), now);
    return result ? QStringLiteral("ok ") + QString::fromStdString(result->priorityAt.toString())
                  : QString::fromLatin1(codeOf(result.error()).data());
}

} // namespace

class TestBookingRules : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void leadTime_data()
    {
        QTest::addColumn<int>("channel");
        QTest::addColumn<QString>("slotDate");
        QTest::addColumn<int>("slotHour");
        QTest::addColumn<QString>("nowDate");
        QTest::addColumn<int>("nowMinuteOfDay");
        QTest::addColumn<int>("nowSecond");
        QTest::addColumn<QString>("expected");
        const int onsite = int(BookingChannel::Onsite), phone = int(BookingChannel::Phone), online = int(BookingChannel::Online);
        // B2, onsite and phone: by 16:30 of the previous working day.
        QTest::newRow("onsite, Monday's slot on Friday 16:29:59") << onsite << "2026-11-30" << 10 << "2026-11-27" << 16 * 60 + 29 << 59 << "ok";
        QTest::newRow("onsite, Monday's slot on Friday 16:30") << onsite << "2026-11-30" << 10 << "2026-11-27" << 16 * 60 + 30 << 0 << "lead_time";
        QTest::newRow("onsite, Monday's slot over the weekend") << onsite << "2026-11-30" << 10 << "2026-11-28" << 9 * 60 << 0 << "lead_time";
        QTest::newRow("phone, the same deadline") << phone << "2026-11-30" << 10 << "2026-11-27" << 16 * 60 + 30 << 0 << "lead_time";
        QTest::newRow("phone, Thursday for Monday") << phone << "2026-11-30" << 16 << "2026-11-26" << 17 * 60 << 0 << "ok";
        QTest::newRow("onsite, Tuesday's slot on Monday 16:00") << onsite << "2026-12-01" << 9 << "2026-11-30" << 16 * 60 << 0 << "ok";
        QTest::newRow("onsite, the same day") << onsite << "2026-12-01" << 16 << "2026-12-01" << 9 * 60 << 0 << "lead_time";
        QTest::newRow("onsite, after the holiday: by 30 September") << onsite << "2026-10-08" << 9 << "2026-09-30" << 16 * 60 + 29 << 0 << "ok";
        QTest::newRow("onsite, during the holiday: too late") << onsite << "2026-10-08" << 9 << "2026-10-06" << 10 * 60 << 0 << "lead_time";
        QTest::newRow("onsite, the Monday after a 调休 Saturday") << onsite << "2026-10-12" << 9 << "2026-10-10" << 16 * 60 << 0 << "ok";
        // B2, online (this terminal too): at least 3 hours before the slot starts.
        QTest::newRow("online, exactly three hours") << online << "2026-12-01" << 14 << "2026-12-01" << 11 * 60 << 0 << "ok";
        QTest::newRow("online, a second less") << online << "2026-12-01" << 14 << "2026-12-01" << 11 * 60 << 1 << "lead_time";
        QTest::newRow("online, the evening before") << online << "2026-12-01" << 9 << "2026-11-30" << 22 * 60 << 0 << "ok";
        QTest::newRow("online, a slot in the past") << online << "2026-11-30" << 9 << "2026-12-01" << 8 * 60 << 0 << "lead_time";
    }
    void leadTime()
    {
        QFETCH(int, channel);
        QFETCH(QString, slotDate);
        QFETCH(int, slotHour);
        QFETCH(QString, nowDate);
        QFETCH(int, nowMinuteOfDay);
        QFETCH(int, nowSecond);
        QFETCH(QString, expected);
        const LocalDateTime slot = LocalDateTime::at(d(qPrintable(slotDate)), slotHour * 60);
        const LocalDateTime now(d(qPrintable(nowDate)), nowMinuteOfDay * 60 + nowSecond);
        QCOMPARE(bookingCode(request(BookingChannel(channel), slot), {}, kRoom, now), expected);
    }

    void leadTimeSaysUntilWhen()
    {
        const auto refused = evaluateBooking(request(BookingChannel::Onsite, at("2026-11-30", 10, 0)), {}, kRoom, calendar(), kRules,
                                             at("2026-11-28", 9, 0));
        QVERIFY(!refused.ok());
        QCOMPARE(std::get<refusal::LeadTime>(refused.error()).deadline, at("2026-11-27", 16, 30));
        QCOMPARE(bookingDeadline(BookingChannel::Online, at("2026-12-01", 9, 0), calendar(), kRules), at("2026-12-01", 6, 0));
    }

    void openSlotsOnly_data()
    {
        QTest::addColumn<QString>("date");
        QTest::addColumn<int>("minute");
        QTest::addColumn<bool>("emergency");
        QTest::addColumn<QString>("expected");
        QTest::newRow("09:00, a slot") << "2026-12-03" << 9 * 60 << false << "ok";
        QTest::newRow("16:00, the last slot") << "2026-12-03" << 16 * 60 << false << "ok";
        QTest::newRow("12:00, lunch") << "2026-12-03" << 12 * 60 << false << "closed";
        QTest::newRow("17:00, after hours") << "2026-12-03" << 17 * 60 << false << "closed";
        QTest::newRow("09:30, not a slot start") << "2026-12-03" << 9 * 60 + 30 << false << "closed";
        QTest::newRow("Saturday") << "2026-12-05" << 9 * 60 << false << "closed";
        QTest::newRow("a holiday") << "2026-10-02" << 9 * 60 << false << "closed";
        QTest::newRow("调休 Saturday") << "2026-10-10" << 9 * 60 << false << "ok";
        QTest::newRow("B7: staff emergency at 18:30") << "2026-12-03" << 18 * 60 + 30 << true << "ok";
        QTest::newRow("B7: staff emergency on a Saturday") << "2026-12-05" << 10 * 60 << true << "ok";
    }
    void openSlotsOnly()
    {
        QFETCH(QString, date);
        QFETCH(int, minute);
        QFETCH(bool, emergency);
        QFETCH(QString, expected);
        BookingRequest r = request(BookingChannel::Online, LocalDateTime::at(d(qPrintable(date)), minute));
        r.emergency = emergency;
        QCOMPARE(bookingCode(r, {}, kRoom, at("2026-09-15", 9, 0)), expected);
    }

    void perApplicant_data()
    {
        QTest::addColumn<int>("bookedSameSlot");   // state of a booking in the requested slot, -1 none
        QTest::addColumn<int>("otherSlotsThatDay"); // live bookings in other slots of the day
        QTest::addColumn<QString>("expected");
        const int booked = int(BookingState::Booked), cancelled = int(BookingState::Cancelled), checkedIn = int(BookingState::CheckedIn);
        QTest::newRow("first booking") << -1 << 0 << "ok";
        QTest::newRow("second of the day") << -1 << 1 << "ok";
        QTest::newRow("a third of the day") << -1 << 2 << "daily_limit";
        QTest::newRow("the same slot again") << booked << 0 << "duplicate_slot";
        QTest::newRow("the same slot, checked in") << checkedIn << 0 << "duplicate_slot";
        QTest::newRow("the same slot, cancelled before") << cancelled << 1 << "ok";
    }
    void perApplicant()
    {
        QFETCH(int, bookedSameSlot);
        QFETCH(int, otherSlotsThatDay);
        QFETCH(QString, expected);
        const LocalDateTime slot = at("2026-12-03", 10, 0);
        std::vector<ApplicantBooking> mine;
        if (bookedSameSlot >= 0)
            mine.push_back({slot, BookingState(bookedSameSlot)});
        for (int i = 0; i < otherSlotsThatDay; ++i)
            mine.push_back({at("2026-12-03", 14 + i, 0), BookingState::Booked});
        mine.push_back({at("2026-12-04", 10, 0), BookingState::Booked}); // another day never counts
        mine.push_back({at("2026-12-03", 9, 0), BookingState::Cancelled}); // nor does a cancelled one
        QCOMPARE(bookingCode(request(BookingChannel::Online, slot), mine, kRoom, at("2026-12-01", 9, 0)), expected);
    }

    void capacity()
    {
        const BookingRequest r = request(BookingChannel::Online, at("2026-12-03", 10, 0));
        QCOMPARE(bookingCode(r, {}, {5, 4}, at("2026-12-01", 9, 0)), QStringLiteral("ok"));
        QCOMPARE(bookingCode(r, {}, {5, 5}, at("2026-12-01", 9, 0)), QStringLiteral("slot_full"));
        QCOMPARE(bookingCode(r, {}, {0, 0}, at("2026-12-01", 9, 0)), QStringLiteral("slot_full")); // a group that takes none
        BookingRequest notBookable = r;
        notBookable.bookable = false;
        QCOMPARE(bookingCode(notBookable, {}, kRoom, at("2026-12-01", 9, 0)), QStringLiteral("not_bookable"));
    }

    void credit_data()
    {
        QTest::addColumn<QString>("missedOnText"); // comma-separated slot dates of 爽约 (no-shows and forfeits alternate)
        QTest::addColumn<QString>("today");
        QTest::addColumn<int>("misses");
        QTest::addColumn<QString>("restrictedUntil");
        QTest::newRow("two this month") << "2026-11-03,2026-11-10" << "2026-11-20" << 2 << "";
        QTest::newRow("three this month") << "2026-11-03,2026-11-10,2026-11-19" << "2026-11-20" << 3 << "2026-12-01";
        QTest::newRow("the third on the last day") << "2026-11-03,2026-11-10,2026-11-30" << "2026-11-30" << 3 << "2026-12-01";
        QTest::newRow("reset on the 1st") << "2026-11-03,2026-11-10,2026-11-19" << "2026-12-01" << 0 << "";
        QTest::newRow("across the year") << "2026-12-01,2026-12-02,2026-12-03" << "2026-12-31" << 3 << "2027-01-01";
        QTest::newRow("last month's do not add up") << "2026-10-30,2026-10-31,2026-11-02" << "2026-11-05" << 1 << "";
        QTest::newRow("a month later in another year") << "2025-11-03,2025-11-04,2025-11-05" << "2026-11-20" << 0 << "";
    }
    void credit()
    {
        QFETCH(QString, missedOnText);
        QFETCH(QString, today);
        QFETCH(int, misses);
        QFETCH(QString, restrictedUntil);
        const QStringList missedOn = missedOnText.split(QLatin1Char(','));
        std::vector<ApplicantBooking> mine;
        for (int i = 0; i < missedOn.size(); ++i)
            mine.push_back({LocalDateTime::at(d(qPrintable(missedOn[i])), 10 * 60), i % 2 ? BookingState::Forfeited : BookingState::NoShow});
        mine.push_back({LocalDateTime::at(d(qPrintable(today)), 9 * 60), BookingState::Cancelled}); // not 爽约
        mine.push_back({LocalDateTime::at(d(qPrintable(today)), 9 * 60), BookingState::Served});
        const CreditStanding standing = creditStanding(mine, d(qPrintable(today)), kRules);
        QCOMPARE(standing.missesThisMonth, misses);
        QCOMPARE(standing.restrictedUntil ? QString::fromStdString(standing.restrictedUntil->toString()) : QString(), restrictedUntil);

        // B6 refuses a new booking while restricted, whatever the slot's month.
        const LocalDateTime now = LocalDateTime::at(d(qPrintable(today)), 8 * 60);
        const auto result = evaluateBooking(request(BookingChannel::Online, LocalDateTime::at(calendar().nextWorkingDay(now.date().addDays(35)), 10 * 60)),
                                            mine, kRoom, calendar(), kRules, now);
        QCOMPARE(result.ok(), restrictedUntil.isEmpty());
        if (!result.ok())
            QCOMPARE(QString::fromStdString(std::get<refusal::CreditRestricted>(result.error()).until.toString()), restrictedUntil);
    }

    void creditLimitComesFromTheRules()
    {
        Rules strict;
        strict.noshowLimit = 1;
        const std::vector<ApplicantBooking> once{{at("2026-11-03", 9, 0), BookingState::NoShow}};
        QVERIFY(creditStanding(once, d("2026-11-04"), strict).restrictedUntil);
        QVERIFY(!creditStanding(once, d("2026-11-04"), kRules).restrictedUntil);
    }

    void refusalOrder()
    {
        // Closed before everything; credit before lead time before the applicant's own limits.
        const std::vector<ApplicantBooking> restricted{{at("2026-11-02", 9, 0), BookingState::NoShow},
                                                       {at("2026-11-03", 9, 0), BookingState::NoShow},
                                                       {at("2026-11-04", 9, 0), BookingState::NoShow}};
        const LocalDateTime now = at("2026-11-20", 15, 0);
        QCOMPARE(bookingCode(request(BookingChannel::Online, at("2026-11-21", 10, 0)), restricted, kRoom, now), QStringLiteral("closed"));
        QCOMPARE(bookingCode(request(BookingChannel::Online, at("2026-11-20", 16, 0)), restricted, kRoom, now), QStringLiteral("credit_restricted"));
        const std::vector<ApplicantBooking> same{{at("2026-11-20", 16, 0), BookingState::Booked}};
        QCOMPARE(bookingCode(request(BookingChannel::Online, at("2026-11-20", 16, 0)), same, {1, 1}, now), QStringLiteral("lead_time"));
        QCOMPARE(bookingCode(request(BookingChannel::Online, at("2026-11-23", 16, 0)), {{at("2026-11-23", 16, 0), BookingState::Booked}},
                             {1, 1}, now),
                 QStringLiteral("duplicate_slot"));
    }

    void cancel_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("nowMinuteOfDay");
        QTest::addColumn<int>("nowSecond");
        QTest::addColumn<QString>("expected");
        const int booked = int(BookingState::Booked);
        QTest::newRow("four hours before") << booked << 10 * 60 << 0 << "ok";
        QTest::newRow("exactly three hours before") << booked << 11 * 60 << 0 << "ok";
        QTest::newRow("a second later") << booked << 11 * 60 << 1 << "cancel_deadline";
        QTest::newRow("checked in") << int(BookingState::CheckedIn) << 9 * 60 << 0 << "not_cancellable";
        QTest::newRow("cancelled already") << int(BookingState::Cancelled) << 9 * 60 << 0 << "not_cancellable";
        QTest::newRow("a no-show") << int(BookingState::NoShow) << 9 * 60 << 0 << "not_cancellable";
    }
    void cancel()
    {
        QFETCH(int, state);
        QFETCH(int, nowMinuteOfDay);
        QFETCH(int, nowSecond);
        QFETCH(QString, expected);
        const auto result = evaluateCancel(BookingState(state), at("2026-12-01", 14, 0), kRules, LocalDateTime(d("2026-12-01"), nowMinuteOfDay * 60 + nowSecond));
        QCOMPARE(result ? QStringLiteral("ok") : QString::fromLatin1(codeOf(result.error()).data()), expected);
        if (!result.ok() && expected == QLatin1String("cancel_deadline"))
            QCOMPARE(std::get<refusal::CancelDeadline>(result.error()).deadline, at("2026-12-01", 11, 0));
    }

    void lapse()
    {
        // B5: lapsed once 30 minutes after the slot start have passed.
        QVERIFY(!hasLapsed(at("2026-12-01", 10, 0), kRules, at("2026-12-01", 10, 30)));
        QVERIFY(hasLapsed(at("2026-12-01", 10, 0), kRules, at("2026-12-01", 10, 30, 1)));
        QCOMPARE(lapsesAt(at("2026-12-01", 16, 45), kRules), at("2026-12-01", 17, 15));
        QVERIFY(isMissed(BookingState::NoShow) && isMissed(BookingState::Forfeited));
        QVERIFY(!isMissed(BookingState::Cancelled) && !isMissed(BookingState::Served));
    }

    void checkInWindow_data()
    {
        QTest::addColumn<int>("hour");
        QTest::addColumn<int>("minute");
        QTest::addColumn<int>("second");
        QTest::addColumn<QString>("expected"); // ok + priority time, or the refusal code
        // Slot 10:00: check-in from 08:00 to 10:30, bounds included (C1); priority from
        // max(check-in, 09:45) (C4).
        QTest::newRow("07:59:59, too early") << 7 << 59 << 59 << "too_early";
        QTest::newRow("08:00:00, the first minute") << 8 << 0 << 0 << "ok 2026-12-01 09:45:00";
        QTest::newRow("09:30, priority from 09:45") << 9 << 30 << 0 << "ok 2026-12-01 09:45:00";
        QTest::newRow("09:50, priority from check-in") << 9 << 50 << 0 << "ok 2026-12-01 09:50:00";
        QTest::newRow("10:30:00, the last second") << 10 << 30 << 0 << "ok 2026-12-01 10:30:00";
        QTest::newRow("10:30:01, late") << 10 << 30 << 1 << "late";
    }
    void checkInWindow()
    {
        QFETCH(int, hour);
        QFETCH(int, minute);
        QFETCH(int, second);
        QFETCH(QString, expected);
        const CheckInCandidate booking{"SQ-001", at("2026-12-01", 10, 0), BookingState::Booked, std::nullopt};
        QCOMPARE(checkInCode(booking, at("2026-12-01", hour, minute, second)), expected);
    }

    void tooEarlySaysWhenToComeBack()
    {
        const auto result = evaluateCheckIn({"SQ-001", at("2026-12-01", 14, 0), BookingState::Booked, std::nullopt}, "SQ-001", kRules, calendar(),
                                            at("2026-12-01", 9, 10));
        QVERIFY(!result.ok());
        QCOMPARE(std::get<refusal::TooEarly>(result.error()).comeBackAt, at("2026-12-01", 12, 0));
    }

    void tooEarlyNeverNamesATimeBeforeIssuing_data()
    {
        QTest::addColumn<int>("slotHour");
        QTest::addColumn<int>("earlyLate"); // minutes of extended service at both ends
        QTest::addColumn<QString>("comeBack");
        // C2: the later of slot − 120 min and the start of the issuing hours (30 min before opening).
        QTest::newRow("10:00 slot, hall issues from 08:30") << 10 << 0 << "2026-12-01 08:30:00";
        QTest::newRow("09:00 slot, hall issues from 08:30") << 9 << 0 << "2026-12-01 08:30:00";
        QTest::newRow("11:00 slot: 09:00 is later") << 11 << 0 << "2026-12-01 09:00:00";
        QTest::newRow("10:00 slot, early hour on: issues from 07:30") << 10 << 60 << "2026-12-01 08:00:00";
        QTest::newRow("09:00 slot, early hour on") << 9 << 60 << "2026-12-01 07:30:00";
    }
    void tooEarlyNeverNamesATimeBeforeIssuing()
    {
        QFETCH(int, slotHour);
        QFETCH(int, earlyLate);
        QFETCH(QString, comeBack);
        Hours hours;
        hours.extended.earlyLateMinutes = earlyLate;
        const WorkingCalendar withHours(hours, nationalDay2026());
        const auto result = evaluateCheckIn({"SQ-001", at("2026-12-01", slotHour, 0), BookingState::Booked, std::nullopt}, "SQ-001",
                                            kRules, withHours, at("2026-12-01", 6, 0));
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(std::get<refusal::TooEarly>(result.error()).comeBackAt.toString()), comeBack);
    }

    void lateForfeitsOnlyABookingStillBooked()
    {
        const auto late = evaluateCheckIn({"SQ-001", at("2026-12-01", 9, 0), BookingState::Booked, std::nullopt}, "SQ-001", kRules, calendar(),
                                          at("2026-12-01", 10, 0));
        QVERIFY(std::get<refusal::Late>(late.error()).forfeits);
        const auto lapsed = evaluateCheckIn({"SQ-001", at("2026-12-01", 9, 0), BookingState::NoShow, std::nullopt}, "SQ-001", kRules, calendar(),
                                            at("2026-12-01", 10, 0));
        QVERIFY(!std::get<refusal::Late>(lapsed.error()).forfeits); // a no-show already: never both
    }

    void checkInRefusals_data()
    {
        QTest::addColumn<QString>("center");
        QTest::addColumn<QString>("slotDate");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("expiresMinute"); // -1: no code (an ID card)
        QTest::addColumn<QString>("expected");
        const int booked = int(BookingState::Booked);
        QTest::newRow("another center") << "SQ-002" << "2026-12-01" << booked << -1 << "wrong_center";
        QTest::newRow("cancelled") << "SQ-001" << "2026-12-01" << int(BookingState::Cancelled) << -1 << "cancelled";
        QTest::newRow("checked in already (C2)") << "SQ-001" << "2026-12-01" << int(BookingState::CheckedIn) << -1 << "already_checked_in";
        QTest::newRow("served already") << "SQ-001" << "2026-12-01" << int(BookingState::Served) << -1 << "already_checked_in";
        QTest::newRow("forfeited before") << "SQ-001" << "2026-12-01" << int(BookingState::Forfeited) << -1 << "late";
        QTest::newRow("tomorrow's booking") << "SQ-001" << "2026-12-02" << booked << -1 << "wrong_day";
        QTest::newRow("yesterday's booking") << "SQ-001" << "2026-11-30" << booked << -1 << "wrong_day";
        // C2: another day's booking is the wrong day whatever its state.
        QTest::newRow("yesterday's, lapsed") << "SQ-001" << "2026-11-30" << int(BookingState::NoShow) << -1 << "wrong_day";
        QTest::newRow("yesterday's, forfeited") << "SQ-001" << "2026-11-30" << int(BookingState::Forfeited) << -1 << "wrong_day";
        QTest::newRow("yesterday's, checked in") << "SQ-001" << "2026-11-30" << int(BookingState::CheckedIn) << -1 << "wrong_day";
        QTest::newRow("tomorrow's, cancelled") << "SQ-001" << "2026-12-02" << int(BookingState::Cancelled) << -1 << "wrong_day";
        QTest::newRow("a code cut short by the platform") << "SQ-001" << "2026-12-01" << booked << 9 * 60 + 55 << "code_expired";
        QTest::newRow("a code expiring now is still good") << "SQ-001" << "2026-12-01" << booked << 10 * 60 << "ok 2026-12-01 10:00:00";
    }
    void checkInRefusals()
    {
        QFETCH(QString, center);
        QFETCH(QString, slotDate);
        QFETCH(int, state);
        QFETCH(int, expiresMinute);
        QFETCH(QString, expected);
        CheckInCandidate booking{center.toStdString(), LocalDateTime::at(d(qPrintable(slotDate)), 10 * 60), BookingState(state), std::nullopt};
        if (expiresMinute >= 0)
            booking.expires = LocalDateTime::at(d("2026-12-01"), expiresMinute);
        QCOMPARE(checkInCode(booking, at("2026-12-01", 10, 0)), expected);
    }

    void channels()
    {
        QCOMPARE(bookingChannelFromString("terminal"), std::optional(BookingChannel::Online));
        QCOMPARE(bookingChannelFromString("mini_program"), std::optional(BookingChannel::Online));
        QCOMPARE(bookingChannelFromString("phone"), std::optional(BookingChannel::Phone));
        QVERIFY(!bookingChannelFromString("fax"));
        for (BookingState s : {BookingState::Booked, BookingState::Cancelled, BookingState::CheckedIn, BookingState::Served,
                               BookingState::NoShow, BookingState::Forfeited})
            QCOMPARE(bookingStateFromString(nameOf(s)), std::optional(s));
    }
};

QTEST_APPLESS_MAIN(TestBookingRules)
#include "tst_booking_rules.moc"
