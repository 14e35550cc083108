#include "app/domain/booking/booking_rules.h"

#include <algorithm>

namespace hk {
namespace {

template <typename... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <typename... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

CivilDate firstOfNextMonth(const CivilDate &date)
{
    return date.month() == 12 ? CivilDate(date.year() + 1, 1, 1) : CivilDate(date.year(), date.month() + 1, 1);
}

bool sameMonth(const CivilDate &a, const CivilDate &b)
{
    return a.year() == b.year() && a.month() == b.month();
}

} // namespace

std::string_view codeOf(const BookingRefusal &refusal)
{
    return std::visit(Overloaded{
                          [](const refusal::Closed &) { return std::string_view("closed"); },
                          [](const refusal::NotBookable &) { return std::string_view("not_bookable"); },
                          [](const refusal::CreditRestricted &) { return std::string_view("credit_restricted"); },
                          [](const refusal::LeadTime &) { return std::string_view("lead_time"); },
                          [](const refusal::DuplicateSlot &) { return std::string_view("duplicate_slot"); },
                          [](const refusal::DailyLimit &) { return std::string_view("daily_limit"); },
                          [](const refusal::SlotFull &) { return std::string_view("slot_full"); },
                      },
                      refusal);
}

std::string_view codeOf(const CancelRefusal &refusal)
{
    return std::visit(Overloaded{
                          [](const refusal::NotCancellable &) { return std::string_view("not_cancellable"); },
                          [](const refusal::CancelDeadline &) { return std::string_view("cancel_deadline"); },
                      },
                      refusal);
}

std::string_view codeOf(const CheckInRefusal &refusal)
{
    return std::visit(Overloaded{
                          [](const refusal::WrongCenter &) { return std::string_view("wrong_center"); },
                          [](const refusal::Cancelled &) { return std::string_view("cancelled"); },
                          [](const refusal::AlreadyCheckedIn &) { return std::string_view("already_checked_in"); },
                          [](const refusal::WrongDay &) { return std::string_view("wrong_day"); },
                          [](const refusal::TooEarly &) { return std::string_view("too_early"); },
                          [](const refusal::Late &) { return std::string_view("late"); },
                          [](const refusal::CodeExpired &) { return std::string_view("code_expired"); },
                      },
                      refusal);
}

CreditStanding creditStanding(const std::vector<ApplicantBooking> &applicantBookings, const CivilDate &today, const Rules &rules)
{
    CreditStanding standing;
    standing.missesThisMonth = int(std::count_if(applicantBookings.begin(), applicantBookings.end(), [&](const ApplicantBooking &b) {
        return isMissed(b.state) && sameMonth(b.slotStart.date(), today);
    }));
    if (standing.missesThisMonth >= rules.noshowLimit)
        standing.restrictedUntil = firstOfNextMonth(today);
    return standing;
}

LocalDateTime bookingDeadline(BookingChannel channel, const LocalDateTime &slotStart, const WorkingCalendar &calendar,
                              const Rules &rules)
{
    if (channel == BookingChannel::Online)
        return slotStart.addMinutes(-rules.onlineLeadMinutes);
    return LocalDateTime::at(calendar.previousWorkingDay(slotStart.date()), rules.onsiteDeadline);
}

Result<void, BookingRefusal> evaluateBooking(const BookingRequest &request, const std::vector<ApplicantBooking> &applicantBookings,
                                             const SlotLoad &load, const WorkingCalendar &calendar, const Rules &rules,
                                             const LocalDateTime &now)
{
    // B7: outside the hall's slots only a staff-flagged emergency books (and it books any minute).
    const CivilDate day = request.slotStart.date();
    if (!request.emergency && (request.slotStart.secondOfDay() % 60 != 0 || !calendar.slotAt(day, request.slotStart.minuteOfDay())))
        return fail(refusal::Closed{});
    if (!request.bookable)
        return fail(refusal::NotBookable{});
    if (const CreditStanding credit = creditStanding(applicantBookings, now.date(), rules); credit.restrictedUntil)
        return fail(refusal::CreditRestricted{*credit.restrictedUntil});
    // B2. Online: "at least 3 h before" includes exactly 3 h. Onsite and phone: closed from 16:30.
    const LocalDateTime deadline = bookingDeadline(request.channel, request.slotStart, calendar, rules);
    if (request.channel == BookingChannel::Online ? now > deadline : now >= deadline)
        return fail(refusal::LeadTime{deadline});
    int sameDay = 0;
    for (const ApplicantBooking &b : applicantBookings) {
        if (b.state == BookingState::Cancelled || b.slotStart.date() != day)
            continue;
        if (b.slotStart == request.slotStart)
            return fail(refusal::DuplicateSlot{});
        ++sameDay;
    }
    if (sameDay >= rules.maxPerDay)
        return fail(refusal::DailyLimit{});
    if (load.booked >= load.capacity)
        return fail(refusal::SlotFull{});
    return Ok{};
}

Result<void, CancelRefusal> evaluateCancel(BookingState state, const LocalDateTime &slotStart, const Rules &rules, const LocalDateTime &now)
{
    if (state != BookingState::Booked)
        return fail(refusal::NotCancellable{state});
    const LocalDateTime deadline = slotStart.addMinutes(-rules.cancelLeadMinutes);
    if (now > deadline) // "at least 3 hours before" includes exactly 3 hours
        return fail(refusal::CancelDeadline{deadline});
    return Ok{};
}

LocalDateTime lapsesAt(const LocalDateTime &slotStart, const Rules &rules)
{
    return slotStart.addMinutes(rules.lateForfeitMinutes);
}

Result<CheckInDecision, CheckInRefusal> evaluateCheckIn(const CheckInCandidate &booking, const std::string &center, const Rules &rules,
                                                       const WorkingCalendar &calendar, const LocalDateTime &now)
{
    if (booking.center != center)
        return fail(refusal::WrongCenter{});
    // C2: a code for another day says so whatever became of the booking (lapsed, cancelled …).
    if (booking.slotStart.date() != now.date())
        return fail(refusal::WrongDay{booking.slotStart.date()});
    switch (booking.state) {
    case BookingState::Cancelled:
        return fail(refusal::Cancelled{});
    case BookingState::CheckedIn:
    case BookingState::Served:
        return fail(refusal::AlreadyCheckedIn{}); // C2
    case BookingState::NoShow:
    case BookingState::Forfeited:
        return fail(refusal::Late{false});
    case BookingState::Booked:
        break;
    }
    const LocalDateTime opens = booking.slotStart.addMinutes(-rules.checkinEarlyMinutes);
    if (now < opens) {
        // C2: never a time before the terminal issues that day.
        LocalDateTime comeBack = opens;
        if (const auto issuing = calendar.issuingHours(booking.slotStart.date()))
            comeBack = std::max(comeBack, LocalDateTime::at(booking.slotStart.date(), issuing->start));
        return fail(refusal::TooEarly{comeBack});
    }
    if (hasLapsed(booking.slotStart, rules, now))
        return fail(refusal::Late{true});
    if (booking.expires && now > *booking.expires)
        return fail(refusal::CodeExpired{});
    const LocalDateTime priorityFrom = booking.slotStart.addMinutes(-rules.priorityEarlyMinutes);
    return CheckInDecision{std::max(now, priorityFrom)};
}

} // namespace hk
