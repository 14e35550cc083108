#pragma once

#include <QByteArray>
#include <QImage>

namespace hk {

// Draws what an ESC/POS printer would put on paper, from the bytes: GB18030 text in a 24-dot face
// (Noto Sans CJK SC) with GS ! sizes, bold and alignment, line and dot feeds, GS ( k QR codes
// (drawn as the printer would, with libqrencode) and GS v 0 images, up to the first cut. For the
// ticket preview (maintenance menu, docs) and the simulator's ticket-NNNN.png. Needs a
// QGuiApplication for the font; without one the image is null.
class TicketImageRenderer {
public:
    static QImage render(const QByteArray &escpos, int dotsPerLine = 576);
};

} // namespace hk
