#pragma once

#include "app/ports/devices/print_document.h"

#include <QByteArray>

namespace hk {

// A QR code (model 2, error correction M, as GS ( k prints it) drawn as a 1-bit image with
// libqrencode, `moduleDots` dots per module and no quiet zone: the paper around it is the quiet
// zone, and white rows would cost bytes on the wire. Null if the data does not fit a QR code.
MonoImage makeQrRaster(const QByteArray &data, int moduleDots);

} // namespace hk
