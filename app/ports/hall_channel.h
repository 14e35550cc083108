#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>

namespace hk {

// Something changed in the hall's shared state (DESIGN §11, "Live"): a note small enough to ride a
// PostgreSQL NOTIFY. It names what changed, not how it stands now: the terminal that hears it
// reads the state from the store, so a note that arrives late never shows anything stale.
struct HallNotice {
    enum class Kind {
        Window,    // a window action: `window`, `effect`, and the tickets below
        Queue,     // the waiting tickets changed (a ticket issued, re-queued …)
        Help,      // a 帮办 request: helpId, helpTerminal, helpAt
        HelpTaken, // a clerk took it: helpId
        Refresh,   // everything may have changed (a terminal's offline tickets merged …)
    };
    // What the hall hears and sees beyond the window's state (QueueService's effects).
    enum class Effect { Quiet, Call, Recall, Finish };

    Kind kind = Kind::Queue;
    int window = 0;
    Effect effect = Effect::Quiet;
    QString calledTicketId; // call and recall: the ticket called to the window
    QString servedTicketId; // a citizen left the window served (a finish, or a call that finished them)
    QString helpId;
    QString helpTerminal;
    std::optional<QDateTime> helpAt;
    QString origin; // the terminal that published it; the channel fills it in

    friend bool operator==(const HallNotice &, const HallNotice &) = default;
};

QString nameOf(HallNotice::Kind kind);     // "window" | "queue" | "help" | "help_taken" | "refresh"
QString nameOf(HallNotice::Effect effect); // "quiet" | "call" | "recall" | "finish"
std::optional<HallNotice::Kind> hallNoticeKindFromString(const QString &name);
std::optional<HallNotice::Effect> hallNoticeEffectFromString(const QString &name);

// The terminals of one hall telling each other what they changed, so every console, display,
// board and voice follows a change made through any of them. A terminal alone needs no channel:
// its version publishes nowhere and never hears anything.
class HallChannel : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Tells the other terminals, after the change is committed. Best effort: a notice lost with the
    // connection is made good by a refresh when the terminal is back.
    virtual void publish(const HallNotice &notice) = 0;

Q_SIGNALS:
    // A notice from another terminal of the hall; never one this terminal published.
    void noticed(const hk::HallNotice &notice);
};

} // namespace hk

Q_DECLARE_METATYPE(hk::HallNotice)
