#pragma once

#include <optional>
#include <string_view>

namespace hk {

// The steps of a 差评 case (seed 004 §六, "1、5、15"; DESIGN §13). `Opened` is the rating itself;
// staff record the other three.
enum class ComplaintStep { Opened, Contacted, Rectified, Closed };

// How a case was closed: on the spot (当场解决, the rating's own day, no contact step needed), after
// contact with nothing to put right (no_problem), or put right (resolved).
enum class ComplaintOutcome { OnTheSpot, NoProblem, Resolved };

std::string_view nameOf(ComplaintStep step);       // "opened" | "contacted" | "rectified" | "closed"
std::string_view nameOf(ComplaintOutcome outcome); // "on_the_spot" | "no_problem" | "resolved"
std::optional<ComplaintStep> complaintStepFromString(std::string_view text);
std::optional<ComplaintOutcome> complaintOutcomeFromString(std::string_view text);

// Why a step cannot be taken now. Every one is the API's 409 `wrong_step`.
enum class WrongStep {
    AlreadyClosed,      // nothing follows `closed`
    AlreadyTaken,       // each step once
    NotContacted,       // rectified, or closed other than on the spot, before contacted
    OnTheSpotTooLate,   // on the spot is the rating's own day only
    OnTheSpotAfterward, // on the spot means without a contact step
    OutcomeRequired,    // closing after contact says no_problem or resolved
    NoProblemAfterRectified,
    OutcomeOnlyWhenClosed, // contacted and rectified carry no outcome
    NotAStaffStep,         // `opened` is the rating's, never staff's
};

std::string_view describe(WrongStep why); // an English sentence for the API's message

} // namespace hk
