#include "drivers/protocols/keyboard_wedge/input_event_decoder.h"

#include <cstring>
#include <linux/input.h>

namespace hk {
namespace {

struct KeyChars {
    std::uint16_t code;
    char plain;
    char shifted;
};

// The US layout for the keys a scanner types (linux/input-event-codes.h).
constexpr KeyChars kKeys[] = {
    {KEY_1, '1', '!'}, {KEY_2, '2', '@'}, {KEY_3, '3', '#'}, {KEY_4, '4', '$'}, {KEY_5, '5', '%'},
    {KEY_6, '6', '^'}, {KEY_7, '7', '&'}, {KEY_8, '8', '*'}, {KEY_9, '9', '('}, {KEY_0, '0', ')'},
    {KEY_MINUS, '-', '_'}, {KEY_EQUAL, '=', '+'},
    {KEY_Q, 'q', 'Q'}, {KEY_W, 'w', 'W'}, {KEY_E, 'e', 'E'}, {KEY_R, 'r', 'R'}, {KEY_T, 't', 'T'},
    {KEY_Y, 'y', 'Y'}, {KEY_U, 'u', 'U'}, {KEY_I, 'i', 'I'}, {KEY_O, 'o', 'O'}, {KEY_P, 'p', 'P'},
    {KEY_LEFTBRACE, '[', '{'}, {KEY_RIGHTBRACE, ']', '}'},
    {KEY_A, 'a', 'A'}, {KEY_S, 's', 'S'}, {KEY_D, 'd', 'D'}, {KEY_F, 'f', 'F'}, {KEY_G, 'g', 'G'},
    {KEY_H, 'h', 'H'}, {KEY_J, 'j', 'J'}, {KEY_K, 'k', 'K'}, {KEY_L, 'l', 'L'},
    {KEY_SEMICOLON, ';', ':'}, {KEY_APOSTROPHE, '\'', '"'}, {KEY_GRAVE, '`', '~'}, {KEY_BACKSLASH, '\\', '|'},
    {KEY_Z, 'z', 'Z'}, {KEY_X, 'x', 'X'}, {KEY_C, 'c', 'C'}, {KEY_V, 'v', 'V'}, {KEY_B, 'b', 'B'},
    {KEY_N, 'n', 'N'}, {KEY_M, 'm', 'M'},
    {KEY_COMMA, ',', '<'}, {KEY_DOT, '.', '>'}, {KEY_SLASH, '/', '?'}, {KEY_SPACE, ' ', ' '},
    // The keypad, as a scanner in "numeric keypad" mode types digits.
    {KEY_KP0, '0', '0'}, {KEY_KP1, '1', '1'}, {KEY_KP2, '2', '2'}, {KEY_KP3, '3', '3'}, {KEY_KP4, '4', '4'},
    {KEY_KP5, '5', '5'}, {KEY_KP6, '6', '6'}, {KEY_KP7, '7', '7'}, {KEY_KP8, '8', '8'}, {KEY_KP9, '9', '9'},
    {KEY_KPMINUS, '-', '-'}, {KEY_KPPLUS, '+', '+'}, {KEY_KPDOT, '.', '.'}, {KEY_KPSLASH, '/', '/'},
    {KEY_KPASTERISK, '*', '*'},
};

bool isLetter(char c)
{
    return c >= 'a' && c <= 'z';
}

} // namespace

std::size_t InputEventDecoder::recordSize()
{
    return sizeof(input_event);
}

char InputEventDecoder::characterOf(std::uint16_t keyCode, bool shifted)
{
    for (const KeyChars &k : kKeys) {
        if (k.code == keyCode)
            return shifted ? k.shifted : k.plain;
    }
    return 0;
}

InputEventDecoder::KeyStroke InputEventDecoder::keyFor(char c)
{
    for (const KeyChars &k : kKeys) {
        if (k.code >= KEY_KP7 || k.code == KEY_KPASTERISK)
            continue; // the main block only
        if (k.plain == c)
            return {k.code, false};
        if (k.shifted == c)
            return {k.code, true};
    }
    return {};
}

void InputEventDecoder::reset()
{
    m_partial.clear();
    m_line.clear();
    m_unknown = 0;
    m_leftShift = m_rightShift = m_capsLock = m_overflowing = false;
}

void InputEventDecoder::onKey(std::uint16_t code, std::int32_t value, std::vector<Event> &events)
{
    // value: 0 release, 1 press, 2 autorepeat (a scanner never holds a key: repeats are ignored).
    if (code == KEY_LEFTSHIFT || code == KEY_RIGHTSHIFT) {
        if (value != 2)
            (code == KEY_LEFTSHIFT ? m_leftShift : m_rightShift) = value == 1;
        return;
    }
    if (value != 1)
        return;
    if (code == KEY_CAPSLOCK) {
        m_capsLock = !m_capsLock;
        return;
    }
    if (code == KEY_ENTER || code == KEY_KPENTER) {
        if (m_overflowing)
            events.push_back({Event::Kind::Overflow, {}, m_unknown});
        else if (!m_line.empty())
            events.push_back({Event::Kind::Line, m_line, m_unknown});
        m_line.clear();
        m_unknown = 0;
        m_overflowing = false;
        return;
    }
    const bool shift = m_leftShift || m_rightShift;
    const char plain = characterOf(code, false);
    char c = characterOf(code, shift);
    if (isLetter(plain) && m_capsLock)
        c = shift ? plain : characterOf(code, true); // Caps Lock inverts Shift for letters only
    if (c == 0) {
        ++m_unknown;
        return;
    }
    if (m_overflowing)
        return;
    if (m_line.size() >= kMaxLength) {
        m_overflowing = true;
        m_line.clear();
        return;
    }
    m_line += c;
}

std::vector<InputEventDecoder::Event> InputEventDecoder::feed(const std::uint8_t *data, std::size_t size)
{
    std::vector<Event> events;
    const std::size_t record = recordSize();
    std::size_t i = 0;
    const auto handle = [this, &events](const std::uint8_t *bytes) {
        input_event ev;
        std::memcpy(&ev, bytes, sizeof ev);
        if (ev.type == EV_KEY)
            onKey(ev.code, ev.value, events);
    };
    if (!m_partial.empty()) {
        const std::size_t need = record - m_partial.size();
        const std::size_t take = need < size ? need : size;
        m_partial.insert(m_partial.end(), data, data + take);
        i = take;
        if (m_partial.size() < record)
            return events;
        handle(m_partial.data());
        m_partial.clear();
    }
    for (; i + record <= size; i += record)
        handle(data + i);
    if (i < size)
        m_partial.assign(data + i, data + size);
    return events;
}

} // namespace hk
