#include "drivers/protocols/escpos/escpos_document_encoder.h"

#include "drivers/protocols/escpos/escpos_encoder.h"
#include "drivers/protocols/escpos/qr_raster.h"

namespace hk {
namespace {

EscPosEncoder::Align toEscPos(PrintBlock::Align align)
{
    switch (align) {
    case PrintBlock::Align::Left:
        return EscPosEncoder::Align::Left;
    case PrintBlock::Align::Center:
        return EscPosEncoder::Align::Center;
    case PrintBlock::Align::Right:
        return EscPosEncoder::Align::Right;
    }
    return EscPosEncoder::Align::Left;
}

// The QR quiet zone above a raster code (4 modules, ISO/IEC 18004): a dot feed costs 3 bytes where
// white rows would cost a row of bytes each. The line feed after the code gives the zone below.
constexpr int kQuietModules = 4;

} // namespace

QByteArray EscPosDocumentEncoder::encode(const PrintDocument &document, const EscPosProfile &profile)
{
    EscPosEncoder e;
    e.initialize();
    if (profile.chineseMode)
        e.chineseMode(true);
    for (const PrintBlock &block : document.blocks) {
        switch (block.kind) {
        case PrintBlock::Kind::Text:
            e.align(toEscPos(block.align));
            if (block.scale != 1)
                e.size(block.scale, block.scale);
            if (block.bold)
                e.bold(true);
            e.line(block.text);
            if (block.bold)
                e.bold(false);
            if (block.scale != 1)
                e.size(1, 1);
            break;
        case PrintBlock::Kind::Qr:
            e.align(EscPosEncoder::Align::Center);
            if (profile.nativeQr) {
                e.qr(block.qrData, profile.qrModuleDots);
            } else {
                // No GS ( k: the host draws the code. A module size too large for the paper shrinks.
                int module = profile.qrModuleDots;
                MonoImage code = makeQrRaster(block.qrData, module);
                while (module > 1 && code.width > profile.dotsPerLine)
                    code = makeQrRaster(block.qrData, --module);
                e.feedDots(kQuietModules * module);
                e.image(code);
            }
            e.newline();
            break;
        case PrintBlock::Kind::Image:
            if (block.image.isNull() || block.image.width > profile.dotsPerLine)
                break; // a logo wider than the paper is left out rather than printed cut off
            e.align(toEscPos(block.align));
            e.image(block.image);
            break;
        case PrintBlock::Kind::Feed:
            e.feed(block.lines);
            break;
        }
    }
    e.align(EscPosEncoder::Align::Left);
    switch (profile.cut) {
    case EscPosProfile::Cut::Partial:
        e.cut(EscPosEncoder::Cut::Partial, profile.cutFeedDots);
        break;
    case EscPosProfile::Cut::Full:
        e.cut(EscPosEncoder::Cut::Full, profile.cutFeedDots);
        break;
    }
    return e.bytes();
}

} // namespace hk
