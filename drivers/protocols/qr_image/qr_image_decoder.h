#pragma once

#include <QImage>
#include <QString>

#include <optional>

namespace hk {

// Finds and reads a QR code in a picture (a camera frame or an image file) with ZXing-C++ 1.4.
// The content is returned as ZXing reads it: UTF-8 by its ECI or by a guess of the character set.
class QrImageDecoder {
public:
    static std::optional<QString> decode(const QImage &image);
};

} // namespace hk
