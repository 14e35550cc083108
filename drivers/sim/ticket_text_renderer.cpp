#include "drivers/sim/ticket_text_renderer.h"

namespace hk {

int displayWidth(const QString &text)
{
    int width = 0;
    for (QChar c : text)
        width += c.unicode() >= 0x1100 ? 2 : 1;
    return width;
}

TicketTextRenderer::TicketTextRenderer(int columns)
    : m_columns(columns)
{
}

void TicketTextRenderer::addLine(const QString &text, int widthScale)
{
    QString shown = text;
    if (m_heightScale > 1 || widthScale > 1)
        shown = QStringLiteral("%1  [x%2]").arg(text).arg(std::max(widthScale, m_heightScale));
    if (m_bold && !text.trimmed().isEmpty())
        shown = QStringLiteral("*%1*").arg(shown);
    const int width = displayWidth(shown);
    int pad = 0;
    if (m_align == 1)
        pad = std::max(0, (m_columns - width) / 2);
    else if (m_align == 2)
        pad = std::max(0, m_columns - width);
    m_text += QString(pad, QLatin1Char(' ')) + shown + QLatin1Char('\n');
}

void TicketTextRenderer::flushLine()
{
    QStringDecoder decoder("GB18030");
    addLine(decoder.decode(m_lineBytes), m_widthScale);
    m_lineBytes.clear();
}

QList<QString> TicketTextRenderer::apply(const QList<EscPosEvent> &events)
{
    QList<QString> tickets;
    for (const EscPosEvent &e : events) {
        switch (e.kind) {
        case EscPosEvent::Kind::Text:
            m_lineBytes.append(e.data);
            break;
        case EscPosEvent::Kind::Newline:
            flushLine();
            break;
        case EscPosEvent::Kind::Initialize:
            m_align = 0;
            m_widthScale = m_heightScale = 1;
            m_bold = false;
            break;
        case EscPosEvent::Kind::Size:
            m_widthScale = ((e.value >> 4) & 0x07) + 1;
            m_heightScale = (e.value & 0x07) + 1;
            break;
        case EscPosEvent::Kind::Align:
            m_align = e.value;
            break;
        case EscPosEvent::Kind::Bold:
            m_bold = e.value != 0;
            break;
        case EscPosEvent::Kind::Feed:
            for (int i = 0; i < e.value; ++i)
                m_text += QLatin1Char('\n');
            break;
        case EscPosEvent::Kind::QrStore:
            m_qrData = e.data;
            break;
        case EscPosEvent::Kind::QrPrint:
            addLine(QStringLiteral("[QR %1]").arg(QString::fromUtf8(m_qrData)), 1);
            break;
        case EscPosEvent::Kind::Raster:
            addLine(QStringLiteral("[image %1x%2 dots]").arg(e.value * 8).arg(e.height), 1);
            break;
        case EscPosEvent::Kind::Cut:
            if (!m_lineBytes.isEmpty())
                flushLine();
            tickets.append(m_text);
            m_text.clear();
            break;
        case EscPosEvent::Kind::StatusRequest:
        case EscPosEvent::Kind::ChineseMode:
        case EscPosEvent::Kind::QrSetting:
        case EscPosEvent::Kind::Other:
            break;
        }
    }
    return tickets;
}

} // namespace hk
