#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hk {

// A ticket as the printer should lay it out, independent of any printer language. Services
// compose it; a printer device turns it into bytes for its profile (ESC/POS, raster QR …).
struct PrintBlock {
    enum class Kind { Text, Qr, Feed };
    enum class Align { Left, Center, Right };

    Kind kind = Kind::Text;
    QString text;        // Text
    QByteArray qrData;   // Qr: the bytes the code carries (UTF-8)
    Align align = Align::Left;
    int scale = 1;       // Text: 1..8, width and height multiplier
    bool bold = false;
    int lines = 1;       // Feed

    static PrintBlock textLine(QString text, Align align = Align::Left, int scale = 1,
                               bool bold = false)
    {
        PrintBlock b;
        b.text = std::move(text);
        b.align = align;
        b.scale = scale;
        b.bold = bold;
        return b;
    }
    static PrintBlock qr(QByteArray data)
    {
        PrintBlock b;
        b.kind = Kind::Qr;
        b.qrData = std::move(data);
        b.align = Align::Center;
        return b;
    }
    static PrintBlock feed(int lines)
    {
        PrintBlock b;
        b.kind = Kind::Feed;
        b.lines = lines;
        return b;
    }
};

struct PrintDocument {
    QString title; // for logs and print queues: "ticket A001"
    QList<PrintBlock> blocks;
};

} // namespace hk
