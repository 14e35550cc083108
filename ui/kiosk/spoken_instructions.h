#pragma once

#include "ui/kiosk/booking_flow_presenter.h"

#include <QString>

namespace hk::spoken {

// What 长辈版 says on each citizen screen (DESIGN §14): what the screen is and what to do next, in
// plain words, a sentence or two. Where a screen's own title already says it, that title is said
// (the caller passes it in); these add what the eye would otherwise have to find. Nothing personal
// is said aloud in the hall: no name, no ID or phone number — only the ticket's number, which the
// hall calls out anyway.
QString home();
QString notice(const QString &title, const QString &action);
QString ticket(const QString &title, const QString &number);
QString choice();
QString guide(const QString &title, const QString &prompt);
QString myTicket(const QString &title, const QString &text);
QString myTicketStatus(const QString &number, const QString &state);
QString bookingStep(BookingFlowPresenter::Step step, const QString &title);
QString keypad();
QString idleWarning(int seconds);

// The second before home at which the idle warning is said (DESIGN §1 warns ≥ 20 s before).
inline constexpr int kIdleWarningS = 20;

} // namespace hk::spoken
