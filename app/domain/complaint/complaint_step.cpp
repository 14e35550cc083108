#include "app/domain/complaint/complaint_step.h"

#include <array>
#include <utility>

namespace hk {

namespace {

constexpr std::array kSteps{std::pair{ComplaintStep::Opened, std::string_view("opened")},
                            std::pair{ComplaintStep::Contacted, std::string_view("contacted")},
                            std::pair{ComplaintStep::Rectified, std::string_view("rectified")},
                            std::pair{ComplaintStep::Closed, std::string_view("closed")}};
constexpr std::array kOutcomes{std::pair{ComplaintOutcome::OnTheSpot, std::string_view("on_the_spot")},
                               std::pair{ComplaintOutcome::NoProblem, std::string_view("no_problem")},
                               std::pair{ComplaintOutcome::Resolved, std::string_view("resolved")}};

} // namespace

std::string_view nameOf(ComplaintStep step)
{
    for (const auto &[s, name] : kSteps) {
        if (s == step)
            return name;
    }
    return "opened";
}

std::string_view nameOf(ComplaintOutcome outcome)
{
    for (const auto &[o, name] : kOutcomes) {
        if (o == outcome)
            return name;
    }
    return "resolved";
}

std::optional<ComplaintStep> complaintStepFromString(std::string_view text)
{
    for (const auto &[s, name] : kSteps) {
        if (name == text)
            return s;
    }
    return std::nullopt;
}

std::optional<ComplaintOutcome> complaintOutcomeFromString(std::string_view text)
{
    for (const auto &[o, name] : kOutcomes) {
        if (name == text)
            return o;
    }
    return std::nullopt;
}

std::string_view describe(WrongStep why)
{
    switch (why) {
    case WrongStep::AlreadyClosed:
        return "the case is closed";
    case WrongStep::AlreadyTaken:
        return "this step is recorded already";
    case WrongStep::NotContacted:
        return "contact the citizen first (contacted), unless the case is closed on the spot on the rating's day";
    case WrongStep::OnTheSpotTooLate:
        return "on_the_spot closes a case on the rating's own day only";
    case WrongStep::OnTheSpotAfterward:
        return "on_the_spot is a close without a contact step; after contact close with no_problem or resolved";
    case WrongStep::OutcomeRequired:
        return "closing after contact needs outcome no_problem or resolved";
    case WrongStep::NoProblemAfterRectified:
        return "a rectified case closes as resolved";
    case WrongStep::OutcomeOnlyWhenClosed:
        return "only closed takes an outcome";
    case WrongStep::NotAStaffStep:
        return "opened is the rating's step";
    }
    return "wrong step";
}

} // namespace hk
