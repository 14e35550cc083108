#include "drivers/protocols/sam_idcard/sam_frame_decoder.h"

#include "drivers/protocols/sam_idcard/sam_frame.h"

#include <algorithm>

namespace hk {

void SamFrameDecoder::drop(std::size_t count, std::vector<Event> &events)
{
    if (count == 0)
        return;
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + std::ptrdiff_t(count));
    if (!events.empty() && events.back().kind == Event::Kind::Skipped)
        events.back().skipped += count;
    else
        events.push_back({Event::Kind::Skipped, {}, count});
}

std::vector<SamFrameDecoder::Event> SamFrameDecoder::feed(const std::uint8_t *data, std::size_t size)
{
    std::vector<Event> events;
    if (size > 0)
        m_buffer.insert(m_buffer.end(), data, data + size);
    const auto &preamble = sam::kPreamble;
    for (;;) {
        const auto found = std::search(m_buffer.begin(), m_buffer.end(), preamble.begin(), preamble.end());
        if (found == m_buffer.end()) {
            // Keep a tail that may be the start of a preamble split across chunks.
            std::size_t keep = std::min(m_buffer.size(), preamble.size() - 1);
            while (keep > 0 && !std::equal(m_buffer.end() - std::ptrdiff_t(keep), m_buffer.end(), preamble.begin()))
                --keep;
            drop(m_buffer.size() - keep, events);
            return events;
        }
        drop(std::size_t(found - m_buffer.begin()), events);
        if (m_buffer.size() < sam::kHeaderSize)
            return events;
        const std::size_t length = (std::size_t(m_buffer[5]) << 8) | m_buffer[6];
        // The shortest body is a command's CMD PARA: LEN 3 with the checksum.
        if (length < 3 || length > sam::kMaxLength) {
            events.push_back({Event::Kind::BadLength, {}, 0});
            drop(1, events);
            continue;
        }
        const std::size_t total = sam::kHeaderSize + length;
        if (m_buffer.size() < total)
            return events;
        const std::uint8_t expected = sam::checksum(m_buffer.data() + preamble.size(), 2 + length - 1);
        if (expected != m_buffer[total - 1]) {
            events.push_back({Event::Kind::BadChecksum, {}, 0});
            drop(1, events);
            continue;
        }
        Event frame;
        frame.body.assign(m_buffer.begin() + std::ptrdiff_t(sam::kHeaderSize), m_buffer.begin() + std::ptrdiff_t(total - 1));
        events.push_back(std::move(frame));
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + std::ptrdiff_t(total));
    }
}

} // namespace hk
