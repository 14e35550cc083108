#pragma once

#include <optional>
#include <string>

namespace hk {

// How demanding a matter is (事项复杂度); it sets the booked wait target (Q5).
enum class Complexity { General, Complex, Special };

std::optional<Complexity> complexityFromString(const std::string &text); // general | complex | special
const char *nameOf(Complexity complexity);

} // namespace hk
