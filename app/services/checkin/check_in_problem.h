#pragma once

#include <QDate>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace hk {

// Why a scan or a card gave no booked ticket. Each reason has its own screen: what happened and
// what to do instead, in plain words (DESIGN §3, C1–C3). Nothing was issued.
struct CheckInProblem {
    enum class Reason {
        NotABookingCode,  // another QR code (a ticket's, a URL, a health code …)
        InvalidCode,      // a booking code that is forged, damaged or truncated
        CannotVerify,     // the terminal has no platform key to check codes with
        WrongCenter,
        Cancelled,
        WrongDay,         // see bookedFor
        TooEarly,         // see comeBackAt
        Late,             // more than 30 min after the slot: see forfeited and walkInGroup
        CodeExpired,
        AlreadyCheckedIn, // and the ticket is not known here (checked in elsewhere)
        UnknownMatter,    // the catalog does not know the booked matter
        NoBookingToday,   // an ID card with no booking for today
        CannotMatchCards, // the terminal has no match key to look cards up with
        CardUnreadable,   // place the card again
        UnknownCard,      // not a card type the terminal reads
        InvalidCard,      // the card's number fails its check
        ReaderFault,      // the reader cannot work: use the QR code or ask for help
        ScanUnreadable,   // the scanner's bytes made no text: scan again
        StoreFailure,
    };
    Reason reason = Reason::StoreFailure;
    std::optional<QDateTime> comeBackAt; // TooEarly: center-local
    std::optional<QDate> bookedFor;      // WrongDay
    bool forfeited = false;              // Late: this presentation forfeited the booking (B5)
    QString walkInGroup;                 // Late: a walk-in ticket of this group is offered ('' none)
    QString walkInGroupName;
    QString detail;                      // for the log: never personal data
};

QString codeOf(CheckInProblem::Reason reason); // "invalid_code", "too_early", … for the log

} // namespace hk

Q_DECLARE_METATYPE(hk::CheckInProblem)
