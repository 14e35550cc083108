#pragma once

#include "app/domain/booking/booking.h"
#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/domain/time/local_date_time.h"
#include "app/domain/time/working_calendar.h"

#include <string_view>
#include <variant>
#include <vector>

namespace hk {

// Why a booking, a cancellation or a check-in is refused, one type per reason, so each gets its
// own screen and its own error code (DESIGN §3, B1–B7 and C1–C4; §6, the 409 codes).
namespace refusal {
struct Closed {};       // not a slot the hall offers on that day (B7 allows it for a staff emergency)
struct NotBookable {};  // the matter takes no bookings
struct CreditRestricted {
    CivilDate until; // B6: the 1st of next month, when the restriction lifts
};
struct LeadTime {
    LocalDateTime deadline; // B2: the last moment this channel could book this slot
};
struct DuplicateSlot {}; // B3: the applicant already holds this slot
struct DailyLimit {};    // B3: the applicant already holds the day's maximum
struct SlotFull {};
struct CancelDeadline {
    LocalDateTime deadline; // B4: cancellations close this long before the slot
};
struct NotCancellable {
    BookingState state; // already checked in, served, lapsed or cancelled
};
struct WrongCenter {};
struct Cancelled {};
struct AlreadyCheckedIn {};
struct WrongDay {
    CivilDate bookedFor;
};
struct TooEarly {
    LocalDateTime comeBackAt; // C1/C2: 120 minutes before the slot starts, or when issuing starts if later
};
struct Late {
    bool forfeits = false; // C1/B5: this scan forfeits the booking (false: it had lapsed already)
};
struct CodeExpired {}; // C1: the QR code's `expires` has passed
} // namespace refusal

using BookingRefusal = std::variant<refusal::Closed, refusal::NotBookable, refusal::CreditRestricted, refusal::LeadTime,
                                    refusal::DuplicateSlot, refusal::DailyLimit, refusal::SlotFull>;
using CancelRefusal = std::variant<refusal::NotCancellable, refusal::CancelDeadline>;
using CheckInRefusal = std::variant<refusal::WrongCenter, refusal::Cancelled, refusal::AlreadyCheckedIn, refusal::WrongDay,
                                    refusal::TooEarly, refusal::Late, refusal::CodeExpired>;

// The platform's error codes (DESIGN §6): slot_full, duplicate_slot, daily_limit,
// credit_restricted, lead_time, closed, not_bookable; cancel_deadline, not_cancellable; and for
// check-in wrong_center, cancelled, already_checked_in, wrong_day, too_early, late, code_expired.
std::string_view codeOf(const BookingRefusal &refusal);
std::string_view codeOf(const CancelRefusal &refusal);
std::string_view codeOf(const CheckInRefusal &refusal);

// One of the applicant's bookings, as B3 and B6 see it.
struct ApplicantBooking {
    LocalDateTime slotStart;
    BookingState state = BookingState::Booked;
};

struct BookingRequest {
    BookingChannel channel = BookingChannel::Online;
    LocalDateTime slotStart;
    bool bookable = true;   // the matter's `bookable`
    bool emergency = false; // B7: flagged by staff, may lie outside the working hours
};

struct SlotLoad {
    int capacity = 0; // the group's slot capacity; 0 takes no bookings
    int booked = 0;   // bookings already holding this (group, slot), cancelled ones not counted
};

// B6: the applicant's 爽约 in the calendar month of `today` and, at the limit, until when no new
// booking is taken (the 1st of next month).
struct CreditStanding {
    int missesThisMonth = 0;
    std::optional<CivilDate> restrictedUntil;
};
CreditStanding creditStanding(const std::vector<ApplicantBooking> &applicantBookings, const CivilDate &today,
                              const Rules &rules);

// The booking rules in order: open slot (B7), bookable, credit (B6), lead time (B2), one per slot
// and at most `max_per_day` a day (B3), capacity. `applicantBookings` are all of the applicant's
// bookings the platform knows (cancelled ones are ignored).
Result<void, BookingRefusal> evaluateBooking(const BookingRequest &request, const std::vector<ApplicantBooking> &applicantBookings,
                                             const SlotLoad &load, const WorkingCalendar &calendar, const Rules &rules,
                                             const LocalDateTime &now);

// B2: until when `channel` may book a slot starting at `slotStart`. Onsite and phone bookings close
// at 16:30 of the previous working day; online ones 180 minutes before the slot.
LocalDateTime bookingDeadline(BookingChannel channel, const LocalDateTime &slotStart, const WorkingCalendar &calendar,
                              const Rules &rules);

// B4: the applicant may cancel a booking still `booked` up to 180 minutes before its slot.
Result<void, CancelRefusal> evaluateCancel(BookingState state, const LocalDateTime &slotStart, const Rules &rules,
                                           const LocalDateTime &now);

// B5: a booking not checked in by 30 minutes after its slot start has lapsed (视为主动放弃).
LocalDateTime lapsesAt(const LocalDateTime &slotStart, const Rules &rules);
inline bool hasLapsed(const LocalDateTime &slotStart, const Rules &rules, const LocalDateTime &now)
{
    return now > lapsesAt(slotStart, rules);
}

// A booking presented at the terminal, by its QR code or the applicant's ID card.
struct CheckInCandidate {
    std::string center; // the booking's center
    LocalDateTime slotStart;
    BookingState state = BookingState::Booked;
    std::optional<LocalDateTime> expires; // the QR code's `expires`; none for an ID card
};

struct CheckInDecision {
    LocalDateTime priorityAt; // C4: max(check-in, slot start − 15 min)
};

// C1–C4: check-in from 120 minutes before the slot start to 30 minutes after it, bounds included,
// and while the code has not expired; once; at the center and on the day it was booked for (a
// booking of another day is the wrong day whatever its state). Too early: come back at the later of
// slot start − 120 min and the start of that day's issuing hours in `calendar`.
Result<CheckInDecision, CheckInRefusal> evaluateCheckIn(const CheckInCandidate &booking, const std::string &center,
                                                       const Rules &rules, const WorkingCalendar &calendar,
                                                       const LocalDateTime &now);

} // namespace hk
