#include "drivers/protocols/escpos/qr_raster.h"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace hk {

MonoImage makeQrRaster(const QByteArray &data, int moduleDots)
{
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(int(data.size()), reinterpret_cast<const unsigned char *>(data.constData()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return {};
    moduleDots = std::clamp(moduleDots, 1, 16);
    MonoImage image;
    image.width = code->width * moduleDots;
    image.height = image.width;
    const int rowBytes = image.bytesPerRow();
    image.dots = QByteArray(qsizetype(rowBytes) * image.height, '\0');
    char *dots = image.dots.data();
    for (int my = 0; my < code->width; ++my) {
        for (int mx = 0; mx < code->width; ++mx) {
            if (!(code->data[my * code->width + mx] & 1)) // bit 0: dark module
                continue;
            for (int x = mx * moduleDots; x < (mx + 1) * moduleDots; ++x)
                dots[my * moduleDots * rowBytes + x / 8] = char(dots[my * moduleDots * rowBytes + x / 8] | (0x80 >> (x % 8)));
        }
        // The module's first dot row is done; its other rows are copies.
        for (int r = 1; r < moduleDots; ++r)
            std::copy_n(dots + qsizetype(my) * moduleDots * rowBytes, rowBytes, dots + (qsizetype(my) * moduleDots + r) * rowBytes);
    }
    return image;
}

} // namespace hk
