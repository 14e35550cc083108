#include "drivers/protocols/escpos/escpos_status.h"

namespace hk {

bool isEscPosStatusByte(std::uint8_t reply)
{
    // Bits 1 and 4 set, bits 0 and 7 clear.
    return (reply & 0x93) == 0x12;
}

bool applyEscPosStatus(EscPosStatus &s, int n, std::uint8_t b)
{
    if (!isEscPosStatusByte(b))
        return false;
    auto bit = [b](int i) { return (b >> i) & 1; };
    switch (n) {
    case 1:
        s.offline = bit(3);
        return true;
    case 2:
        s.coverOpen = bit(2);
        s.paperEndStop = bit(5);
        s.errorOccurred = bit(6);
        return true;
    case 3:
        s.mechanicalError = bit(2);
        s.cutterError = bit(3);
        s.unrecoverable = bit(5);
        s.autoRecoverable = bit(6);
        return true;
    case 4:
        s.paperNearEnd = bit(2) && bit(3);
        s.paperEnd = bit(5) && bit(6);
        return true;
    default:
        return false;
    }
}

} // namespace hk
