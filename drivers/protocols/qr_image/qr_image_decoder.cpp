#include "drivers/protocols/qr_image/qr_image_decoder.h"

#include <ZXing/ReadBarcode.h>

namespace hk {

std::optional<QString> QrImageDecoder::decode(const QImage &image)
{
    if (image.isNull())
        return std::nullopt;
    // Luminance is all ZXing needs; a grey copy also fixes the stride and the pixel format.
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    const ZXing::ImageView view(grey.constBits(), grey.width(), grey.height(), ZXing::ImageFormat::Lum,
                                int(grey.bytesPerLine()));
    // The local-average binariser suits uneven light; a frame with speckle noise on a small code
    // reads better with the global histogram, so that is tried second.
    for (const ZXing::Binarizer binarizer : {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram}) {
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode);
        hints.setTryHarder(true);
        hints.setTryRotate(true);
        hints.setBinarizer(binarizer);
        const ZXing::Result result = ZXing::ReadBarcode(view, hints);
        if (!result.isValid())
            continue;
        const std::string text = result.text(); // UTF-8 with ZX_USE_UTF8
        if (!text.empty())
            return QString::fromStdString(text);
    }
    return std::nullopt;
}

} // namespace hk
