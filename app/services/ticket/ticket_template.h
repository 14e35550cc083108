#pragma once

#include "app/domain/result.h"
#include "app/ports/devices/print_document.h"

#include <QList>
#include <QString>

namespace hk {

// The layout of a printed ticket, as data (resources/tickets/ticket.json), so a hall changes its
// tickets without a new program: which lines, in which size and order, where the QR code and the
// logo go. Text may hold fields — {center} {number} {group} {matter} {ahead} {slot} {time} — and
// a block may print only `when` a condition holds: booked, walkin, matter, slot, reprint.
struct TicketTemplate {
    struct Block {
        enum class Kind { Text, Qr, Feed, Logo };
        Kind kind = Kind::Text;
        QString text;
        PrintBlock::Align align = PrintBlock::Align::Center;
        int size = 1; // 1..8
        bool bold = false;
        int lines = 1;
        QString when;
    };

    QList<Block> blocks;
    QString logoFile; // as written in the template; the composition root loads the picture

    // Every error names the block and the key ("blocks[3].size: …").
    static Result<TicketTemplate, QString> fromJson(const QByteArray &json);
    // The layout the terminal uses when the config names none; resources/tickets/ticket.json holds
    // the same as data (a test keeps the two equal).
    static TicketTemplate standard();
};

} // namespace hk
