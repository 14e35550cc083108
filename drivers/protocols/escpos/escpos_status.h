#pragma once

#include <cstdint>
#include <optional>

namespace hk {

// The real-time status of an ESC/POS printer, from the replies to DLE EOT 1, 2, 4 and (only when
// 2 reports an error) 3. Reference §3.4: every reply byte has the pattern 0xx1xx10.
struct EscPosStatus {
    bool offline = false;         // n=1 bit 3
    bool coverOpen = false;       // n=2 bit 2
    bool paperEndStop = false;    // n=2 bit 5: printing stopped because the paper ran out
    bool errorOccurred = false;   // n=2 bit 6
    bool mechanicalError = false; // n=3 bit 2
    bool cutterError = false;     // n=3 bit 3
    bool unrecoverable = false;   // n=3 bit 5
    bool autoRecoverable = false; // n=3 bit 6 (e.g. head overheated)
    bool paperNearEnd = false;    // n=4 bits 2+3
    bool paperEnd = false;        // n=4 bits 5+6

    bool canPrint() const
    {
        return !offline && !coverOpen && !paperEndStop && !paperEnd && !errorOccurred;
    }
};

// Applies one reply byte; false when the byte breaks the 0xx1xx10 pattern (not a status reply).
bool isEscPosStatusByte(std::uint8_t reply);
bool applyEscPosStatus(EscPosStatus &status, int n, std::uint8_t reply);

} // namespace hk
