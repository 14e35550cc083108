#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hk {

// A 1-bit picture for a printer: rows of ceil(width / 8) bytes, MSB = leftmost dot, 1 = black
// (the GS v 0 layout, reference §3.3). A logo on a ticket, a QR code drawn by the host.
struct MonoImage {
    int width = 0;  // dots
    int height = 0; // rows
    QByteArray dots;

    int bytesPerRow() const { return (width + 7) / 8; }
    bool isNull() const { return width <= 0 || height <= 0 || dots.size() != qsizetype(bytesPerRow()) * height; }
    bool dot(int x, int y) const
    {
        return (static_cast<unsigned char>(dots.at(qsizetype(y) * bytesPerRow() + x / 8)) >> (7 - x % 8)) & 1;
    }
};

// A ticket as the printer should lay it out, independent of any printer language. Services
// compose it; a printer device turns it into bytes for its profile (ESC/POS, raster QR …).
struct PrintBlock {
    enum class Kind { Text, Qr, Feed, Image };
    enum class Align { Left, Center, Right };

    Kind kind = Kind::Text;
    QString text;        // Text
    QByteArray qrData;   // Qr: the bytes the code carries (UTF-8)
    Align align = Align::Left;
    int scale = 1;       // Text: 1..8, width and height multiplier
    bool bold = false;
    int lines = 1;       // Feed
    MonoImage image;     // Image

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
    static PrintBlock picture(MonoImage image, Align align = Align::Center)
    {
        PrintBlock b;
        b.kind = Kind::Image;
        b.image = std::move(image);
        b.align = align;
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
    // What the document prints (a ticket id). Printing the same key again is a reprint: a CUPS
    // queue first cancels a job of that key that is still pending (DESIGN §4).
    QString key;
    QList<PrintBlock> blocks;
};

} // namespace hk
