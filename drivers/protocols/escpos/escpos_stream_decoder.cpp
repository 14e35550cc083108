#include "drivers/protocols/escpos/escpos_stream_decoder.h"

#include "drivers/protocols/escpos/escpos_encoder.h"

namespace hk {

using namespace escpos;

namespace {

bool isCommandStart(unsigned char b)
{
    return b == kLf || b == kCr || b == kDle || b == kEsc || b == kFs || b == kGs;
}

unsigned char at(const QByteArray &bytes, qsizetype i)
{
    return static_cast<unsigned char>(bytes.at(i));
}

} // namespace

qsizetype EscPosStreamDecoder::commandLength(qsizetype pos) const
{
    const qsizetype available = m_buffer.size() - pos;
    auto need = [available](qsizetype n) { return available >= n ? n : 0; };
    const unsigned char first = at(m_buffer, pos);
    if (first == kLf || first == kCr)
        return 1;
    if (available < 2)
        return 0;
    const unsigned char second = at(m_buffer, pos + 1);
    switch (first) {
    case kDle:
        if (second == 0x14) // DLE DC4 fn m t
            return need(5);
        return need(3);
    case kEsc:
        switch (second) {
        case '@':
        case '2':
            return 2;
        case 'p':
            return need(5);
        case '$':
            return need(4);
        case '*': { // ESC * m nL nH d1…dk, k = n (m 0/1) or 3n (m 32/33)
            if (available < 5)
                return 0;
            const int m = at(m_buffer, pos + 2);
            const int n = at(m_buffer, pos + 3) | (at(m_buffer, pos + 4) << 8);
            return need(5 + (m >= 32 ? 3 * n : n));
        }
        default:
            return need(3);
        }
    case kFs:
        switch (second) {
        case '&':
        case '.':
            return 2;
        case 'p':
            return need(4);
        default:
            return need(3);
        }
    case kGs:
        switch (second) {
        case 'V': {
            if (available < 3)
                return 0;
            const int m = at(m_buffer, pos + 2);
            return (m == 65 || m == 66) ? need(4) : 3;
        }
        case '(': { // GS ( fn pL pH …
            if (available < 5)
                return 0;
            const int len = at(m_buffer, pos + 3) | (at(m_buffer, pos + 4) << 8);
            return need(5 + len);
        }
        case 'v': { // GS v 0 m xL xH yL yH d…
            if (available < 8)
                return 0;
            const qsizetype x = at(m_buffer, pos + 4) | (at(m_buffer, pos + 5) << 8);
            const qsizetype y = at(m_buffer, pos + 6) | (at(m_buffer, pos + 7) << 8);
            return need(8 + x * y);
        }
        case 'L':
        case 'W':
            return need(4);
        default:
            return need(3);
        }
    default:
        return 1;
    }
}

EscPosEvent EscPosStreamDecoder::decodeCommand(const QByteArray &c) const
{
    EscPosEvent e;
    const unsigned char first = at(c, 0);
    if (first == kLf) {
        e.kind = EscPosEvent::Kind::Newline;
        return e;
    }
    if (first == kCr)
        return e; // Other: carriage return moves nothing on a line printer
    const unsigned char second = at(c, 1);
    auto arg = [&c](qsizetype i) { return int(static_cast<unsigned char>(c.at(i))); };
    if (first == kDle && second == 0x04) {
        e.kind = EscPosEvent::Kind::StatusRequest;
        e.value = arg(2);
    } else if (first == kEsc && second == '@') {
        e.kind = EscPosEvent::Kind::Initialize;
    } else if (first == kFs && (second == '&' || second == '.')) {
        e.kind = EscPosEvent::Kind::ChineseMode;
        e.value = second == '&' ? 1 : 0;
    } else if (first == kGs && second == '!') {
        e.kind = EscPosEvent::Kind::Size;
        e.value = arg(2);
    } else if (first == kEsc && second == 'a') {
        e.kind = EscPosEvent::Kind::Align;
        e.value = arg(2) & 0x0F; // 0/1/2 or '0'/'1'/'2'
    } else if (first == kEsc && second == 'E') {
        e.kind = EscPosEvent::Kind::Bold;
        e.value = arg(2) & 1;
    } else if (first == kEsc && second == 'd') {
        e.kind = EscPosEvent::Kind::Feed;
        e.value = arg(2);
    } else if (first == kGs && second == 'V') {
        e.kind = EscPosEvent::Kind::Cut;
        e.value = arg(2);
    } else if (first == kGs && second == '(' && c.size() >= 8 && arg(2) == 'k' && arg(5) == '1') {
        const int fn = arg(6);
        if (fn == 'P') {
            e.kind = EscPosEvent::Kind::QrStore;
            e.data = c.mid(8);
        } else if (fn == 'Q') {
            e.kind = EscPosEvent::Kind::QrPrint;
        } else {
            e.kind = EscPosEvent::Kind::QrSetting;
            e.value = fn;
        }
    } else if (first == kGs && second == 'v') {
        e.kind = EscPosEvent::Kind::Raster;
        e.value = arg(4) | (arg(5) << 8);
        e.height = arg(6) | (arg(7) << 8);
        e.data = c.mid(8);
    }
    if (e.kind == EscPosEvent::Kind::Other)
        e.data = c;
    return e;
}

QList<EscPosEvent> EscPosStreamDecoder::feed(const QByteArray &chunk)
{
    m_buffer.append(chunk);
    QList<EscPosEvent> events;
    qsizetype pos = 0;
    while (pos < m_buffer.size()) {
        const unsigned char b = at(m_buffer, pos);
        if (!isCommandStart(b)) {
            // Text runs up to the next control byte. GB18030 multi-byte characters never contain a
            // byte below 0x30, so a control byte always starts a command.
            qsizetype end = pos;
            while (end < m_buffer.size() && !isCommandStart(at(m_buffer, end)))
                ++end;
            const QByteArray text = m_buffer.mid(pos, end - pos);
            if (!events.isEmpty() && events.last().kind == EscPosEvent::Kind::Text) {
                events.last().data.append(text);
                events.last().raw.append(text);
            } else {
                events.append({EscPosEvent::Kind::Text, 0, 0, text, text});
            }
            pos = end;
            continue;
        }
        const qsizetype len = commandLength(pos);
        if (len == 0)
            break;
        const QByteArray command = m_buffer.mid(pos, len);
        EscPosEvent event = decodeCommand(command);
        event.raw = command;
        events.append(std::move(event));
        pos += len;
    }
    m_buffer.remove(0, pos);
    return events;
}

} // namespace hk
