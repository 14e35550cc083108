#pragma once

#include "app/domain/catalog.h"
#include "app/ports/platform_client.h"
#include "ui/kiosk/kiosk_messages.h"

namespace hk {

// What a citizen reads in the 预约 and 取消预约 flows (DESIGN §14): every refusal of §6 in plain
// words, and what to do instead.

// A 409 of the booking or cancel route, by its code (slot_full, daily_limit, cancel_deadline …).
CitizenMessage bookingRefused(const QString &code, const Rules &rules);
// No platform (offline, not configured): how else to book. `phone` may be empty.
CitizenMessage bookingNeedsNetwork(const QString &phone, bool cancelling);
// The booking request went out and no answer came back: it may or may not have booked.
CitizenMessage bookingAnswerLost();
// The platform answered something the terminal cannot use.
CitizenMessage bookingFailed(bool cancelling);
// Why the phone number is not taken, or empty when it is.
QString phoneNumberProblem(const QString &digits, bool mobile);
// B4 before asking the platform: the slot is too near to cancel.
CitizenMessage cancelTooLate(int cancelLeadMinutes);

} // namespace hk
