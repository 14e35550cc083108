#include "drivers/protocols/scanner_line/scanner_line_decoder.h"

namespace hk {

ScannerLineDecoder::ScannerLineDecoder(Suffix suffix, std::size_t maxLength)
    : m_suffix(suffix)
    , m_maxLength(maxLength == 0 ? kDefaultMaxLength : maxLength)
{
}

void ScannerLineDecoder::reset()
{
    m_buffer.clear();
    m_overflowing = false;
    m_pendingCr = false;
}

void ScannerLineDecoder::endLine(std::vector<Event> &events)
{
    if (m_overflowing) {
        events.push_back({Event::Kind::Overflow, {}, ScannedTextEncoding::Binary});
    } else if (!m_buffer.empty()) {
        Event line;
        line.encoding = detectScannedTextEncoding(m_buffer);
        line.bytes = std::move(m_buffer);
        events.push_back(std::move(line));
    }
    m_buffer.clear();
    m_overflowing = false;
}

std::vector<ScannerLineDecoder::Event> ScannerLineDecoder::feed(const std::uint8_t *data, std::size_t size)
{
    std::vector<Event> events;
    const auto append = [this](char c) {
        if (m_overflowing)
            return;
        if (m_buffer.size() >= m_maxLength) {
            m_overflowing = true;
            m_buffer.clear();
            return;
        }
        m_buffer += c;
    };
    for (std::size_t i = 0; i < size; ++i) {
        const char c = static_cast<char>(data[i]);
        switch (m_suffix) {
        case Suffix::Cr:
            if (c == '\r')
                endLine(events);
            else
                append(c);
            break;
        case Suffix::Lf:
            if (c == '\n')
                endLine(events);
            else
                append(c);
            break;
        case Suffix::CrLf:
            if (m_pendingCr) {
                m_pendingCr = false;
                if (c == '\n') {
                    endLine(events);
                    break;
                }
                append('\r'); // a lone CR belongs to the content
            }
            if (c == '\r')
                m_pendingCr = true;
            else
                append(c);
            break;
        }
    }
    return events;
}

std::optional<ScannerLineDecoder::Event> ScannerLineDecoder::flush()
{
    if (m_pendingCr) {
        // A scanner sending CR only, read as CRLF: the CR ended the line after all.
        m_pendingCr = false;
    }
    if (!hasPending())
        return std::nullopt;
    std::vector<Event> events;
    endLine(events);
    if (events.empty())
        return std::nullopt;
    return events.front();
}

} // namespace hk
