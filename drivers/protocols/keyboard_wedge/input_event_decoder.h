#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hk {

// A keyboard-wedge scanner read from evdev (reference §4): the raw `struct input_event` records
// of /dev/input/eventN turned back into the text the scanner typed, as a US-layout keyboard
// would, up to Enter. Only what a scanner types is understood (ASCII, Shift, Caps Lock); any
// other key is counted and left out. Chunks may split a record anywhere.
class InputEventDecoder {
public:
    struct Event {
        enum class Kind { Line, Overflow };
        Kind kind = Kind::Line;
        std::string text;     // ASCII, without the Enter
        int unknownKeys = 0;  // keys in the line that type nothing we know
    };

    static constexpr std::size_t kMaxLength = 2048;
    static std::size_t recordSize();

    std::vector<Event> feed(const std::uint8_t *data, std::size_t size);
    void reset();
    bool hasPending() const { return !m_line.empty() || m_overflowing; }

    // The character a key types with or without Shift, 0 for none (exposed for tests and the
    // uinput test, which types text key by key).
    static char characterOf(std::uint16_t keyCode, bool shifted);
    struct KeyStroke {
        std::uint16_t code = 0;
        bool shift = false;
    };
    // The key (and whether Shift) that types `c` on a US layout; code 0 if none does.
    static KeyStroke keyFor(char c);

private:
    void onKey(std::uint16_t code, std::int32_t value, std::vector<Event> &events);

    std::vector<std::uint8_t> m_partial; // a record split across chunks
    std::string m_line;
    int m_unknown = 0;
    bool m_leftShift = false;
    bool m_rightShift = false;
    bool m_capsLock = false;
    bool m_overflowing = false;
};

} // namespace hk
