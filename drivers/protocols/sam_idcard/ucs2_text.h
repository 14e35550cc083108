#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hk::ucs2 {

// The card's text fields are UCS-2 little-endian, padded with spaces (20 00) (reference §1.6).
// Decodes one field to UTF-8 without its padding (trailing spaces and NULs); a surrogate pair is
// combined, a lone surrogate makes the field undecodable.
std::optional<std::string> decodeField(const std::uint8_t *bytes, std::size_t size);
// Encodes UTF-8 text into a field of `size` bytes, padded with spaces; false if it does not fit or
// the text is not valid UTF-8.
bool encodeField(std::string_view utf8, std::uint8_t *out, std::size_t size);

} // namespace hk::ucs2
