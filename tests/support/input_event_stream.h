#pragma once

// What a USB HID keyboard-wedge scanner delivers on /dev/input/eventN when it "types" a line: per
// key an EV_MSC/MSC_SCAN with the HID usage, the EV_KEY press, EV_SYN, then the release and EV_SYN;
// Shift around upper-case letters and symbols; Enter at the end. Built here in that layout (the
// machines the suite runs on have no scanner to record from), and fed to the same decoding code
// the terminal runs — and typed through /dev/uinput where a machine has it.

#include "drivers/protocols/keyboard_wedge/input_event_decoder.h"

#include <QByteArray>

#include <cstring>
#include <linux/input.h>

namespace hk::test {

inline void appendEvent(QByteArray &out, std::uint16_t type, std::uint16_t code, std::int32_t value, long usec)
{
    input_event ev{};
    ev.time.tv_sec = 1764558000 + usec / 1000000;
    ev.time.tv_usec = usec % 1000000;
    ev.type = type;
    ev.code = code;
    ev.value = value;
    out.append(reinterpret_cast<const char *>(&ev), qsizetype(sizeof ev));
}

inline void appendKey(QByteArray &out, std::uint16_t code, long &usec)
{
    for (int value : {1, 0}) {
        appendEvent(out, EV_MSC, MSC_SCAN, 0x70000 + code, usec);
        appendEvent(out, EV_KEY, code, value, usec);
        appendEvent(out, EV_SYN, SYN_REPORT, 0, usec);
        usec += 2000; // scanners type a key every few milliseconds
    }
}

// The records for typing `text` (ASCII) and Enter.
inline QByteArray typedLine(const QByteArray &text, long startUsec = 0)
{
    QByteArray out;
    long usec = startUsec;
    for (char c : text) {
        const auto stroke = InputEventDecoder::keyFor(c);
        if (stroke.code == 0)
            continue;
        if (stroke.shift) {
            appendEvent(out, EV_KEY, KEY_LEFTSHIFT, 1, usec);
            appendEvent(out, EV_SYN, SYN_REPORT, 0, usec);
        }
        appendKey(out, stroke.code, usec);
        if (stroke.shift) {
            appendEvent(out, EV_KEY, KEY_LEFTSHIFT, 0, usec);
            appendEvent(out, EV_SYN, SYN_REPORT, 0, usec);
        }
    }
    appendKey(out, KEY_ENTER, usec);
    return out;
}

} // namespace hk::test
