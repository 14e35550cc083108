#pragma once

#include "app/ports/devices/print_document.h"
#include "drivers/protocols/escpos/escpos_profile.h"

#include <QByteArray>

namespace hk {

// Turns a PrintDocument into the ESC/POS bytes of one ticket for a given printer profile:
// initialise, Chinese mode, each block with its alignment, size and weight, then feed and cut.
class EscPosDocumentEncoder {
public:
    static QByteArray encode(const PrintDocument &document, const EscPosProfile &profile);
};

} // namespace hk
