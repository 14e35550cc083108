#pragma once

#include "drivers/protocols/scanner_line/scanned_text_encoding.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hk {

// A line-mode scanner's byte stream cut into scans (reference §4): bytes up to the configured
// suffix (CR, LF or CRLF); the suffix is not part of the scan, an empty line is no scan. Chunks may
// be split at any byte. Scanners without a suffix are read by the inter-byte timeout, which the
// device runs: it calls flush() when the line has gone quiet. A line longer than the limit is
// dropped up to its suffix and reported, so noise cannot grow the buffer without end.
class ScannerLineDecoder {
public:
    enum class Suffix { Cr, Lf, CrLf };

    struct Event {
        enum class Kind { Line, Overflow };
        Kind kind = Kind::Line;
        std::string bytes;                 // Line: without the suffix
        ScannedTextEncoding encoding = ScannedTextEncoding::Ascii;
    };

    static constexpr std::size_t kDefaultMaxLength = 2048;

    explicit ScannerLineDecoder(Suffix suffix = Suffix::Cr, std::size_t maxLength = kDefaultMaxLength);

    std::vector<Event> feed(const std::uint8_t *data, std::size_t size);
    std::vector<Event> feed(std::string_view bytes)
    {
        return feed(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
    }
    // The inter-byte timeout expired: what has arrived is a scan (or, while overflowing, the end of
    // the overlong one).
    std::optional<Event> flush();
    bool hasPending() const { return !m_buffer.empty() || m_overflowing || m_pendingCr; }
    void reset();
    Suffix suffix() const { return m_suffix; }

private:
    void endLine(std::vector<Event> &events);

    Suffix m_suffix;
    std::size_t m_maxLength;
    std::string m_buffer;
    bool m_overflowing = false;
    bool m_pendingCr = false; // CrLf: a CR that may start the suffix
};

} // namespace hk
