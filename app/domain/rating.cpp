#include "app/domain/rating.h"

namespace hk {

std::string_view ratingLevelName(int level)
{
    switch (level) {
    case 5:
        return "非常满意";
    case 4:
        return "满意";
    case 3:
        return "基本满意";
    case 2:
        return "不满意";
    case 1:
        return "非常不满意";
    default:
        return {};
    }
}

std::string_view nameOf(RatingChannel channel)
{
    switch (channel) {
    case RatingChannel::Evaluator:
        return "evaluator";
    case RatingChannel::Console:
        return "console";
    case RatingChannel::TicketQr:
        return "ticket_qr";
    case RatingChannel::RatePage:
        return "rate_page";
    }
    return "console";
}

std::optional<RatingChannel> ratingChannelFromString(std::string_view text)
{
    for (auto c : {RatingChannel::Evaluator, RatingChannel::Console, RatingChannel::TicketQr, RatingChannel::RatePage}) {
        if (nameOf(c) == text)
            return c;
    }
    return std::nullopt;
}

} // namespace hk
