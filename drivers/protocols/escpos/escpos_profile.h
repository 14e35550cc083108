#pragma once

#include "app/domain/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace hk {

// What differs between ESC/POS printer models, as data (after python-escpos' capabilities.json).
// The defaults are the 80 mm profile; the shipped profiles are resources/printers/*.json.
struct EscPosProfile {
    enum class Cut { Partial, Full }; // GS V 66 n / GS V 65 n: feed n dots, then cut

    QString name = QStringLiteral("escpos-80mm");
    QString description;
    int paperMm = 80;
    int dotsPerLine = 576;     // 80 mm head; 384 for 58 mm (reference §3.1)
    bool nativeQr = true;      // GS ( k; otherwise the QR goes out as a GS v 0 raster image
    bool chineseMode = true;   // send FS & after ESC @
    bool status = true;        // answers DLE EOT
    int qrModuleDots = 6;
    Cut cut = Cut::Partial;
    int cutFeedDots = 96;      // paper fed before the cut, so the last line clears the blade

    // Reads a profile file; every error names the key.
    static Result<EscPosProfile, QString> fromJson(const QByteArray &json);
    // `nameOrPath`: a profile name looked up as `<builtInDir>/<name>.json`, or a path to a file.
    static Result<EscPosProfile, QString> load(const QString &nameOrPath, const QString &builtInDir);
    static QStringList namesIn(const QString &builtInDir);
};

} // namespace hk
