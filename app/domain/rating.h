#pragma once

#include <optional>
#include <string_view>

namespace hk {

// 好差评 (seed 004; 国办发〔2019〕51号): five levels, 5 非常满意 … 1 非常不满意. Levels 2 and 1 are
// 差评 and need a reason; a channel that cannot take one (a hardware evaluator) records the level
// with follow_up, for the platform's 1/5/15-day process.
constexpr int kMinRatingLevel = 1;
constexpr int kMaxRatingLevel = 5;

// Who entered a rating (DESIGN §16): the window's hardware evaluator, the /rate tablet (a token of
// scope `rating`), a clerk or supervisor at the console with a full token (staff-entered,
// audited), or the citizen's own phone through the ticket's QR (reserved: no route takes it yet).
enum class RatingChannel { Evaluator, Console, TicketQr, RatePage };

constexpr bool isRatingLevel(int level)
{
    return level >= kMinRatingLevel && level <= kMaxRatingLevel;
}

constexpr bool isPoorRating(int level) // 差评
{
    return level == 1 || level == 2;
}

std::string_view ratingLevelName(int level); // "非常满意" … "非常不满意"; empty for no level
std::string_view nameOf(RatingChannel channel); // "evaluator" | "console" | "ticket_qr" | "rate_page"
std::optional<RatingChannel> ratingChannelFromString(std::string_view text);

} // namespace hk
