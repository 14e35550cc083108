#include "drivers/protocols/escpos/escpos_profile.h"

namespace hk {

std::optional<EscPosProfile> EscPosProfile::builtIn(const QString &name)
{
    EscPosProfile profile;
    if (name == QLatin1String("escpos-80mm"))
        return profile;
    if (name == QLatin1String("escpos-58mm")) {
        profile.name = name;
        profile.dotsPerLine = 384;
        profile.qrModuleDots = 5;
        return profile;
    }
    return std::nullopt;
}

} // namespace hk
