#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hk {

// Splits a byte stream from (or to) an ID-card reader into GA 467 frames. Accepts chunks split at
// any byte; skips noise before a preamble; a frame whose length is impossible or whose checksum is
// wrong is reported and the decoder resynchronises on the next preamble after its first byte.
class SamFrameDecoder {
public:
    struct Event {
        enum class Kind { Frame, BadChecksum, BadLength, Skipped };
        Kind kind = Kind::Frame;
        std::vector<std::uint8_t> body; // Frame: the bytes between LEN and CHK
        std::size_t skipped = 0;        // Skipped: bytes of noise dropped
    };

    std::vector<Event> feed(const std::uint8_t *data, std::size_t size);
    std::vector<Event> feed(const std::vector<std::uint8_t> &bytes) { return feed(bytes.data(), bytes.size()); }
    void reset() { m_buffer.clear(); }
    std::size_t buffered() const { return m_buffer.size(); }

private:
    void drop(std::size_t count, std::vector<Event> &events);

    std::vector<std::uint8_t> m_buffer;
};

} // namespace hk
