#include "drivers/protocols/scanner_line/scanned_text_encoding.h"

namespace hk {
namespace {

unsigned char at(std::string_view s, std::size_t i)
{
    return static_cast<unsigned char>(s[i]);
}

} // namespace

bool isValidUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char b = at(s, i);
        std::size_t extra = 0;
        unsigned min = 0;
        unsigned c = 0;
        if (b < 0x80) {
            ++i;
            continue;
        }
        if ((b & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
            c = b & 0x1F;
        } else if ((b & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
            c = b & 0x0F;
        } else if ((b & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
            c = b & 0x07;
        } else {
            return false;
        }
        if (i + extra >= s.size())
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const unsigned char t = at(s, i + k);
            if ((t & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (t & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool isValidGb18030(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char b = at(s, i);
        if (b < 0x80) {
            ++i;
            continue;
        }
        if (b == 0x80 || b == 0xFF || i + 1 >= s.size())
            return false;
        const unsigned char b2 = at(s, i + 1);
        if ((b2 >= 0x40 && b2 <= 0x7E) || (b2 >= 0x80 && b2 <= 0xFE)) {
            i += 2; // the GBK double-byte form
            continue;
        }
        // The four-byte form: 81–FE 30–39 81–FE 30–39.
        if (b2 >= 0x30 && b2 <= 0x39 && i + 3 < s.size()) {
            const unsigned char b3 = at(s, i + 2);
            const unsigned char b4 = at(s, i + 3);
            if (b3 >= 0x81 && b3 <= 0xFE && b4 >= 0x30 && b4 <= 0x39) {
                i += 4;
                continue;
            }
        }
        return false;
    }
    return true;
}

ScannedTextEncoding detectScannedTextEncoding(std::string_view s)
{
    bool ascii = true;
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return ScannedTextEncoding::Ascii;
    if (isValidUtf8(s))
        return ScannedTextEncoding::Utf8;
    if (isValidGb18030(s))
        return ScannedTextEncoding::Gb18030;
    return ScannedTextEncoding::Binary;
}

} // namespace hk
