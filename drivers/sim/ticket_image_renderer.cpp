#include "drivers/sim/ticket_image_renderer.h"

#include "drivers/protocols/escpos/escpos_stream_decoder.h"
#include "drivers/protocols/escpos/qr_raster.h"

#include <QFont>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QStringDecoder>

#include <algorithm>

namespace hk {
namespace {

constexpr int kFontDots = 24;   // Font A: 12 × 24 ASCII, 24 × 24 Chinese (reference §3.1)
constexpr int kLineDots = 30;   // default line spacing
constexpr int kMargin = 16;     // white paper above the first line and below the cut
constexpr int kMaxHeight = 8000;

QImage toImage(const MonoImage &mono)
{
    QImage image(mono.width, mono.height, QImage::Format_Mono);
    image.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});
    for (int y = 0; y < mono.height; ++y)
        std::copy_n(mono.dots.constData() + qsizetype(y) * mono.bytesPerRow(), mono.bytesPerRow(), image.scanLine(y));
    return image;
}

} // namespace

QImage TicketImageRenderer::render(const QByteArray &escpos, int dotsPerLine)
{
    // Fonts need a QGuiApplication: the terminal and devsim have one; a QCoreApplication tool does not.
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return {};
    QImage paper(dotsPerLine, kMaxHeight, QImage::Format_RGB32);
    paper.fill(Qt::white);
    QPainter painter(&paper);
    painter.setPen(Qt::black);
    QStringDecoder gb18030("GB18030");

    int y = kMargin;
    int align = 0;
    int widthScale = 1;
    int heightScale = 1;
    bool bold = false;
    int qrModule = 3;
    QByteArray qrData;
    QByteArray line;

    const auto xFor = [&](int width) {
        return align == 1 ? (dotsPerLine - width) / 2 : align == 2 ? dotsPerLine - width : 0;
    };
    const auto flushLine = [&](bool force) {
        if (line.isEmpty()) {
            if (force)
                y += kLineDots;
            return;
        }
        QString text = gb18030.decode(std::exchange(line, {}));
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        font.setPixelSize(kFontDots);
        font.setBold(bold);
        const QFontMetrics metrics(font);
        // A printer wraps a line that does not fit at the last character that does.
        while (!text.isEmpty()) {
            qsizetype fits = text.size();
            while (fits > 1 && metrics.horizontalAdvance(text.left(fits)) * widthScale > dotsPerLine)
                --fits;
            const QString part = text.left(fits);
            text.remove(0, fits);
            const int width = metrics.horizontalAdvance(part) * widthScale;
            painter.save();
            painter.setFont(font);
            painter.translate(xFor(std::min(width, dotsPerLine)), y);
            painter.scale(widthScale, heightScale);
            painter.drawText(0, metrics.ascent(), part);
            painter.restore();
            y += std::max(kLineDots, metrics.height() * heightScale);
        }
    };
    const auto drawImage = [&](const MonoImage &image) {
        flushLine(false);
        if (image.isNull())
            return;
        painter.drawImage(xFor(image.width), y, toImage(image));
        y += image.height;
    };

    EscPosStreamDecoder decoder;
    for (const EscPosEvent &e : decoder.feed(escpos)) {
        if (y > kMaxHeight - 200)
            break;
        switch (e.kind) {
        case EscPosEvent::Kind::Text:
            line.append(e.data);
            break;
        case EscPosEvent::Kind::Newline:
            flushLine(true);
            break;
        case EscPosEvent::Kind::Initialize:
            align = 0;
            widthScale = heightScale = 1;
            bold = false;
            break;
        case EscPosEvent::Kind::Size:
            widthScale = ((e.value >> 4) & 7) + 1;
            heightScale = (e.value & 7) + 1;
            break;
        case EscPosEvent::Kind::Align:
            align = std::clamp(e.value, 0, 2);
            break;
        case EscPosEvent::Kind::Bold:
            bold = e.value != 0;
            break;
        case EscPosEvent::Kind::Feed:
            flushLine(false);
            y += e.value * kLineDots;
            break;
        case EscPosEvent::Kind::QrSetting:
            if (e.value == 'C' && e.raw.size() >= 8)
                qrModule = static_cast<unsigned char>(e.raw.at(7));
            break;
        case EscPosEvent::Kind::QrStore:
            qrData = e.data;
            break;
        case EscPosEvent::Kind::QrPrint:
            drawImage(makeQrRaster(qrData, qrModule));
            break;
        case EscPosEvent::Kind::Raster:
            drawImage(MonoImage{e.value * 8, e.height, e.data});
            break;
        case EscPosEvent::Kind::Cut:
            flushLine(false);
            painter.setPen(QPen(Qt::gray, 1, Qt::DashLine));
            painter.drawLine(0, y + kMargin, dotsPerLine, y + kMargin);
            painter.end();
            return paper.copy(0, 0, dotsPerLine, y + 2 * kMargin);
        case EscPosEvent::Kind::Other:
            if (e.raw.size() == 3 && e.raw.at(0) == 0x1B && e.raw.at(1) == 'J') { // ESC J n: feed n dots
                flushLine(false);
                y += static_cast<unsigned char>(e.raw.at(2));
            }
            break;
        case EscPosEvent::Kind::StatusRequest:
        case EscPosEvent::Kind::ChineseMode:
            break;
        }
    }
    flushLine(false);
    painter.end();
    return paper.copy(0, 0, dotsPerLine, y + kMargin);
}

} // namespace hk
