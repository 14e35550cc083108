#pragma once

#include <QByteArray>
#include <QImage>

namespace hk {

// A QR code as an image (libqrencode), for showing a ticket's code on screen when its print
// failed. `moduleSize` pixels per module and a 4-module quiet zone; a null image if it cannot be made.
QImage makeQrImage(const QByteArray &data, int moduleSize);

} // namespace hk
