#include "app/domain/complexity.h"

namespace hk {

std::optional<Complexity> complexityFromString(const std::string &text)
{
    if (text == "general")
        return Complexity::General;
    if (text == "complex")
        return Complexity::Complex;
    if (text == "special")
        return Complexity::Special;
    return std::nullopt;
}

const char *nameOf(Complexity complexity)
{
    switch (complexity) {
    case Complexity::General:
        return "general";
    case Complexity::Complex:
        return "complex";
    case Complexity::Special:
        return "special";
    }
    return "general";
}

} // namespace hk
