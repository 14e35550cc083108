// libFuzzer target: the line-mode scanner decoder (each suffix, chunked as the first bytes say,
// with inter-byte flushes), the UTF-8 / GBK detector, and the keyboard-wedge input_event decoder.
// Beyond not crashing: chunking never changes the lines, a line never holds its suffix or
// exceeds the limit, and what is called UTF-8 is valid UTF-8.

#include "drivers/protocols/keyboard_wedge/input_event_decoder.h"
#include "drivers/protocols/scanner_line/scanned_text_encoding.h"
#include "drivers/protocols/scanner_line/scanner_line_decoder.h"

#include <cstdlib>
#include <string>

using namespace hk;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

std::vector<std::string> lines(const std::vector<ScannerLineDecoder::Event> &events)
{
    std::vector<std::string> out;
    for (const auto &e : events)
        out.push_back(e.kind == ScannerLineDecoder::Event::Kind::Overflow ? std::string("\x01overflow") : e.bytes);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    constexpr std::size_t kLimit = 64; // small, so overflows are reached
    for (const auto suffix : {ScannerLineDecoder::Suffix::Cr, ScannerLineDecoder::Suffix::Lf, ScannerLineDecoder::Suffix::CrLf}) {
        ScannerLineDecoder whole(suffix, kLimit);
        const auto wholeEvents = whole.feed(data, size);
        const auto expected = lines(wholeEvents);
        for (const auto &e : wholeEvents) {
            if (e.kind != ScannerLineDecoder::Event::Kind::Line)
                continue;
            check(!e.bytes.empty() && e.bytes.size() <= kLimit);
            if (suffix == ScannerLineDecoder::Suffix::Cr)
                check(e.bytes.find('\r') == std::string::npos);
            if (suffix == ScannerLineDecoder::Suffix::Lf)
                check(e.bytes.find('\n') == std::string::npos);
            if (suffix == ScannerLineDecoder::Suffix::CrLf)
                check(e.bytes.find("\r\n") == std::string::npos);
            check(e.encoding == detectScannedTextEncoding(e.bytes));
            if (e.encoding == ScannedTextEncoding::Utf8)
                check(isValidUtf8(e.bytes));
            if (e.encoding == ScannedTextEncoding::Gb18030)
                check(isValidGb18030(e.bytes) && !isValidUtf8(e.bytes));
        }
        // Chunked by the bytes' own values: the same lines.
        ScannerLineDecoder chunked(suffix, kLimit);
        std::vector<std::string> got;
        for (std::size_t at = 0; at < size;) {
            const std::size_t n = 1 + data[at] % 7;
            const auto part = lines(chunked.feed(data + at, std::min(n, size - at)));
            got.insert(got.end(), part.begin(), part.end());
            at += n;
        }
        check(got == expected);
        check(chunked.hasPending() == whole.hasPending());
        // The inter-byte timeout at some points: whatever it ends, the decoder goes on.
        ScannerLineDecoder flushed(suffix, kLimit);
        for (std::size_t at = 0; at < size; at += 5) {
            (void)flushed.feed(data + at, std::min<std::size_t>(5, size - at));
            if (data[at] & 1)
                if (const auto e = flushed.flush())
                    check(e->kind == ScannerLineDecoder::Event::Kind::Overflow || !e->bytes.empty());
        }
        check(!flushed.flush() || !flushed.hasPending());
    }

    // The same bytes as input_event records from a keyboard-wedge scanner.
    InputEventDecoder keys;
    InputEventDecoder keysChunked;
    const auto keyLines = keys.feed(data, size);
    std::size_t chunkedLines = 0;
    for (std::size_t at = 0; at < size; at += 13)
        chunkedLines += keysChunked.feed(data + at, std::min<std::size_t>(13, size - at)).size();
    check(chunkedLines == keyLines.size());
    for (const auto &e : keyLines)
        check(e.text.size() <= InputEventDecoder::kMaxLength);
    return 0;
}
