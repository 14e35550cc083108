#pragma once

#include "drivers/protocols/escpos/escpos_stream_decoder.h"

#include <QList>
#include <QString>
#include <QStringDecoder>

namespace hk {

// Renders what an ESC/POS printer would put on paper as readable text: GB18030 decoded, lines
// aligned on the paper's width, large type marked, QR codes and images named with their content.
// A ticket ends at the cut.
class TicketTextRenderer {
public:
    explicit TicketTextRenderer(int columns = 48);

    // Feeds decoded events; returns the tickets completed by a cut in them.
    QList<QString> apply(const QList<EscPosEvent> &events);
    QString pending() const { return m_text; }

private:
    void flushLine();
    void addLine(const QString &text, int widthScale);

    int m_columns;
    QByteArray m_lineBytes;
    QString m_text;
    QByteArray m_qrData;
    int m_align = 0;
    int m_widthScale = 1;
    int m_heightScale = 1;
    bool m_bold = false;
};

int displayWidth(const QString &text); // East Asian wide characters count 2

} // namespace hk
