#include "drivers/protocols/escpos/escpos_document_encoder.h"

#include "drivers/protocols/escpos/escpos_encoder.h"

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
            e.qr(block.qrData, profile.qrModuleDots);
            e.newline();
            break;
        case PrintBlock::Kind::Feed:
            e.feed(block.lines);
            break;
        }
    }
    e.align(EscPosEncoder::Align::Left);
    e.cut(EscPosEncoder::Cut::Partial, profile.cutFeedDots);
    return e.bytes();
}

} // namespace hk
