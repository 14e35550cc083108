#pragma once

namespace hk {

// The right to send the hall's outbox to the platform (DESIGN §11: one outbox per hall, sent by
// one terminal at a time). Whoever holds it sends; the others pull and wait, and one of them takes
// over within 30 s when the holder dies. A terminal alone always holds it.
class SenderLease {
public:
    virtual ~SenderLease() = default;

    // True while this terminal is the sender; when it is not, tries to become it. Cheap enough to
    // call on every tick: an implementation asks its database no more often than it must.
    virtual bool tryHold() = 0;
    // The latest answer, without trying.
    virtual bool holds() const = 0;
};

} // namespace hk
