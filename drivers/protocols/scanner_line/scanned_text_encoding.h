#pragma once

#include <string_view>

namespace hk {

// How a scanner's bytes are to be read (reference §4): QR content with Chinese arrives as UTF-8,
// or as GBK on some models. UTF-8 wins when a line is valid both ways, as nearly every phone's QR
// code is UTF-8 and a GBK line that is also valid UTF-8 is rare.
enum class ScannedTextEncoding {
    Ascii,  // 7-bit only: the same in either
    Utf8,
    Gb18030, // GBK double-byte (and the GB 18030 four-byte form)
    Binary,  // neither: a damaged read or a binary code
};

ScannedTextEncoding detectScannedTextEncoding(std::string_view bytes);
bool isValidUtf8(std::string_view bytes);
bool isValidGb18030(std::string_view bytes);

} // namespace hk
