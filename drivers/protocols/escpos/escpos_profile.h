#pragma once

#include <QString>

#include <optional>

namespace hk {

// What differs between ESC/POS printer models, as data (after python-escpos' capabilities.json).
struct EscPosProfile {
    QString name = QStringLiteral("escpos-80mm");
    int dotsPerLine = 576;     // 80 mm head; 384 for 58 mm
    bool nativeQr = true;      // GS ( k; otherwise the QR goes out as a raster image
    bool chineseMode = true;   // send FS & after ESC @
    bool status = true;        // answers DLE EOT
    int qrModuleDots = 6;
    int cutFeedDots = 96;      // paper fed before the cut, so the last line clears the blade

    static std::optional<EscPosProfile> builtIn(const QString &name);
};

} // namespace hk
